// Benchmarks of the notebook runtime in headless Chromium, against the built site in dist/
// (npm run build first): kernel cold start, round trip of a trivial cell on a warm kernel, and
// "Run all" of every page with cells (from the click, cold kernel included; budget ≤ 10 s), with the
// longest main-thread task seen meanwhile. Medians of BENCH_RUNS runs (default 3), per backend.
// Then the controls on a warm kernel: the first visible reaction to a key press on a slider (budget
// ≤ 100 ms), the whole dependent chain updated (light chain ≤ 150 ms), and the longest main-thread
// task while a slider is dragged across its range (≤ 50 ms).
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { chromium } from "playwright-core";
import { serveSite } from "../scripts/static-server.mjs";
import { filesUnder } from "../src/site/built-files.mjs";
import { CHROMIUM_ARGS, chromiumExecutable } from "../tests/e2e/browser.ts";

/** BENCH_DIST: another build folder (e.g. one made with --outDir while dist/ is busy). */
const DIST = join(import.meta.dirname, "..", process.env.BENCH_DIST ?? "dist");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** "auto" lets the kernel choose (webgl → wasm → cpu) as it does for a reader. */
const BACKENDS = (process.env.BENCH_BACKENDS ?? "auto,wasm,cpu").split(",").filter(Boolean);
/** BENCH_ONLY: measure only the pages whose path contains it (e.g. "gradient-flow"). */
const ONLY = process.env.BENCH_ONLY ?? "";

if (!existsSync(join(DIST, "index.html"))) {
  console.error(`bench/notebook: no ${DIST}/index.html: run \`npm run build\` first`);
  process.exit(1);
}
/** The base path the site was built for, read from its own asset URLs. */
const base = /["'](\/[^"']*?)_astro\//.exec(readFileSync(join(DIST, "index.html"), "utf8"))?.[1] ?? "/";

const pages = filesUnder(DIST)
  .filter((file) => file.endsWith(".html"))
  .filter((file) => readFileSync(file, "utf8").includes('class="nb-cell"'))
  .map((file) => relative(DIST, file).replace(/index\.html$/, ""))
  .filter((path) => path.includes(ONLY))
  .sort();

// dist/ under its base path, as GitHub Pages serves it.
const site = await serveSite(DIST, base, 0);

const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * Opens a page with a long-task observer installed before any script runs.
 * @param {string} path the page, under the base @param {string} backend "auto", or one to force
 */
async function open(path, backend) {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.longest = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.longest = Math.max(w.longest, e.duration)))).observe({ type: "longtask" });
  });
  await page.goto(`${site.url}${path}${backend === "auto" ? "" : `?backend=${backend}`}`);
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/**
 * Milliseconds, measured in the page, from clicking `button` until every cell matching `cells` has
 * finished and the kernel is idle; also the longest main-thread task meanwhile.
 * @param {import("playwright-core").Page} page @param {string} button a selector @param {string} cells a selector
 * @returns {Promise<{ ms: number, longest: number }>}
 */
function clickAndWait(page, button, cells) {
  return page.evaluate(
    ({ button, cells }) =>
      new Promise((resolve) => {
        const w = /** @type {any} */ (window);
        const done = () =>
          [...document.querySelectorAll(cells)].every((c) => ["ok", "error"].includes(c.getAttribute("data-state") ?? "")) && document.body.dataset.kernel === "idle";
        w.longest = 0;
        const t0 = performance.now();
        /** @type {HTMLElement} */ (document.querySelector(button)).click();
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          resolve({ ms: performance.now() - t0, longest: w.longest });
        });
        observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-state", "data-kernel"] });
      }),
    { button, cells },
  );
}

