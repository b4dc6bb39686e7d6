// Chapter 9 (the representation variant): the numbers behind every as baked at build and after
// a live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, test, type Page } from "@playwright/test";
import { cell, chapterTests, expectWithin, type FigureShot, moveSlider, numberAfter, numbersAfter, RUN_ALL_TIMEOUT_MS } from "./helpers.ts";

const PAGE = "chapters/representation-variant/";

async function checkNumbers(page: Page): Promise<void> {
  // Θ = Σ_l Θ_l: the float32 per-layer terms sum to the float64 NTK; each layer has about a quarter of the trace.
  expectWithin(await numberAfter(page, "layer-heatmaps", "relative to max Θ:"), 0, 1e-5, "Σ Θ_l vs Θ (relative)");
  const shares = (await cell(page, "layer-heatmaps").locator("table tbody tr td:nth-child(2)").allInnerTexts()).map(Number);
  expect(shares).toHaveLength(4);
  for (const s of shares) expectWithin(s, 0.15, 0.35, "a layer's share of tr Θ");
  expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);

  // (unroll): the per-layer limits sum to the recursion's Θ, and each term converges like 1/√width.
  expectWithin(await numberAfter(page, "layer-limits", "vs the recursion's Θ: relative error"), 0, 1e-12, "Σ_l limits vs Θ");
  const limitSlopes = await numbersAfter(page, "layer-limits", "fitted slopes of the relative error against width:");
  expect(limitSlopes.slice(0, 4)).toHaveLength(4);
  for (const s of limitSlopes.slice(0, 4)) expectWithin(s, -0.9, -0.35, "slope of a layer's error against width");

  // Head only is linear regression on fixed features: exact closed form, rank-limited; training all layers does better.
  const ranks = /Θ_θ (\d+), Θ\(0\) = Θ_θ \+ Θ_φ (\d+)/.exec(await cell(page, "head-vs-full").locator(".nb-output").innerText());
  expect(ranks, "the cell prints both ranks").not.toBeNull();
  expectWithin(Number(ranks![1]), 8, 17, "rank of Θ_θ (≤ width + 1 = 17)");
  expect(Number(ranks![2]), "Θ(0) has full rank on the 20 points").toBe(20);
  expectWithin(await numberAfter(page, "head-vs-full", "largest relative gap between the head-only run and its closed form:"), 0, 1e-4, "head-only run vs its closed form");
  const [, headLoss, fullLoss] = await numbersAfter(page, "head-vs-full", "final training loss (after");
  expect(fullLoss, "training all layers beats the head alone").toBeLessThan(headLoss / 2);
  const floor = await numberAfter(page, "head-vs-full", "head-only floor (t = ∞):");
  expectWithin(floor, 1e-6, headLoss, "the head's floor, below its loss");

  // Laziness (erf, widths 16–4096, 12 seeds each): both parts of the kernel move less as the width grows, the
  // representation's part at a rate between the bound's −½ and −1, the head's close to 1/width.
  // "−0.80 (90 % interval over seeds −0.87 to −0.70; widths ≥ 256 alone: −0.84)"
  const [repSlope, , repLo, repHi] = await numbersAfter(page, "lazy-vs-width", "fitted slope of the Θ_φ change against width:");
  expectWithin(repSlope, -1, -0.5, "slope of the Θ_φ change");
  expect(repLo, "the resampled interval brackets the slope").toBeLessThanOrEqual(repSlope);
  expect(repHi, "the resampled interval brackets the slope").toBeGreaterThanOrEqual(repSlope);
  expectWithin(await numberAfter(page, "lazy-vs-width", "fitted slope of the Θ_θ change against width:"), -1.15, -0.8, "slope of the Θ_θ change");
  const means = (await cell(page, "lazy-vs-width").locator("table tbody tr td:nth-child(2)").allInnerTexts()).map(Number);
  expect(means, "one mean change per width").toHaveLength(5);
  for (let i = 1; i < means.length; i++) expect(means[i], "the representation kernel moves less at each larger width").toBeLessThan(means[i - 1]);
  const [, narrow, , wide] = await numbersAfter(page, "lazy-vs-width", "largest change of an entry, relative to max |Θ_φ(0)|: width");
  expect(narrow, "the narrow net's representation kernel moves more than the wide one's").toBeGreaterThan(2 * wide);

  // The drift explorer at its default (width 256, all layers): the numbers the prose quotes.
  const atDefault = await driftExplored(page, 256, "all layers");
  expectWithin(atDefault.head, 3e-3, 8e-3, "head kernel change at width 256, all layers");
  expectWithin(atDefault.rep, 0.05, 0.11, "representation kernel change at width 256, all layers");
}

