import { chromium } from "playwright-core";
import { serveSite } from "/work/main/scripts/static-server.mjs";
const site = await serveSite("/work/main/dist", "/ntk-notebook/", 0);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.addInitScript(() => { window.tasks = []; new PerformanceObserver((l) => l.getEntries().forEach((e) => window.tasks.push(Math.round(e.duration)))).observe({ type: "longtask" }); });
await page.goto(site.url + "chapters/" + process.argv[2] + "/?backend=wasm");
const slider = page.locator(`.nb-cell[data-cell-id="${process.argv[3]}"] input[type=range]`).nth(Number(process.argv[4] ?? 0));
await slider.scrollIntoViewIfNeeded();
await slider.focus(); await page.keyboard.press("ArrowRight");
const idle = () => page.waitForFunction(() => document.body.dataset.kernel === "idle" && !document.querySelector('.nb-cell[data-state="queued"], .nb-cell[data-state="running"]'), null, { timeout: 120000 });
await idle();
await page.waitForTimeout(500);
await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel"] });
await page.evaluate(() => (window.tasks = []));
const box = await slider.boundingBox();
await page.mouse.move(box.x + 2, box.y + box.height / 2); await page.mouse.down();
for (let i = 0; i <= 30; i++) { await page.mouse.move(box.x + 2 + (box.width - 4) * i / 30, box.y + box.height / 2); await page.waitForTimeout(30); }
await page.mouse.up();
await idle();
const buf = await browser.stopTracing();
console.log("long tasks:", await page.evaluate(() => window.tasks));
const ev = JSON.parse(buf.toString()).traceEvents;
const mainPid = ev.find((e) => e.name === "TracingStartedInBrowser")?.args?.data?.frames?.[0]?.processId;
const mainTid = ev.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain")?.tid; const tasks = ev.filter((e) => e.name === "RunTask" && e.dur > 40000 && e.tid === mainTid);
for (const t of tasks) {
  const inside = ev.filter((e) => e.tid === t.tid && e.pid === t.pid && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e.ph === "X" && e !== t);
  const by = new Map();
  for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
  console.log(`task ${(t.dur / 1000).toFixed(1)} ms (pid ${t.pid} tid ${t.tid}):`, [...by].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", "));
}
await browser.close(); await site.close();