const rows = [];
const FIRST = ".nb-cell:first-of-type";
for (const backend of BACKENDS) {
  const cold = [];
  const trip = [];
  let chosen = backend;
  for (let r = 0; r < RUNS; r++) {
    const page = await open("playground/", backend);
    cold.push((await clickAndWait(page, `${FIRST} [data-action=run]`, FIRST)).ms);
    chosen = (await page.locator("[data-nb-backend]").textContent()) ?? backend;
    for (let k = 0; k < 5; k++) trip.push((await clickAndWait(page, `${FIRST} [data-action=run]`, FIRST)).ms);
    await page.close();
  }
  const name = backend === "auto" ? `auto: ${chosen.split(" ")[0]}` : backend;
  rows.push({ measure: "kernel cold start + first cell", page: "playground/", backend: name, "median ms": Math.round(median(cold)), "longest task ms": "" });
  rows.push({ measure: "trivial cell round trip (warm)", page: "playground/", backend: name, "median ms": Math.round(median(trip)), "longest task ms": "" });
  for (const path of pages) {
    const times = [];
    const longest = [];
    let failed = 0;
    for (let r = 0; r < RUNS; r++) {
      const page = await open(path, backend);
      const result = await clickAndWait(page, "[data-nb=run-all]", ".nb-cell");
      times.push(result.ms);
      longest.push(result.longest);
      failed = await page.locator('.nb-cell[data-state="error"]').count();
      await page.close();
    }
    rows.push({ measure: `run all (${failed ? `${failed} cells failed` : "all ok"})`, page: path, backend: name, "median ms": Math.round(median(times)), "longest task ms": Math.round(median(longest)) });
  }
}
/** Waits (in the page) until no cell is queued or running and the kernel is idle. @param {import("playwright-core").Page} page */
const settle = (page) =>
  page.waitForFunction(() => document.body.dataset.kernel === "idle" && !document.querySelector('.nb-cell[data-state="queued"], .nb-cell[data-state="running"]'), null, { timeout: 120_000 });

/**
 * Presses `key` on the slider of cell `id` (kernel warm) and measures in the page, from the key's
 * input event: the first frame after the page marked the cell, and the moment every cell it
 * affects has run. Returns milliseconds.
 * @param {import("playwright-core").Page} page @param {string} id @param {string} key @param {number} n
 */
async function react(page, id, key, n = 0) {
  const slider = page.locator(`.nb-cell[data-cell-id="${id}"] input[type=range]`).nth(n);
  await slider.focus();
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.reaction = {};
    // On the document, in the bubbling phase: after the page's own handler (on the cell) has run.
    document.addEventListener("input", (event) => {
      w.reaction.input = event.timeStamp;
      const cell = /** @type {HTMLElement} */ (event.target).closest(".nb-cell");
      if (cell?.getAttribute("data-state") === "queued" || cell?.getAttribute("data-state") === "running") requestAnimationFrame(() => (w.reaction.frame = performance.now()));
    }, { once: true });
  });
  await page.keyboard.press(key);
  await settle(page);
  const { input, frame } = await page.evaluate(() => /** @type {any} */ (window).reaction);
  const updated = await page.evaluate(() => performance.now()); // an upper bound: settle() polls once a frame
  return { reaction: frame - input, updated: updated - input };
}

/**
 * Drags the (n-th) slider of cell `id` from one end to the other; the longest main-thread task meanwhile.
 * @param {import("playwright-core").Page} page @param {string} id @param {number} n
 */
async function drag(page, id, n = 0) {
  const box = await page.locator(`.nb-cell[data-cell-id="${id}"] input[type=range]`).nth(n).boundingBox();
  if (!box) throw new Error(`no slider in cell ${id}`);
  await page.evaluate(() => (/** @type {any} */ (window).longest = 0));
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) await page.mouse.move(box.x + 2 + ((box.width - 4) * i) / 40, box.y + box.height / 2, { steps: 2 });
  await page.mouse.up();
  await settle(page);
  return page.evaluate(() => /** @type {any} */ (window).longest);
}

