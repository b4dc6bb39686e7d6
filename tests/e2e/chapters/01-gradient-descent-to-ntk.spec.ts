// Chapter 1 (from gradient descent to the NTK): the numbers behind every figure, as baked at build and
// after a live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, type Page } from "@playwright/test";
import { chapterTests, expectWithin, numberAfter, numbersAfter, type FigureShot } from "./helpers.ts";

const PAGE = "chapters/gradient-descent-to-ntk/";

async function checkNumbers(page: Page): Promise<void> {
  // The empirical NTK on 41 inputs: a symmetric Gram matrix, so its eigenvalues are ≥ 0 up to round-off.
  expect(await numbersAfter(page, "ntk-heatmap", "shape:")).toEqual([41, 41]);
  expectWithin(await numberAfter(page, "ntk-heatmap", "max |Θ − Θᵀ|:"), 0, 1e-4, "largest asymmetry of Θ");
  const [smallest, largest] = await numbersAfter(page, "ntk-heatmap", "smallest eigenvalue:");
  expectWithin(largest, 150, 230, "largest eigenvalue of Θ");
  expectWithin(smallest, -1e-6 * largest, 1e-3 * largest, "smallest eigenvalue of Θ (0 up to round-off)");

  // (10): one real step (η = 0.2) against the kernel prediction; the gap is a fraction of a per cent.
  expectWithin(await numberAfter(page, "one-step", "largest gap relative to max |Δf|:"), 5e-4, 0.02, "kernel step gap at η = 0.2");

  // The error of (10) is O(η²): slope 2 on log-log axes (1 if the kernel step were wrong to first order).
  expectWithin(await numberAfter(page, "one-step-error", "fitted slope:"), 1.8, 2.2, "slope of the kernel-step error against η");

  // One neuron: the hand gradient (P2a) equals autodiff; −η∇L lowers the loss, the note's +η∇L raises it.
  expectWithin(await numberAfter(page, "neuron-gradient", "largest difference:"), 0, 1e-6, "hand vs tf.grads gradient");
  const [before, minus, plus] = await numbersAfter(page, "neuron-gradient", "loss before:");
  expectWithin(before, 0.07, 0.0715, "loss before the step");
  expect(minus, "θ − η∇L lowers the loss").toBeLessThan(before * 0.8);
  expect(plus, "θ + η∇L raises the loss").toBeGreaterThan(before * 1.2);
}

const FIGURES: FigureShot[] = [
  ["ntk-heatmap", 0, "01-ntk-heatmap.png"],
  ["one-step", 0, "01-one-step.png"],
  ["one-step-error", 0, "01-one-step-error.png"],
];

chapterTests("chapter 1: from gradient descent to the NTK", PAGE, checkNumbers, FIGURES);
