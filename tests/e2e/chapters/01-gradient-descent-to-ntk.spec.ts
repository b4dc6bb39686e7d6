// Chapter 1 (from gradient descent to the NTK): the numbers behind every figure, as baked at build and
// after a live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, test, type Page } from "@playwright/test";
import { chapterTests, expectWithin, moveSlider, numberAfter, numbersAfter, type FigureShot } from "./helpers.ts";

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
  // At η = 0.5 the third-order term has taken over: the error grows locally like η^2.9.
  expectWithin(await numberAfter(page, "one-step-error", "local slope at η = 0.5:"), 2.6, 3.2, "local slope of the kernel-step error at η = 0.5");

  // One neuron: the hand gradient (P2a) equals autodiff; −η∇L lowers the loss, the note's +η∇L raises it.
  expectWithin(await numberAfter(page, "neuron-gradient", "largest difference:"), 0, 1e-6, "hand vs tf.grads gradient");
  const [before, minus, plus] = await numbersAfter(page, "neuron-gradient", "loss before:");
  expectWithin(before, 0.07, 0.0715, "loss before the step");
  expect(minus, "θ − η∇L lowers the loss").toBeLessThan(before * 0.8);
  expect(plus, "θ + η∇L raises the loss").toBeGreaterThan(before * 1.2);

  // The explorer at its defaults (one hidden layer of width 512, η = 0.2): the step is off by a fraction of
  // a per cent, and the second-order term alone predicts that within 20 %.
  const { error, predicted } = await stepExplored(page, 512, 0.2);
  expectWithin(error, 2e-3, 2e-2, "relative error of the kernel step at width 512, η = 0.2");
  expectWithin(error / predicted, 0.8, 1.25, "measured over second-order prediction at the defaults");
}

/** The explorer's numbers at the width and learning rate its sliders are at (checked in its first line). */
async function stepExplored(page: Page, width: number, eta: number) {
  await expect(page.locator('.nb-cell[data-cell-id="step-explorer"] .nb-output')).toContainText(`width ${width}, η = ${eta}:`);
  // "second-order prediction …/max|∇fᵀΔθ| at η = 1: a, at this η: b"
  const [perEta, here] = await numbersAfter(page, "step-explorer", "at η = 1:");
  return { error: await numberAfter(page, "step-explorer", "relative to max |Δf|:"), perEta, predicted: here };
}

const FIGURES: FigureShot[] = [
  ["ntk-heatmap", 0, "01-ntk-heatmap.png"],
  ["one-step", 0, "01-one-step.png"],
  ["one-step-error", 0, "01-one-step-error.png"],
  ["step-explorer", 0, "01-step-explorer-change.png"],
  ["step-explorer", 1, "01-step-explorer-error.png"],
];

chapterTests("chapter 1: from gradient descent to the NTK", PAGE, checkNumbers, FIGURES);

test("chapter 1: the sliders show the kernel step exact to O(η²) and the error falling with width", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${PAGE}?backend=wasm`);
  // Small η: the error is the second-order term, to a few per cent.
  await moveSlider(page, "step-explorer", "learning rate η", "Home");
  const small = await stepExplored(page, 512, 0.001);
  expectWithin(small.error / small.predicted, 0.95, 1.05, "error over second-order term at η = 0.001");
  // The same η at widths 16 and 4096: the O(η²) coefficient falls about like 1/width (256× the width).
  await moveSlider(page, "step-explorer", "hidden width n", "Home");
  const narrow = await stepExplored(page, 16, 0.001);
  await moveSlider(page, "step-explorer", "hidden width n", "End");
  const wide = await stepExplored(page, 4096, 0.001);
  test.info().annotations.push({ type: "relative error at η = 0.001, widths 16 and 4096", description: `${narrow.error}, ${wide.error}` });
  expect(narrow.error / wide.error, "the kernel step is more exact at width 4096 than at 16").toBeGreaterThan(50);
  // η = 10 at width 4096: far beyond the O(η²) regime, higher orders dominate the error.
  await moveSlider(page, "step-explorer", "learning rate η", "End");
  const large = await stepExplored(page, 4096, 10);
  expect(large.error / wide.error, "the relative error grows with η").toBeGreaterThan(1e3);
  expect(large.error / large.predicted, "at η = 10 the second-order term no longer accounts for the error").toBeGreaterThan(2);
});
