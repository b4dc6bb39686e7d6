// Chapter 2 (the second-order term): the numbers behind every figure, as baked at build and after a
// live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, test, type Page } from "@playwright/test";
import { chapterTests, expectWithin, moveSlider, numberAfter, numbersAfter, type FigureShot } from "./helpers.ts";

const PAGE = "chapters/second-order-term/";

async function checkNumbers(page: Page): Promise<void> {
  // (S6) against the actual residual at η = 0.05: the gap is the O(η³) term, about a tenth.
  // With the note's sign (−η²/2) the gap would be about 2, without the ½ about 1.
  expectWithin(await numberAfter(page, "second-order", "largest gap relative to max |residual|:"), 0.05, 0.2, "residual − second-order term, relative");
  expectWithin(await numberAfter(page, "second-order", "largest relative difference:"), 0, 1e-3, "nested tf.grad vs taylorTerms");

  // Slopes against η: the residual is O(η²), and after adding (S6) what is left is O(η³).
  const first = await numberAfter(page, "second-order-slopes", "fitted slope, kernel step:");
  const second = await numberAfter(page, "second-order-slopes", "fitted slope, with the second-order term:");
  expectWithin(first, 1.85, 2.3, "slope of the kernel-step error");
  expectWithin(second, 2.75, 3.25, "slope of the error after the second-order term");

  // Width: the curvature along the step falls like ~1/n, the operator norm like ~1/√n (up to logs).
  const curvature = await numberAfter(page, "second-order-width", "fitted slope, curvature along the step:");
  const norm = await numberAfter(page, "second-order-width", "fitted slope, Hessian operator norm:");
  expectWithin(curvature, -1.15, -0.7, "width slope of gᵀHg/‖g‖²");
  expectWithin(norm, -0.6, -0.3, "width slope of ‖H‖_op");
  expect(curvature, "the term falls faster than its bound").toBeLessThan(norm - 0.25);
  // More inputs, seeds and widths, with one and two hidden layers: the curvature's slope is near −1 at every one of 7 inputs.
  for (const layers of ["one hidden layer", "two hidden layers"]) {
    const [steepest, shallowest, overall] = await numbersAfter(page, "second-order-inputs", `${layers}: fitted slope per input from`);
    expectWithin(steepest, -1.25, -0.8, `${layers}: steepest slope over the 7 inputs`);
    expectWithin(shallowest, steepest, -0.8, `${layers}: shallowest slope over the 7 inputs`);
    expectWithin(overall, -1.15, -0.9, `${layers}: slope of the curvature's rms over 7 inputs`);
  }

  // The explorer at its default width, 256: the term uses a few per cent of its bound, never more than all of it.
  const at256 = await boundExplored(page, 256);
  expectWithin(at256.share, 0.01, 0.1, "share of the bound at width 256");
  expectWithin(at256.largest, 0, 1, "largest (a)/(b) at width 256");
  expectWithin(at256.norm / at256.normFit, 0.8, 1.25, "‖H‖_op at x = 0.7 against the fit of the width sweep");
}

/** The explorer's numbers at the width its slider is at (checked in its first line). */
async function boundExplored(page: Page, width: number) {
  await expect(page.locator('.nb-cell[data-cell-id="bound-explorer"] .nb-output')).toContainText(`width ${width}, x = 0.7:`);
  // "(a) curvature along the step A (fit: B), (b) ‖H‖_op C (fit: D)"
  const [curvature, curvatureFit] = await numbersAfter(page, "bound-explorer", "curvature along the step");
  const [norm, normFit] = await numbersAfter(page, "bound-explorer", "‖H‖_op");
  return {
    curvature,
    curvatureFit,
    norm,
    normFit,
    share: await numberAfter(page, "bound-explorer", "rms over the grid and the seeds:"),
    largest: await numberAfter(page, "bound-explorer", "largest (a)/(b) over the grid and the seeds:"),
  };
}

const FIGURES: FigureShot[] = [
  ["second-order", 0, "02-second-order.png"],
  ["second-order-slopes", 0, "02-second-order-slopes.png"],
  ["second-order-width", 0, "02-second-order-width.png"],
  ["second-order-inputs", 0, "02-second-order-inputs.png"],
  ["bound-explorer", 0, "02-bound-explorer.png"],
];

chapterTests("chapter 2: the second-order term", PAGE, checkNumbers, FIGURES);

test("chapter 2: the width slider opens the gap between the second-order term and its bound", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${PAGE}?backend=wasm`);
  await moveSlider(page, "bound-explorer", "hidden width n", "Home");
  const narrow = await boundExplored(page, 16);
  await moveSlider(page, "bound-explorer", "hidden width n", "End");
  const wide = await boundExplored(page, 4096);
  test.info().annotations.push({ type: "share of the bound at widths 16, 4096", description: `${narrow.share}, ${wide.share}` });
  // |gᵀHg| ≤ ‖H‖_op·‖g‖² at both ends.
  expectWithin(narrow.largest, 0, 1, "largest (a)/(b) at width 16");
  expectWithin(wide.largest, 0, 1, "largest (a)/(b) at width 4096");
  // 256× the width: the norm (the bound) falls like ~1/√n (16×, less the log), the term like ~1/n (256×).
  expectWithin(narrow.norm / wide.norm, 4, 20, "‖H‖_op at x = 0.7, width 16 over width 4096");
  expect(narrow.curvature / wide.curvature, "the term falls far faster than the bound").toBeGreaterThan(3 * (narrow.norm / wide.norm));
  expect(narrow.share / wide.share, "the term uses a smaller share of its bound at width 4096").toBeGreaterThan(5);
});
