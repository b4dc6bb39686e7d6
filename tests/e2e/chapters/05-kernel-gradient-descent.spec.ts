// Chapter 5 (kernel gradient descent): the numbers behind every figure, as baked at build and after a
// live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, test, type Page } from "@playwright/test";
import { chapterTests, expectWithin, moveSlider, numberAfter, numbersAfter, type FigureShot } from "./helpers.ts";

const PAGE = "chapters/kernel-gradient-descent/";

async function checkNumbers(page: Page): Promise<void> {
  // (K1): one real step with η = 0.01 moves f along minus the kernel gradient, up to O(η)
  expectWithin(await numberAfter(page, "kernel-gradient", "largest gap relative to max |∇_K C|:"), 0, 0.01, "step direction vs kernel gradient");

  // (K2c): random-features kernel error ∝ P^{−1/2}
  expectWithin(await numberAfter(page, "random-features", "fitted slope:"), -0.6, -0.4, "slope of the random-features error against P");
  const [p16, e16, p16384, e16384] = await numbersAfter(page, "random-features", "relative error at P =");
  expect([p16, p16384]).toEqual([16, 16384]);
  expectWithin(e16, 0.2, 0.6, "error at P = 16");
  expectWithin(e16384, 0.007, 0.02, "error at P = 16384");

  // Fourier features fit the fast component: test RMSE ≈ 0.34 raw, ≈ 0.06 with σ = 10
  expectWithin(await numberAfter(page, "fourier-fit", "test RMSE without Fourier features:"), 0.3, 0.37, "test RMSE, raw input");
  const ff = await numbersAfter(page, "fourier-fit", "test RMSE with Fourier features");
  expectWithin(ff[ff.length - 1], 0.03, 0.1, "test RMSE, Fourier features σ = 10");

  // spectra: λ_min/λ_max for raw, σ = 1, 10, 30, and the stationarity of the Fourier-feature kernels
  const ratios = (await numbersAfter(page, "fourier-spectra", "λ_min/λ_max")).slice(-4);
  expectWithin(ratios[0], 1e-6, 1e-4, "λ_min/λ_max, raw");
  expectWithin(ratios[1], 1e-4, 2e-3, "λ_min/λ_max, σ = 1");
  expectWithin(ratios[2], 5e-3, 3e-2, "λ_min/λ_max, σ = 10");
  expectWithin(ratios[3], 1e-2, 5e-2, "λ_min/λ_max, σ = 30");
  const gaps = (await numbersAfter(page, "fourier-spectra", "(same order):")).slice(-4);
  expect(gaps[0], "the raw-input kernel is not stationary").toBeGreaterThan(0.1);
  for (const g of gaps.slice(1)) expectWithin(g, 0, 1e-10, "row difference of a Fourier-feature kernel");

  // The explorer at its default σ = 10 reproduces the fit cell, and every mode is learned within 1000 steps.
  const at10 = await sigmaExplored(page, 10);
  expectWithin(at10.test, ff[ff.length - 1] - 1e-3, ff[ff.length - 1] + 1e-3, "explorer's test RMSE at σ = 10 against the fit cell");
  expect(at10.learned).toBe(64);
}

/** The explorer's numbers at the σ its slider is at (checked in its first line). */
async function sigmaExplored(page: Page, sigma: number) {
  await expect(page.locator('.nb-cell[data-cell-id="sigma-explorer"] .nb-output')).toContainText(`σ = ${sigma}: train RMSE`);
  const [train, test] = await numbersAfter(page, "sigma-explorer", "train RMSE");
  return {
    train,
    test,
    learned: await numberAfter(page, "sigma-explorer", "(λ_i/λ_max > 1/1000):"),
    neighbour: await numberAfter(page, "sigma-explorer", "Θ(v₀, v₁)/Θ(v₀, v₀):"),
  };
}

const FIGURES: FigureShot[] = [
  ["kernel-gradient", 0, "05-kernel-gradient.png"],
  ["random-features", 0, "05-random-features-error.png"],
  ["random-features", 1, "05-random-features-row.png"],
  ["fourier-fit", 0, "05-fourier-fit.png"],
  ["fourier-spectra", 0, "05-fourier-spectra.png"],
  ["fourier-spectra", 1, "05-fourier-rows.png"],
  ["sigma-explorer", 0, "05-sigma-explorer-fit.png"],
  ["sigma-explorer", 1, "05-sigma-explorer-spectrum.png"],
];

chapterTests("chapter 5: kernel gradient descent", PAGE, checkNumbers, FIGURES);

test("chapter 5: the σ slider finds both failures of the bandwidth", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${PAGE}?backend=wasm`);
  const middle = await sigmaExplored(page, 10); // baked
  await moveSlider(page, "sigma-explorer", "Fourier-feature scale σ", "Home");
  const small = await sigmaExplored(page, 0.1);
  await moveSlider(page, "sigma-explorer", "Fourier-feature scale σ", "End");
  const large = await sigmaExplored(page, 100);
  test.info().annotations.push({ type: "test RMSE at σ = 0.1, 10, 100", description: `${small.test}, ${middle.test}, ${large.test}` });
  // Too small: most modes stay below 1/1000 of λ_max, so 1000 steps cannot fit even the training points.
  expect(small.learned, "fewer modes learned at σ = 0.1").toBeLessThan(middle.learned / 4);
  expect(small.train, "the training points are not fitted at σ = 0.1").toBeGreaterThan(0.2);
  // Too large: every mode is learned and the training points are fitted, but the kernel no longer links
  // neighbouring inputs and the fit between them fails.
  expect(large.learned).toBe(64);
  expectWithin(large.train, 0, 0.01, "training RMSE at σ = 100");
  expect(large.neighbour, "neighbouring inputs less correlated at σ = 100").toBeLessThan(middle.neighbour - 0.2);
  expect(large.test, "test error at σ = 100 against σ = 10").toBeGreaterThan(3 * middle.test);
  expect(small.test, "test error at σ = 0.1 against σ = 10").toBeGreaterThan(3 * middle.test);
});
