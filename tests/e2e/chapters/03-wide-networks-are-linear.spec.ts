// Chapter 3 (wide networks are linear models): the numbers behind every figure, as baked at build and
// after a live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, test, type Page } from "@playwright/test";
import { chapterTests, expectWithin, moveSlider, numberAfter, numbersAfter, type FigureShot } from "./helpers.ts";

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

  // Two hidden layers: all weights and the n×n matrix W² move by O(1/n) of their norm, the outer layers far less steeply.
  const deepSlope = (layer: string) => numberAfter(page, "deep-weight-change", `fitted slope, ${layer}:`);
  expectWithin(await deepSlope("all weights"), -1.15, -0.85, "width slope of ‖θ_T − θ₀‖/‖θ₀‖, two hidden layers");
  const hidden = await deepSlope("W² (n×n)");
  expectWithin(hidden, -1.3, -0.9, "width slope of ‖ΔW²‖/‖W²₀‖");
  for (const outer of ["W¹ (input)", "W³ (readout)"]) {
    const slope = await deepSlope(outer);
    expectWithin(slope, -0.85, -0.25, `width slope of ${outer}'s relative change`);
    expect(slope - hidden, `${outer} moves far less steeply than W²`).toBeGreaterThan(0.25);
  }
  const [deepSmallest, deepLargest] = await numbersAfter(page, "deep-weight-change", "over the widths: from");
  expectWithin(deepSmallest, 1, 3, "smallest ‖θ_T − θ₀‖, two hidden layers");
  expect(deepLargest / deepSmallest, "‖θ_T − θ₀‖ roughly constant in width, two hidden layers").toBeLessThan(2);

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

  // The explorer at its default width, 64: between the sweep's widths 32 and 256.
  expectWithin(await numberAfter(page, "width-explorer", "width 64: relative weight change"), 0.1, 0.2, "relative weight change at width 64");
  expectWithin(await numberAfter(page, "width-explorer", "max RMS gap between the network and its linearization:"), gap256, gap32, "RMS gap at width 64");
}

/** The explorer's three numbers at the width the slider is at. */
async function explored(page: Page) {
  return {
    relative: (await numbersAfter(page, "width-explorer", "relative weight change"))[0],
    drift: await numberAfter(page, "width-explorer", "kernel drift ‖Θ_T − Θ₀‖/‖Θ₀‖:"),
    gap: await numberAfter(page, "width-explorer", "max RMS gap between the network and its linearization:"),
  };
}

const FIGURES: FigureShot[] = [
  ["weight-change", 0, "03-weight-change.png"],
  ["deep-weight-change", 0, "03-deep-weight-change.png"],
  ["ntk-change", 0, "03-ntk-change.png"],
  ["linearization", 0, "03-linearization-loss.png"],
  ["linearization", 1, "03-linearization-functions.png"],
  ["width-explorer", 0, "03-width-explorer.png"],
];

chapterTests("chapter 3: wide networks are linear models", PAGE, checkNumbers, FIGURES);

test("chapter 3: the width slider shows lazy training set in as the width grows", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${PAGE}?backend=wasm`);
  await moveSlider(page, "width-explorer", "hidden width n", "Home");
  await expect(page.locator('.nb-cell[data-cell-id="width-explorer"] .nb-output')).toContainText("width 16:");
  const narrow = await explored(page);
  await moveSlider(page, "width-explorer", "hidden width n", "End");
  await expect(page.locator('.nb-cell[data-cell-id="width-explorer"] .nb-output')).toContainText("width 4096:");
  const wide = await explored(page);
  // 256× the width: the weights move ~√256 = 16× less relative to their size, the kernel and the gap more than that.
  expectWithin(narrow.relative / wide.relative, 5, 30, "relative weight change, width 16 over width 4096");
  expect(narrow.drift / wide.drift, "the kernel drifts far less at width 4096").toBeGreaterThan(16);
  expect(narrow.gap / wide.gap, "the network leaves its linearization at width 16, not at 4096").toBeGreaterThan(16);
});
