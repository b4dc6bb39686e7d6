// Chapter 3 (wide networks are linear models): the numbers behind every figure, as baked at build and
// after a live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, type Page } from "@playwright/test";
import { chapterTests, expectWithin, numberAfter, numbersAfter, type FigureShot } from "./helpers.ts";

const PAGE = "chapters/wide-networks-are-linear/";

async function checkNumbers(page: Page): Promise<void> {
  // The hand-written trainer takes the same step as the library's autodiff gradient.
  expectWithin(await numberAfter(page, "weight-change", "largest difference from the library's gradientStepDelta:"), 0, 1e-6, "hand-written step vs gradientStepDelta");
  // The note's missing figure: ‖θ_T − θ₀‖/‖θ₀‖ ∝ n^(−1/2), while ‖θ_T − θ₀‖ itself stays of order one.
  expectWithin(await numberAfter(page, "weight-change", "fitted slope:"), -0.6, -0.4, "width slope of the relative weight change");
  const [smallest, largest] = await numbersAfter(page, "weight-change", "over the widths: from");
  expectWithin(smallest, 1, 3, "smallest ‖θ_T − θ₀‖");
  expectWithin(largest, 1, 3, "largest ‖θ_T − θ₀‖");
  expect(largest / smallest, "‖θ_T − θ₀‖ roughly constant in width").toBeLessThan(2);

  // The kernel's drift: between the −½ of the bound and the −1 of the typical contraction.
  expectWithin(await numberAfter(page, "ntk-change", "fitted slope:"), -1.0, -0.6, "width slope of ‖Θ_T − Θ₀‖/‖Θ₀‖");

  // Network vs linearization: the largest RMS gap over training shrinks with width.
  const gap32 = await numberAfter(page, "linearization", "max RMS gap, width 32:");
  const gap256 = await numberAfter(page, "linearization", "max RMS gap, width 256:");
  const gap2048 = await numberAfter(page, "linearization", "max RMS gap, width 2048:");
  expectWithin(gap32, 0.05, 0.2, "RMS gap at width 32");
  expectWithin(gap256, 0.01, 0.04, "RMS gap at width 256");
  expectWithin(gap2048, 0.002, 0.01, "RMS gap at width 2048");
  expect(gap32 / gap2048, "the gap shrinks by more than 10× from width 32 to 2048").toBeGreaterThan(10);
}

const FIGURES: FigureShot[] = [
  ["weight-change", 0, "03-weight-change.png"],
  ["ntk-change", 0, "03-ntk-change.png"],
  ["linearization", 0, "03-linearization-loss.png"],
  ["linearization", 1, "03-linearization-functions.png"],
];

chapterTests("chapter 3: wide networks are linear models", PAGE, checkNumbers, FIGURES);
