import { chromium } from "playwright-core";
import { serveSite } from "/work/main/scripts/static-server.mjs";
const [chapter, cellId, ...names] = process.argv.slice(2);
const all = { base: "", nomath: "math{display:none !important}", cvinput: ".nb-input{content-visibility:auto;contain-intrinsic-size:auto 300px}", cvcell: ".nb-cell{content-visibility:auto;contain-intrinsic-size:auto 500px}", nocode: ".nb-input{display:none !important}", mathvis: ".math-display{overflow:visible !important}", cvmath: ".math-display{content-visibility:auto;contain-intrinsic-size:auto 60px}", cvp: ".prose > *:not(.nb-cell){content-visibility:auto;contain-intrinsic-size:auto 100px}", outlayer: ".nb-output{will-change:transform}", outcontain: ".nb-output{contain:layout paint}", cellcontain: ".nb-cell{contain:layout paint}", pcontain: ".prose > :not(.nb-cell){contain:paint}", pcontainall: ".prose > *{contain:paint}", mathcontain: "math{contain:paint}", prel: ".prose > :not(.nb-cell){position:relative}", piso: ".prose > :not(.nb-cell){isolation:isolate}", playout: ".prose > :not(.nb-cell){contain:layout}", mathiso: "math{isolation:isolate}", nostyle: "NOSTYLE" };
const variants = names.length ? names : Object.keys(all);
const site = await serveSite("/work/main/dist", "/ntk-notebook/", 0);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const res = {};
for (let round = 0; round < 2; round++) for (const name of variants) {
  const css = all[name];
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(site.url + "chapters/" + chapter + "/");
  if (css === "NOSTYLE") await page.evaluate(() => (window.NOSTYLE = true)); else if (css) await page.addStyleTag({ content: css });
  await page.locator(`.nb-cell[data-cell-id="${cellId}"] .nb-output`).scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await browser.startTracing(page, { categories: ["devtools.timeline", "blink.user_timing"] });
  await page.evaluate(async (id) => {
    const out = document.querySelector(`.nb-cell[data-cell-id="${id}"] .nb-output`);
    const html = out.innerHTML;
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    for (let i = 0; i < 30; i++) {
      await frame(); await new Promise((r) => setTimeout(r, 30));
      performance.mark("it");
      out.textContent = ""; out.insertAdjacentHTML("beforeend", (window.NOSTYLE ? html.replace(/<style>[^<]*<\/style>/g, "") : html).replace(/stroke-width="1\.5"/g, i % 2 ? 'stroke-width="1.5"' : 'stroke-width="1.6"'));
      await frame();
    }
    performance.mark("it");
  }, cellId);
  const ev = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const marks = ev.filter((e) => e.name === "it");
  const { tid, pid } = marks[0];
  const PH = ["ParseHTML", "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "HitTest", "Commit"];
  const work = ev.filter((e) => e.tid === tid && e.pid === pid && e.ph === "X" && PH.includes(e.name));
  const per = [];
  for (let i = 0; i + 1 < marks.length; i++) {
    const inIt = work.filter((t) => t.ts >= marks[i].ts && t.ts < marks[i + 1].ts);
    const by = {}; for (const t of inIt) by[t.name] = (by[t.name] ?? 0) + t.dur / 1000;
    per.push(Object.values(by).reduce((x, y) => x + y, 0));
    if (i === 10 && round === 1) console.log(name, Object.entries(by).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", "));
  }
  (res[name] ??= []).push(...per);
  await page.close();
}
for (const [name, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(name.padEnd(8), "median busy", v[v.length >> 1].toFixed(1), "p90", v[Math.floor(v.length * 0.9)].toFixed(1), "max", v[v.length - 1].toFixed(1)); }
await browser.close(); await site.close();
