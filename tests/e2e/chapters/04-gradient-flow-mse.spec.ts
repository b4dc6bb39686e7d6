// Chapter 4 (gradient flow of the MSE): the numbers behind every figure, as baked at build and after a
// live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, test, type Page } from "@playwright/test";
import { chapterTests, expectWithin, moveSlider, numberAfter, numbersAfter, type FigureShot } from "./helpers.ts";

const PAGE = "chapters/gradient-flow-mse/";

async function checkNumbers(page: Page): Promise<void> {
  // (G10) against four trained width-2048 networks: 0 at t = 0 (same f₀), then a finite-width gap of
  // several per cent; a wrong sign, a missing Θ⁻¹ or a missing f₀ would make it order one.
  const gapsAt = (width: number) => numbersAfter(page, "ensemble-vs-kernel", `width ${width}, largest gap relative to max |f_t|, per t (0, 10, 100, 1000):`);
  const gaps = await gapsAt(2048);
  expect(gaps.length).toBe(4);
  const [g0, g10, g100, g1000] = gaps;
  expectWithin(g0, 0, 1e-6, "gap at t = 0");
  expectWithin(g10, 0.01, 0.1, "gap at t = 10");
  expectWithin(g100, 0.01, 0.1, "gap at t = 100");
  expectWithin(g1000, 0.01, 0.1, "gap at t = 1000");
  // The same seeds at a quarter of the width: the finite-width gap is larger.
  const narrow = await gapsAt(512);
  expect(narrow.length).toBe(4);
  expectWithin(narrow[0], 0, 1e-6, "gap at t = 0, width 512");
  expect(narrow[1] / g10, "the gap at t = 10 is several times larger at width 512").toBeGreaterThan(2);
  const worst = (v: number[]) => Math.max(...v.slice(1));
  expect(worst(narrow), "the largest gap over t > 0 is larger at width 512").toBeGreaterThan(1.3 * worst(gaps));

  // the infinite-width NTK's spectrum on the 8 inputs, its time constants, and the eigenvectors' sign changes
  const [lmax, lmin] = await numbersAfter(page, "eigenmodes", "eigenvalues: from");
  expectWithin(lmax, 26.5, 28, "largest eigenvalue");
  expectWithin(lmin, 8e-4, 1.4e-3, "smallest eigenvalue");
  const [tauMin, tauMax] = await numbersAfter(page, "eigenmodes", "time constants: from");
  expectWithin(tauMin, 1.4, 1.55, "shortest time constant");
  expectWithin(tauMax, 3e4, 4.5e4, "longest time constant");
  expect(await numbersAfter(page, "eigenmodes", "sign changes by mode:")).toEqual([1, 3, 0, 5, 2, 7, 4, 6]);
  // the slow modes of the trained network stay within a factor e^0.7 of (1 − ηλ/N)^t
  const [slowModes, logGap] = await numbersAfter(page, "eigenmodes", "still above 1 % at step 2000:");
  expect(slowModes).toBe(4);
  expectWithin(logGap, 0, 0.7, "largest |log(network/theory)| of the slow modes");

  // the mode explorer at its default (width 512, step 100): two modes learned, network and kernel alike
  const [learnedNetwork, , learnedKernel] = await numbersAfter(page, "mode-explorer", "width 512, step 100: modes below 1/e of their start:");
  expect([learnedNetwork, learnedKernel]).toEqual([2, 2]);
  expectWithin(await numberAfter(page, "mode-explorer", "over the modes above 1 %:"), 0.2, 0.5, "explorer's largest |log(network/kernel)| at the default");

  // (G18): η_max = 2N/λ_max; 60 steps of the linear recursion converge at 0.25 and 0.5 and diverge at 0.62
  expectWithin(await numberAfter(page, "stability", "λ_max:"), 26.5, 28, "λ_max");
  expectWithin(await numberAfter(page, "stability", "largest stable step 2N/λ_max:"), 0.57, 0.61, "2N/λ_max");
  expectWithin(await numberAfter(page, "stability", "largest monotone step N/λ_max:"), 0.285, 0.305, "N/λ_max");
  const [l25, l50, l62, l0] = await numbersAfter(page, "stability", "per η (0.25, 0.5, 0.62):").then((v) => v.slice(-4));
  expect(l25, "η = 0.25 lowers the loss").toBeLessThan(l0 / 10);
  expect(l50, "η = 0.5 lowers the loss").toBeLessThan(l0 / 10);
  expect(l62, "η = 0.62 diverges").toBeGreaterThan(l0 * 1e3);
}

