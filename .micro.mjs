import { chromium } from "playwright-core";
import { serveSite } from "/work/main/scripts/static-server.mjs";
const [chapter, cellId] = process.argv.slice(2);
const variants = { base: "", nomath: "math{display:none !important}", nocode: ".nb-input{display:none !important}", noout: ".nb-cell:not([data-cell-id=X]) .nb-output{display:none !important}".replace("X", process.argv[3]), cvinput: ".nb-input{content-visibility:auto;contain-intrinsic-size:auto 300px}", cvout: ".nb-output{content-visibility:auto;contain-intrinsic-size:auto 300px}", cvmath: ".math-display{content-visibility:auto;contain-intrinsic-size:auto 60px}" };
const site = await serveSite("/work/main/dist", "/ntk-notebook/", 0);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
for (const [name, css] of Object.entries(variants)) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(site.url + "chapters/" + chapter + "/");
  if (css) await page.addStyleTag({ content: css });
  await page.locator(`.nb-cell[data-cell-id="${cellId}"] .nb-output`).scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  const times = await page.evaluate(async (id) => {
    const out = document.querySelector(`.nb-cell[data-cell-id="${id}"] .nb-output`);
    const html = out.innerHTML;
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const ts = [];
    for (let i = 0; i < 25; i++) {
      await frame(); await new Promise((r) => setTimeout(r, 30));
      const t0 = performance.now();
      out.textContent = ""; out.insertAdjacentHTML("beforeend", html.replace(/stroke-width="1\.5"/g, i % 2 ? 'stroke-width="1.5"' : 'stroke-width="1.6"'));
      await frame();
      ts.push(performance.now() - t0);
    }
    ts.sort((a, b) => a - b);
    return ts;
  }, cellId);
  console.log(name.padEnd(11), "median", times[12].toFixed(1), "p90", times[22].toFixed(1), "max", times[24].toFixed(1));
  await page.close();
}
await browser.close(); await site.close();
