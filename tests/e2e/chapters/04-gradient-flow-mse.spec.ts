// Chapter 4 (gradient flow of the MSE): the numbers behind every figure, as baked at build and after a
// live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, type Page } from "@playwright/test";
import { chapterTests, expectWithin, numberAfter, numbersAfter, type FigureShot } from "./helpers.ts";

const PAGE = "chapters/gradient-flow-mse/";

async function checkNumbers(page: Page): Promise<void> {
  // (G10) against four trained width-2048 networks: 0 at t = 0 (same f₀), then a finite-width gap of
  // several per cent; a wrong sign, a missing Θ⁻¹ or a missing f₀ would make it order one.
  const gaps = await numbersAfter(page, "ensemble-vs-kernel", "largest gap relative to max |f_t|, per t (0, 10, 100, 1000):");
  expect(gaps.slice(-4).length).toBe(4);
  const [g0, g10, g100, g1000] = gaps.slice(-4);
  expectWithin(g0, 0, 1e-6, "gap at t = 0");
  expectWithin(g10, 0.01, 0.1, "gap at t = 10");
  expectWithin(g100, 0.01, 0.1, "gap at t = 100");
  expectWithin(g1000, 0.01, 0.1, "gap at t = 1000");

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
  ["stability", 0, "04-stability-loss.png"],
  ["stability", 1, "04-stability-top-mode.png"],
];

chapterTests("chapter 4: gradient flow of the MSE", PAGE, checkNumbers, FIGURES);
