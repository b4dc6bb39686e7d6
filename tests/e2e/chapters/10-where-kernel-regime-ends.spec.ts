// Chapter 10 (where the kernel regime ends): the numbers behind every claim, as baked at build and after a
// live "Run all" on the wasm backend, a snapshot of every figure after the live run, and both explorers moved
// to two settings, checking the direction the theory predicts (lazy at large α; NTK features freeze with
// width, μP's do not).
import { expect, type Page, test } from "@playwright/test";
import { cell, chapterTests, expectWithin, type FigureShot, moveSlider, numberAfter, numbersAfter } from "./helpers.ts";

const PAGE = "chapters/where-kernel-regime-ends/";

/** The table rows of a cell's n-th table as arrays of cell texts. */
async function tableRows(page: Page, id: string, n = 0): Promise<string[][]> {
  return cell(page, id)
    .locator("table")
    .nth(n)
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td, th")].map((c) => c.textContent ?? "")));
}

async function checkNumbers(page: Page): Promise<void> {
  // (α-drift): above α ≈ 3 the kernel drift, the weight change and the gap to the kernel predictor fall like 1/α.
  // "fitted slopes over α = 3 … 100: kernel drift -0.96, weight change -0.99, gap -0.91"
  const [kernelSlope, weightSlope, gapSlope] = await numbersAfter(page, "alpha-sweep", "fitted slopes over α = 3 … 100:");
  expectWithin(kernelSlope, -1.1, -0.85, "slope of the kernel drift over α");
  expectWithin(weightSlope, -1.1, -0.9, "slope of the weight change over α");
  expectWithin(gapSlope, -1.1, -0.8, "slope of the gap to the kernel predictor over α");
  const alphaRows = (await tableRows(page, "alpha-sweep")).map((r) => r.map(Number));
  expect(alphaRows.map((r) => r[0])).toEqual([0.03, 0.1, 0.3, 1, 3, 10, 30, 100]);
  const at = (alpha: number) => alphaRows.find((r) => r[0] === alpha)!;
  expectWithin(at(100)[1], 1e-3, 4e-3, "kernel drift at α = 100 (0.2 %)");
  expectWithin(at(100)[3], 1e-3, 5e-3, "RMS gap to the kernel predictor at α = 100");
  expectWithin(at(0.03)[1], 1, 4, "kernel drift at α = 0.03 (more than its own size)");
  expectWithin(at(0.03)[2], 3, 8, "weight change at α = 0.03 (5× the weights' size)");
  expectWithin(at(1)[1], 0.1, 0.2, "kernel drift at α = 1 (14 %)");
  for (const r of alphaRows.filter((r) => r[0] <= 1)) expectWithin(r[3], 0.08, 0.16, `the gap at α = ${r[0]} stops growing`);
  for (const r of alphaRows) expectWithin(r[4], 0.015, 0.04, `training loss at α = ${r[0]}`);
  expectWithin(await numberAfter(page, "alpha-sweep", "the kernel predictor's training loss after 150 steps:"), 0.015, 0.03, "the kernel predictor's training loss");
  // The explorer at its default α = 1 repeats the table's row (one network trained alone instead of in the ensemble).
  const explorerDrift = await numberAfter(page, "alpha-explorer", "kernel drift");
  expect(Math.abs(explorerDrift - at(1)[1]) / at(1)[1], "the explorer at α = 1 repeats the sweep's row").toBeLessThan(0.02);

  // (feature-step): features move like n^(−½) (NTK), n^(−3/2) and n^(−½) (standard, first and second layer), n⁰ (μP).
  // "kernel drift -0.78, layer-1 features -0.41, layer-2 features -0.46": the "-1" and "-2" of the names are skipped
  const slopes = async (name: string) => (await numbersAfter(page, "param-sweep", `slopes against width, ${name}:`)).filter((_, i) => i % 2 === 0);
  const [ntkKernel, ntkL1, ntkL2] = await slopes("NTK");
  expectWithin(ntkL1, -0.65, -0.35, "NTK: layer-1 feature slope (−½)");
  expectWithin(ntkL2, -0.65, -0.35, "NTK: layer-2 feature slope (−½)");
  expectWithin(ntkKernel, -1.1, -0.5, "NTK: kernel drift slope (between the bound's −½ and −1)");
  const [stdKernel, stdL1, stdL2] = await slopes("standard");
  expectWithin(stdL1, -1.7, -1.2, "standard: layer-1 feature slope (−3/2)");
  expectWithin(stdL2, -0.7, -0.35, "standard: layer-2 feature slope (−½)");
  expectWithin(stdKernel, -1.2, -0.5, "standard: kernel drift slope");
  const mup = await slopes("μP");
  for (const s of mup) expectWithin(s, -0.12, 0.12, "μP: slopes of the kernel drift and the features (0)");
  const runs = await tableRows(page, "param-sweep", 1);
  expect(runs, "3 parameterizations × 5 widths").toHaveLength(15);
  for (const r of runs.filter((r) => r[0] === "μP")) {
    expectWithin(Number(r[4]), 0.4, 0.65, `μP width ${r[1]}: layer-1 features move by about half`);
    expectWithin(Number(r[3]), 0.3, 0.8, `μP width ${r[1]}: kernel drift`);
  }
  const stdEta = runs.filter((r) => r[0] === "standard").map((r) => Number(r[2]));
  expectWithin(stdEta[0] / stdEta[4], 8, 20, "standard: η = N/λ_max falls ~1/width (16× from 32 to 512)");
  const explorer = await explored(page);
  expect(explorer.label).toBe("NTK, width 128");
  const ntk128 = runs.find((r) => r[0] === "NTK" && r[1] === "128")!;
  expect(Math.abs(explorer.kernel - Number(ntk128[3])) / Number(ntk128[3]), "the explorer's default repeats the sweep's NTK width-128 row").toBeLessThan(0.02);

  // Feature learning that matters: on the single-index target the rich network beats its kernel predictor by > 2×,
  // and its first layer aligns with w*; the lazy copy is its kernel predictor; on the random-network target no gain.
  const [zero, kernel, kernelLimit, rich, lazy, align0, alignRich, alignLazy] = await numbersAfter(page, "single-index", "single index: test MSE predict 0");
  expectWithin(zero, 0.8, 1.0, "single index: predicting 0");
  expect(rich, "the rich network's test error is less than half the kernel predictor's").toBeLessThan(kernel / 2);
  expect(kernelLimit, "the kernel predictor run to convergence is no better").toBeGreaterThan(2 * rich);
  expectWithin(kernel / zero, 0.7, 1, "the kernel predictor barely beats predicting 0");
  expectWithin(lazy / kernel, 0.9, 1.1, "the lazy network is its kernel predictor");
  expectWithin(align0, 0.04, 0.09, "alignment at initialization (1/d = 0.0625)");
  expect(alignRich, "the rich network's first layer turns towards w*").toBeGreaterThan(4 * align0);
  expectWithin(alignLazy, 0.04, 0.09, "the lazy network's first layer stays random");
  const [, tKernel, , tRich, tLazy, , tAlign] = await numbersAfter(page, "single-index", "random wide network: test MSE predict 0");
  expectWithin(tRich / tKernel, 0.8, 1.05, "random-network target: the rich network gains little over its kernel");
  expectWithin(tLazy / tKernel, 0.9, 1.1, "random-network target: lazy ≈ kernel");
  expectWithin(tAlign, 0.04, 0.09, "random-network target: no direction is learned");
}

