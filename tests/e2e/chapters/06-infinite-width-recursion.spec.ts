// Chapter 6 (the infinite-width recursion): the numbers behind every figure as baked at build and
// after a live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, test, type Page } from "@playwright/test";
import { chapterTests, expectWithin, type FigureShot, moveSlider, numberAfter, numbersAfter } from "./helpers.ts";

const PAGE = "chapters/infinite-width-recursion/";

async function checkNumbers(page: Page): Promise<void> {
  // Note 003's recursion against the correct one (ReLU): the cell's own lines agree with analyticKernels,
  // the note is exact only for σ_w = 1, σ_b = 0 at depth 1, and off by 1/3 and 100 % at depths 2 and 3.
  expectWithin(await numberAfter(page, "note003-vs-correct", "largest |Θ (these lines) − analyticKernels|:"), 0, 1e-10, "recursion vs analyticKernels");
  const [g1, g2, g3] = await numbersAfter(page, "note003-vs-correct", "relative gap of note 003, σ_w = 1, σ_b = 0, depths 1, 2, 3:");
  expectWithin(g1, 0, 1e-12, "note 003's gap at depth 1");
  expectWithin(g2, 0.33, 0.34, "note 003's gap at depth 2");
  expectWithin(g3, 0.99, 1.01, "note 003's gap at depth 3");
  // Finite networks (depth 2, width 512) lie on the correct curve, far from the note's.
  const dots = await numbersAfter(page, "note003-vs-correct", "relative to max|Θ|,");
  // Per setting: "σ_w = 1, σ_b = 0: to Θ a, to K b" → numbers [1, 0, a, b, 1, 0.1, a, b, 2, 0, a, b] (√2 reads as 2).
  expect(dots.length).toBe(12);
  for (let s = 0; s < 3; s++) {
    const [toTheta, toNote] = [dots[4 * s + 2], dots[4 * s + 3]];
    expectWithin(toTheta, 0, 0.12, `setting ${s + 1}: empirical NTK to the correct Θ`);
    expect(toNote, `setting ${s + 1}: the empirical NTK is much closer to Θ than to note 003's K`).toBeGreaterThan(2 * toTheta);
  }

  // Gauss–Hermite quadrature for gelu (depth 3, σ_w = 1.5, σ_b = 0.1) against finite networks.
  expectWithin(await numberAfter(page, "pick-activation", "gelu: Θ(x₀, x₀) ="), 4.0, 5.5, "gelu Θ(x₀, x₀) by quadrature");
  const [relGelu, inSe] = await numbersAfter(page, "pick-activation", "relative difference to the limit:");
  expectWithin(Math.abs(relGelu), 0, 0.15, "finite networks vs the quadrature limit (relative)");
  expectWithin(Math.abs(inSe), 0, 3, "finite networks vs the quadrature limit (standard errors)");

  // Jacot et al.'s Figure 1: the wide networks are closer to the limit, by roughly √20.
  const e500 = await numberAfter(page, "jacot-figure", "width 500: mean max_γ |Θ_emp − Θ_∞| / Θ_∞(x₀, x₀) =");
  const e10k = await numberAfter(page, "jacot-figure", "width 10000: mean max_γ |Θ_emp − Θ_∞| / Θ_∞(x₀, x₀) =");
  expectWithin(e500, 0.03, 0.12, "error at width 500");
  expectWithin(e10k, 0.005, 0.03, "error at width 10 000");
  expectWithin(e500 / e10k, 2.5, 6.5, "error ratio 500 / 10 000");

  // The rate: relative error ∝ width^(−1/2).
  expectWithin(await numberAfter(page, "rate", "fitted slope:"), -0.65, -0.35, "fitted slope of the error against width");
  const [, eSmall, , eLarge] = await numbersAfter(page, "rate", "relative error (geometric mean of 4 seeds): width");
  expectWithin(eSmall, 0.15, 0.5, "relative error at width 32");
  expectWithin(eLarge, 0.005, 0.025, "relative error at width 16 384");

  // The explorer at its default width, 64: ten seeds, close to the fitted rate.
  // "width 64: relative error a (geometric mean of 10 seeds), predicted by the fit b" → [a, 10, b]
  const [measured64, , predicted64] = await numbersAfter(page, "width-explorer", "width 64: relative error");
  expectWithin(measured64, 0.1, 0.3, "relative error of ten width-64 kernels");
  expectWithin(measured64 / predicted64, 0.67, 1.5, "measured over predicted at width 64");
  expectWithin(await numberAfter(page, "width-explorer", "inside the ±2 sd band:"), 0.9, 1, "share of kernel values inside the central-limit band at width 64");

  // Depth: ordered → 1, chaotic → 0 with an exploding diagonal, critical slowly towards ¼ with Θ(x₀, x₀) = depth + 1.
  // "…: a, b; Θ(x₀, x₀) at depth 64: c" → [a, b, 64, c]
  const [o16, o32, , oDiag] = await numbersAfter(page, "depth", "ordered at π/4, depths 16, 32:");
  expectWithin(o16, 0.99, 0.999, "ordered, depth 16");
  expectWithin(o32, 0.9995, 1.0001, "ordered, depth 32");
  expectWithin(oDiag, 1.9, 2.0, "ordered Θ(x₀, x₀) at depth 64");
  const [c8, c16, , cDiag] = await numbersAfter(page, "depth", "chaotic at π/4, depths 8, 16:");
  expectWithin(c8, 0.02, 0.05, "chaotic, depth 8");
  expectWithin(c16, 0, 0.002, "chaotic, depth 16");
  expectWithin(cDiag, 5e3, 8e3, "chaotic Θ(x₀, x₀) at depth 16");
  const [k16, k64, , , kd16, kd64] = await numbersAfter(page, "depth", "critical at π/4, depths 16, 64:");
  expectWithin(k16, 0.37, 0.4, "critical, depth 16");
  expectWithin(k64, 0.28, 0.31, "critical, depth 64");
  expectWithin(kd16, 16.999, 17.001, "critical Θ(x₀, x₀) at depth 16");
  expectWithin(kd64, 64.999, 65.001, "critical Θ(x₀, x₀) at depth 64");
  const [atHalf, atPi] = await numbersAfter(page, "depth", "chaotic, largest |value at π/2| and |value at π + 1| over depths:");
  expectWithin(atHalf, 0, 1e-12, "chaotic kernel at π/2");
  expectWithin(atPi, 0, 1e-12, "chaotic kernel at π, plus 1");
  const [p64, p4096] = await numbersAfter(page, "depth", "critical at π/2, depths 64, 4096:");
  expectWithin(p64, 0.27, 0.29, "critical at π/2, depth 64");
  expectWithin(p4096, 0.25, 0.252, "critical at π/2, depth 4096");
}

