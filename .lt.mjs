import { chromium } from "playwright-core";
import { serveSite } from "/work/main/scripts/static-server.mjs";
const [chapter, cellId, nth = "0", css = ""] = process.argv.slice(2);
const site = await serveSite("/work/main/dist", "/ntk-notebook/", 0);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const out = [];
for (let rep = 0; rep < 3; rep++) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => { window.tasks = []; new PerformanceObserver((l) => l.getEntries().forEach((e) => window.tasks.push(Math.round(e.duration)))).observe({ type: "longtask" }); });
  await page.goto(site.url + "chapters/" + chapter + "/?backend=wasm");
  if (css) await page.addStyleTag({ content: css });
  const slider = page.locator(`.nb-cell[data-cell-id="${cellId}"] input[type=range]`).nth(Number(nth));
  await slider.scrollIntoViewIfNeeded();
  await slider.focus(); await page.keyboard.press("ArrowRight");
  const idle = () => page.waitForFunction(() => document.body.dataset.kernel === "idle" && !document.querySelector('.nb-cell[data-state="queued"], .nb-cell[data-state="running"]'), null, { timeout: 120000 });
  await idle(); await page.waitForTimeout(500);
  await page.evaluate(() => (window.tasks = []));
  const box = await slider.boundingBox();
  await page.mouse.move(box.x + 2, box.y + box.height / 2); await page.mouse.down();
  for (let i = 0; i <= 30; i++) { await page.mouse.move(box.x + 2 + (box.width - 4) * i / 30, box.y + box.height / 2); await page.waitForTimeout(30); }
  await page.mouse.up(); await idle();
  out.push(await page.evaluate(() => window.tasks));
  await page.close();
}
console.log(JSON.stringify(out), "max per rep:", out.map((t) => Math.max(0, ...t)).join(" "));
await browser.close(); await site.close();