/** The parameterization explorer's line: "NTK, width 128: η 0.828, kernel drift 5.62e-2, layer-1 features …, layer-2 features …". */
async function explored(page: Page) {
  const text = await cell(page, "param-explorer").locator(".nb-output").innerText();
  const line = text.split("\n").find((l) => l.includes(": η "))!;
  expect(line, "the explorer prints its measurements").toBeDefined();
  const label = line.slice(0, line.indexOf(":"));
  const [kernel, layer1, layer2] = await numbersAfter(page, "param-explorer", "kernel drift").then((v) => [v[0], v[2], v[4]]);
  return { label, kernel, layer1, layer2 };
}

async function alphaExplored(page: Page) {
  const [kernel, weights, gap, loss] = await numbersAfter(page, "alpha-explorer", "kernel drift").then((v) => [v[0], v[1], v[2], v[3]]);
  return { kernel, weights, gap, loss };
}

const FIGURES: FigureShot[] = [
  ["alpha-sweep", 0, "10-alpha-sweep.png"],
  ["alpha-explorer", 0, "10-alpha-explorer.png"],
  ["param-sweep", 0, "10-param-sweep.png"],
  ["param-explorer", 0, "10-param-explorer.png"],
  ["single-index", 0, "10-single-index-units.png"],
  ["single-index", 1, "10-single-index-predictions.png"],
];