const controlRows = [];
// [page, cell, backend, what, which slider (default the first), keys pressed once before measuring: [slider, key]]
for (const [path, id, backend, what, n = 0, preset = []] of /** @type {[string, string, string, string, number?, [number, string][]?][]} */ ([
  ["playground/", "wave-controls", "auto", "light chain: 3 cells of a few ms"],
  ["chapters/infinite-width-recursion/", "width-explorer", "wasm", "chapter 6 width explorer: 10 networks' NTKs"],
  ["chapters/gradient-descent-to-ntk/", "step-explorer", "wasm", "chapter 1 step explorer: η at width 512"],
  ["chapters/gradient-descent-to-ntk/", "step-explorer", "wasm", "chapter 1 step explorer: η at width 4096", 0, [[1, "End"]]],
  ["chapters/second-order-term/", "bound-explorer", "wasm", "chapter 2 bound explorer: width near 256"],
  ["chapters/second-order-term/", "bound-explorer", "wasm", "chapter 2 bound explorer: width near 4096", 0, [[0, "End"]]],
  ["chapters/gradient-flow-mse/", "mode-explorer", "wasm", "chapter 4 mode explorer: step t at width 512"],
  ["chapters/gradient-flow-mse/", "mode-training", "wasm", "chapter 4 mode explorer: width near 512 (trains 1000 steps)"],
  ["chapters/gradient-flow-mse/", "mode-training", "wasm", "chapter 4 mode explorer: width near 2048 (trains 1000 steps)", 0, [[0, "End"]]],
  ["chapters/kernel-gradient-descent/", "sigma-explorer", "wasm", "chapter 5 σ explorer"],
  ["chapters/bayesian-nngp-ntk/", "time-explorer", "wasm", "chapter 7 time explorer: t (closed forms)"],
  ["chapters/score-function-variant/", "noise-explorer", "wasm", "chapter 8 noise explorer: η at S = 10"],
  ["chapters/score-function-variant/", "noise-explorer", "wasm", "chapter 8 noise explorer: η at S = 10 000", 0, [[1, "End"]]],
  ["chapters/representation-variant/", "drift-explorer", "wasm", "chapter 9 drift explorer: width near 256, all layers (6 networks)"],
  ["chapters/representation-variant/", "drift-explorer", "wasm", "chapter 9 drift explorer: width near 4096, all layers (6 networks)", 0, [[0, "End"]]],
])) {
  if (!path.includes(ONLY)) continue;
  const reactions = [];
  const updates = [];
  const longest = [];
  for (let r = 0; r < RUNS; r++) {
    const page = await open(path, backend);
    await react(page, id, "ArrowRight", n); // starts the kernel and runs what the cell needs
    for (const [m, key] of preset) await react(page, id, key, m);
    for (const key of ["ArrowLeft", "ArrowRight", "ArrowLeft", "ArrowRight"]) {
      const { reaction, updated } = await react(page, id, key, n);
      reactions.push(reaction);
      updates.push(updated);
    }
    longest.push(await drag(page, id, n));
    await page.close();
  }
  controlRows.push({
    page: path,
    what,
    backend,
    "first reaction ms": Math.round(median(reactions)),
    "all dependents updated ms": Math.round(median(updates)),
    // The Long Tasks API reports only tasks over 50 ms: 0 means none.
    "longest task while dragging ms": median(longest) === 0 ? "none > 50" : Math.round(median(longest)),
  });
}

await browser.close();
await site.close();
console.log(`notebook runtime, headless Chromium, medians of ${RUNS} runs (budget: run all ≤ 10000 ms, tasks ≤ 50 ms)`);
console.table(rows);
console.log(`controls on a warm kernel, headless Chromium, medians of ${RUNS} pages × 4 key presses (budgets: first reaction ≤ 100 ms, a light chain updated ≤ 150 ms, tasks ≤ 50 ms while dragging)`);
console.table(controlRows);