const FIGURES: FigureShot[] = [
  ["note003-vs-correct", 0, "06-note003-vs-correct.png"],
  ["pick-activation", 0, "06-pick-activation.png"],
  ["jacot-figure", 0, "06-jacot-figure.png"],
  ["rate", 0, "06-rate.png"],
  ["width-explorer", 0, "06-width-explorer.png"],
  ["depth", 0, "06-depth.png"],
];

chapterTests("chapter 6: the infinite-width recursion", PAGE, checkNumbers, FIGURES);

test("chapter 6: the width slider brings the random kernels onto the limit as 1/√width", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${PAGE}?backend=wasm`);
  const errorAt = async (width: number) => {
    await expect(page.locator('.nb-cell[data-cell-id="width-explorer"] .nb-output')).toContainText(`width ${width}:`);
    return numbersAfter(page, "width-explorer", "relative error");
  };
  await moveSlider(page, "width-explorer", "hidden width n", "Home");
  const [narrow, , narrowPredicted] = await errorAt(16);
  await moveSlider(page, "width-explorer", "hidden width n", "End");
  const narrowInside = await numberAfter(page, "width-explorer", "inside the ±2 sd band:");
  const [wide, , widePredicted] = await errorAt(16384);
  const wideInside = await numberAfter(page, "width-explorer", "inside the ±2 sd band:");
  test.info().annotations.push({ type: "inside the band at widths 16, 16384", description: `${narrowInside}, ${wideInside}` });
  // The band follows the central limit theorem at any width; at 16 384 it is 1/32 as wide as at 16.
  expectWithin(wideInside, 0.9, 1, "share inside the band at width 16 384");
  expectWithin(narrowInside, 0.8, 1, "share inside the band at width 16");
  // 1024× the width: about √1024 = 32× closer to the limit.
  expectWithin(narrow / wide, 16, 64, "relative error, width 16 over width 16 384");
  expectWithin(wide / widePredicted, 0.67, 1.5, "measured over predicted at width 16 384");
  expect(narrow, "at width 16 the kernels are farther from the limit than the fit predicts").toBeGreaterThan(narrowPredicted);
});