const FIGURES: FigureShot[] = [
  ["ensemble-vs-kernel", 0, "04-ensemble-vs-kernel.png"],
  ["eigenmodes", 0, "04-eigenmodes-decay.png"],
  ["eigenmodes", 1, "04-eigenmodes-vectors.png"],
  ["mode-explorer", 0, "04-mode-explorer-modes.png"],
  ["mode-explorer", 1, "04-mode-explorer-loss.png"],
  ["stability", 0, "04-stability-loss.png"],
  ["stability", 1, "04-stability-top-mode.png"],
];

chapterTests("chapter 4: gradient flow of the MSE", PAGE, checkNumbers, FIGURES);

/** The mode explorer's numbers at the step and width its sliders are at (checked in its first line). */
async function modesExplored(page: Page, step: number, width: number) {
  await expect(page.locator('.nb-cell[data-cell-id="mode-explorer"] .nb-output')).toContainText(`width ${width}, step ${step}: modes below`);
  const [network, , kernel] = await numbersAfter(page, "mode-explorer", "modes below 1/e of their start:");
  const [lossNetwork, lossKernel] = await numbersAfter(page, "mode-explorer", `loss at step ${step}:`);
  return {
    network,
    kernel,
    left: await numbersAfter(page, "mode-explorer", "(modes 1–8):"),
    off: await numberAfter(page, "mode-explorer", "over the modes above 1 %:"),
    lossRatio: lossNetwork / lossKernel,
  };
}

test("chapter 4: the step scrubber shows the modes leave in order of eigenvalue, and the width slider the network leaving the kernel", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${PAGE}?backend=wasm`);
  // baked, at the default (width 512, step 100): the numbers the prose quotes
  const baked = await modesExplored(page, 100, 512);
  expect([baked.network, baked.kernel]).toEqual([2, 2]);
  expectWithin(baked.off, 0.2, 0.5, "largest |log(network/kernel)| at width 512, step 100");
  expectWithin(baked.lossRatio, 0.95, 1.1, "network loss / kernel loss at width 512, step 100");

  await moveSlider(page, "mode-explorer", "training time t (steps)", "Home");
  const early = await modesExplored(page, 1, 512);
  await moveSlider(page, "mode-explorer", "training time t (steps)", "End");
  const late = await modesExplored(page, 1000, 512);
  // Spectral bias: at step 1 only the top mode has moved; by step 1000 the five largest-eigenvalue modes are
  // below 1/e while the three slowest keep most of their residual, so the learned modes are a prefix.
  expect(early.network, "one mode learned at step 1").toBe(1);
  for (const [i, left] of early.left.slice(1).entries()) expect(left, `mode ${i + 2} at step 1`).toBeGreaterThan(0.8);
  expect(late.network, "modes learned at step 1000").toBe(5);
  for (const [i, left] of late.left.slice(0, 5).entries()) expect(left, `mode ${i + 1} at step 1000`).toBeLessThan(Math.exp(-1));
  for (const [i, left] of late.left.slice(5).entries()) expect(left, `mode ${i + 6} at step 1000`).toBeGreaterThan(0.5);

  // Width: at step 1000, a width-16 network is far from its kernel's modes and loss, a width-2048 one close.
  await moveSlider(page, "mode-training", "hidden width n", "Home");
  const narrow = await modesExplored(page, 1000, 16);
  await moveSlider(page, "mode-training", "hidden width n", "End");
  const wide = await modesExplored(page, 1000, 2048);
  test.info().annotations.push({ type: "largest |log(network/kernel)| at step 1000, widths 16, 512, 2048", description: `${narrow.off}, ${late.off}, ${wide.off}` });
  expect(narrow.off, "modes farther from the kernel at width 16 than at 2048").toBeGreaterThan(3 * wide.off);
  expect(narrow.lossRatio, "loss at width 16 against the kernel's").toBeGreaterThan(3);
  expectWithin(wide.lossRatio, 0.9, 1.2, "loss at width 2048 against the kernel's");
});
