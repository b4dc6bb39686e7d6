// Chapter 5 (kernel gradient descent): the numbers behind every figure, as baked at build and after a
// live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, type Page } from "@playwright/test";
import { chapterTests, expectWithin, numberAfter, numbersAfter, type FigureShot } from "./helpers.ts";

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
}

const FIGURES: FigureShot[] = [
  ["kernel-gradient", 0, "05-kernel-gradient.png"],
  ["random-features", 0, "05-random-features-error.png"],
  ["random-features", 1, "05-random-features-row.png"],
  ["fourier-fit", 0, "05-fourier-fit.png"],
  ["fourier-spectra", 0, "05-fourier-spectra.png"],
  ["fourier-spectra", 1, "05-fourier-rows.png"],
];

chapterTests("chapter 5: kernel gradient descent", PAGE, checkNumbers, FIGURES);