chapterTests("chapter 10: where the kernel regime ends", PAGE, checkNumbers, FIGURES);

test("chapter 10: the α slider goes from rich (α = 0.03) to lazy (α = 100)", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${PAGE}?backend=wasm`);
  await moveSlider(page, "alpha-explorer", "output scale α", "Home");
  await expect(cell(page, "alpha-explorer").locator(".nb-output")).toContainText("α = 0.03:");
  const rich = await alphaExplored(page);
  await moveSlider(page, "alpha-explorer", "output scale α", "End");
  await expect(cell(page, "alpha-explorer").locator(".nb-output")).toContainText("α = 100:");
  const lazy = await alphaExplored(page);
  // 3300× the output scale: by (α-distance) and (α-drift), weights and kernel move ~1/α; the rich network moves
  // the kernel by more than its size, the lazy one by 0.2 %, and only the lazy one is its kernel predictor.
  expect(rich.kernel, "α = 0.03 moves the kernel by more than its size").toBeGreaterThan(1);
  expect(lazy.kernel, "α = 100 leaves the kernel within 0.5 %").toBeLessThan(5e-3);
  expect(rich.weights / lazy.weights, "the weights move > 1000× less at α = 100").toBeGreaterThan(1000);
  expect(rich.gap / lazy.gap, "the lazy network is its kernel predictor, the rich one is not").toBeGreaterThan(20);
  for (const r of [rich, lazy]) expect(r.loss, "both fit the training points").toBeLessThan(0.04);
});

test("chapter 10: features freeze with width under NTK parameterization and keep moving under μP", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`${PAGE}?backend=wasm`);
  await moveSlider(page, "param-explorer", "hidden width n", "Home");
  await expect(cell(page, "param-explorer").locator(".nb-output")).toContainText("NTK, width 16:");
  const ntkNarrow = await explored(page);
  await moveSlider(page, "param-explorer", "hidden width n", "End");
  await expect(cell(page, "param-explorer").locator(".nb-output")).toContainText("NTK, width 1024:");
  const ntkWide = await explored(page);
  // (feature-step): 64× the width, features ~8× less (n^(−½)); the kernel drift falls faster still.
  expectWithin(ntkNarrow.layer1 / ntkWide.layer1, 4, 16, "NTK: layer-1 features, width 16 over 1024");
  expectWithin(ntkNarrow.layer2 / ntkWide.layer2, 4, 16, "NTK: layer-2 features, width 16 over 1024");
  expect(ntkNarrow.kernel / ntkWide.kernel, "NTK: the kernel drifts > 10× less at width 1024").toBeGreaterThan(10);

  await cell(page, "param-explorer").locator(".nb-control").getByLabel("μP", { exact: true }).check();
  await expect(cell(page, "param-explorer").locator(".nb-output")).toContainText("μP, width 1024:", { timeout: 120_000 });
  const mupWide = await explored(page);
  await moveSlider(page, "param-explorer", "hidden width n", "Home");
  await expect(cell(page, "param-explorer").locator(".nb-output")).toContainText("μP, width 16:");
  const mupNarrow = await explored(page);
  // μP: the same move changes the kernel drift and the features by less than 2×; at width 1024 they are far
  // larger than NTK's.
  for (const key of ["kernel", "layer1", "layer2"] as const) {
    expectWithin(mupNarrow[key] / mupWide[key], 0.5, 2, `μP: ${key}, width 16 over 1024`);
    expect(mupWide[key] / ntkWide[key], `width 1024: μP's ${key} moves > 5× more than NTK's`).toBeGreaterThan(5);
  }
});
