// Chapter 8 (the score-function variant): the numbers behind every as baked at build and after
// a live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, test, type Page } from "@playwright/test";
import { chapterTests, expectWithin, type FigureShot, moveSlider, numberAfter, numbersAfter } from "./helpers.ts";

const PAGE = "chapters/score-function-variant/";

async function checkNumbers(page: Page): Promise<void> {
  // One exact step at η = 0.5: both Δp sum to zero (normalization), and they differ by O(η²), not more.
  const actual = await numbersAfter(page, "one-step", "actual Δp = ");
  const kernel = await numbersAfter(page, "one-step", "kernel Δp = ");
  expect(actual).toHaveLength(6); // five categories, then the sum
  expect(kernel).toHaveLength(6);
  expectWithin(Math.abs(actual[5]), 0, 1e-12, "sum of the actual Δp");
  expectWithin(Math.abs(kernel[5]), 0, 1e-12, "sum of the kernel Δp");
  expect(actual[0], "the most expensive category loses probability").toBeLessThan(-0.01);
  expectWithin(await numberAfter(page, "one-step", "kernel formula (5b) vs the library's p·∇log p·Δθ:"), 0, 1e-12, "(5b) against the library");
  const stepError = await numberAfter(page, "one-step", "largest |actual Δp − kernel Δp| at η = 0.5:");
  expectWithin(stepError, 1e-4, 2e-3, "Taylor error at η = 0.5");

  // The Taylor remainder is O(η²).
  expectWithin(await numberAfter(page, "eta-sweep", "fitted slope:"), 1.9, 2.1, "slope of the error against η");

  // Normalization: every row of p′·k and of Θ_p sums to zero.
  expectWithin(await numberAfter(page, "fisher-kernels", "largest |row sum|:"), 0, 1e-12, "largest row sum");

  // 200 steps: p concentrates on the cheapest category, and the Fisher kernel changes by O(1).
  const pFinal = await numbersAfter(page, "kernel-moves", "p after 200 steps:");
  expect(pFinal).toHaveLength(5);
  expectWithin(pFinal[4], 0.9, 1, "final p of the cheapest category");
  expectWithin(await numberAfter(page, "kernel-moves", "relative change of the Fisher kernel after 200 steps:"), 0.5, 5, "relative change of k");

  // Monte Carlo: the baseline shrinks the total scatter; the scatter dwarfs the Taylor error at η = 0.1.
  const [withoutB, withB, ratio] = await numbersAfter(page, "monte-carlo", "total std √(Σ_x var Δp̂(x)):");
  expectWithin(ratio, 0.3, 0.8, "scatter with / without the baseline");
  expect(withB / withoutB).toBeCloseTo(ratio, 2);
  const taylor = await numberAfter(page, "monte-carlo", "Taylor error at η = 0.1:");
  expect(taylor, "sampling noise ≫ Taylor error").toBeLessThan(withB / 20);
  expectWithin(await numberAfter(page, "monte-carlo", "largest |mean Δp̂ − Δp| without baseline:"), 0, 5 * (withoutB / Math.sqrt(500)), "mean of 500 steps vs the exact step");

  // The explorer at its defaults (η = 0.1, S = 10, no baseline): the noise formula matches the scatter of the
  // cell above, and it is far above the Taylor error.
  const at = await noiseExplored(page, 0.1, 10);
  expectWithin(at.noise / withoutB, 0.85, 1.15, "noise formula against the scatter of 500 steps");
  expectWithin(at.measured / at.noise, 0.85, 1.15, "rms error of 200 sampled steps against the noise formula");
  expect(at.noise, "sampling noise ≫ Taylor error at the defaults").toBeGreaterThan(30 * at.taylor);
}

/** The explorer's numbers at the η and S its sliders are at (checked in its first line). */
async function noiseExplored(page: Page, eta: number, samples: number) {
  await expect(page.locator('.nb-cell[data-cell-id="noise-explorer"] .nb-output')).toContainText(`η = ${eta}, S = ${samples}:`);
  // "sampling noise η·σ/√S: A (σ = B); Taylor error of the exact step: C"
  const [noise] = await numbersAfter(page, "noise-explorer", "sampling noise η·σ/√S:");
  return {
    measured: await numberAfter(page, "noise-explorer", "rms error of one sampled step:"),
    noise,
    taylor: await numberAfter(page, "noise-explorer", "Taylor error of the exact step:"),
  };
}

const FIGURES: FigureShot[] = [
  ["one-step", 0, "08-one-step.png"],
  ["eta-sweep", 0, "08-eta-sweep.png"],
  ["fisher-kernels", 0, "08-fisher-kernels.png"],
  ["kernel-moves", 0, "08-p-over-steps.png"],
  ["kernel-moves", 1, "08-kernel-change.png"],
  ["monte-carlo", 0, "08-monte-carlo.png"],
  ["noise-explorer", 0, "08-noise-explorer.png"],
];

chapterTests("chapter 8: the score-function variant", PAGE, checkNumbers, FIGURES);

test("chapter 8: the η and S sliders move the error from sampling noise to the Taylor error", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${PAGE}?backend=wasm`);
  await moveSlider(page, "noise-explorer", "samples per step S", "Home");
  const one = await noiseExplored(page, 0.1, 1);
  await moveSlider(page, "noise-explorer", "samples per step S", "End");
  const many = await noiseExplored(page, 0.1, 10000);
  test.info().annotations.push({ type: "rms error at η = 0.1, S = 1 and 10 000", description: `${one.measured}, ${many.measured}` });
  // 10⁴ times the samples: the noise of one step falls by √10⁴ = 100; the Taylor error does not depend on S.
  expectWithin(one.measured / many.measured, 50, 150, "rms error, S = 1 over S = 10 000, at η = 0.1");
  expect(many.noise, "noise still dominates at η = 0.1").toBeGreaterThan(many.taylor);
  // η = 3 with 10 000 samples: the Taylor error (∝ η²) has overtaken the noise (∝ η), and the measured error follows it.
  await moveSlider(page, "noise-explorer", "learning rate η", "End");
  const large = await noiseExplored(page, 3, 10000);
  expect(large.taylor, "Taylor error ≫ noise at η = 3, S = 10 000").toBeGreaterThan(3 * large.noise);
  expectWithin(large.measured / large.taylor, 0.9, 1.2, "rms error against the Taylor error at η = 3");
  await expect(page.locator('.nb-cell[data-cell-id="noise-explorer"] .nb-output')).toContainText("the larger: Taylor error");
});
