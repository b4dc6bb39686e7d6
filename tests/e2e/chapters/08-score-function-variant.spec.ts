// Chapter 8 (the score-function variant): the numbers behind every as baked at build and after
// a live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, type Page } from "@playwright/test";
import { chapterTests, expectWithin, type FigureShot, numberAfter, numbersAfter } from "./helpers.ts";

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
}

const FIGURES: FigureShot[] = [
  ["one-step", 0, "08-one-step.png"],
  ["eta-sweep", 0, "08-eta-sweep.png"],
  ["fisher-kernels", 0, "08-fisher-kernels.png"],
  ["kernel-moves", 0, "08-p-over-steps.png"],
  ["kernel-moves", 1, "08-kernel-change.png"],
  ["monte-carlo", 0, "08-monte-carlo.png"],
];

chapterTests("chapter 8: the score-function variant", PAGE, checkNumbers, FIGURES);