/** The drift explorer's two relative changes at the width and choice of layers its controls are at. */
async function driftExplored(page: Page, width: number, trained: string) {
  const line = `width ${width}, ${trained} trained:`;
  await expect(page.locator('.nb-cell[data-cell-id="drift-explorer"] .nb-output')).toContainText(line);
  const [head, rep] = await numbersAfter(page, "drift-explorer", `${line} ‖ΔΘ_θ‖/‖Θ_θ‖ (head)`);
  return { head, rep };
}

/** Ticks one of the drift explorer's "layers trained" buttons and waits until the cells it affects have run. */
async function chooseLayers(page: Page, trained: string): Promise<void> {
  await cell(page, "drift-explorer").getByLabel(trained, { exact: true }).check();
  await expect
    .poll(() => page.evaluate(() => document.body.dataset.kernel === "idle" && !document.querySelector('.nb-cell[data-state="queued"], .nb-cell[data-state="running"]')), { timeout: RUN_ALL_TIMEOUT_MS })
    .toBe(true);
  await expect(cell(page, "drift-explorer"), "the drift explorer ran without error").toHaveAttribute("data-state", "ok");
}

const FIGURES: FigureShot[] = [
  ["layer-heatmaps", 0, "09-layer-heatmaps.png"],
  ["layer-limits", 0, "09-layer-limits.png"],
  ["head-vs-full", 0, "09-head-vs-full-loss.png"],
  ["head-vs-full", 1, "09-head-vs-full-fits.png"],
  ["lazy-vs-width", 0, "09-kernel-change-vs-width.png"],
  ["lazy-vs-width", 1, "09-representation-kernel-maps.png"],
  ["drift-explorer", 0, "09-drift-explorer.png"],
];

chapterTests("chapter 9: the representation variant", PAGE, checkNumbers, FIGURES);

test("chapter 9: freezing the representation freezes the head kernel exactly, and width shrinks the representation kernel's drift", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`${PAGE}?backend=wasm`);
  const all256 = await driftExplored(page, 256, "all layers"); // baked
  // Head only: Θ_θ is built from the frozen features alone, so it does not move at all; Θ_φ still moves (the
  // readout weights it reads the representation through train), less than with every layer training.
  await chooseLayers(page, "head only");
  const head256 = await driftExplored(page, 256, "head only");
  expect(head256.head, "head kernel with the representation frozen").toBe(0);
  expect(head256.rep, "the representation kernel still moves").toBeGreaterThan(1e-3);
  expect(head256.rep, "… less than with every layer training").toBeLessThan(all256.rep);
  await moveSlider(page, "drift-explorer", "hidden width n", "Home");
  const head16 = await driftExplored(page, 16, "head only");
  await moveSlider(page, "drift-explorer", "hidden width n", "End");
  const head4096 = await driftExplored(page, 4096, "head only");
  expect([head16.head, head4096.head], "frozen at every width").toEqual([0, 0]);
  // 256× the width: ~1/n gives ~256×, the 1/√n bound only 16×
  expect(head16.rep / head4096.rep, "representation drift, head only: width 16 against 4096").toBeGreaterThan(64);
  // Every layer: both parts move, and both move less at width 4096 than at 16.
  await chooseLayers(page, "all layers");
  const all4096 = await driftExplored(page, 4096, "all layers");
  await moveSlider(page, "drift-explorer", "hidden width n", "Home");
  const all16 = await driftExplored(page, 16, "all layers");
  test.info().annotations.push({ type: "Θ_φ drift at widths 16, 4096: head only; all layers", description: `${head16.rep}, ${head4096.rep}; ${all16.rep}, ${all4096.rep}` });
  expect(all16.head / all4096.head, "head kernel drift, all layers: width 16 against 4096").toBeGreaterThan(16);
  expect(all16.rep / all4096.rep, "representation kernel drift, all layers: width 16 against 4096").toBeGreaterThan(16);
  expect(all4096.head, "the head kernel moves when the features do").toBeGreaterThan(0);
});
