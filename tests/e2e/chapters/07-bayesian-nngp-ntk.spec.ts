// Chapter 7 (Bayesian inference: NNGP and NTK): the numbers behind every as baked at build and
// after a live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, type Page } from "@playwright/test";
import { chapterTests, expectWithin, type FigureShot, numberAfter, numbersAfter } from "./helpers.ts";

const PAGE = "chapters/bayesian-nngp-ntk/";

async function checkNumbers(page: Page): Promise<void> {
  // The cookbook data: noise of standard deviation 0.1 on five samples.
  expectWithin(await numberAfter(page, "cookbook-data", "largest |y − sin x| on the training set:"), 0.01, 0.4, "largest training noise");

  // The prior of the erf net (σ_w = 1.5, σ_b = 0.05): tight at 0 (odd activation, small bias), wide at ±π.
  expectWithin(await numberAfter(page, "prior", "prior σ at x = 0:"), 0.16, 0.19, "prior σ(0)");
  expectWithin(await numberAfter(page, "prior", "prior σ at x = π:"), 1.0, 1.3, "prior σ(π)");

  // Posterior vs ensemble: different means, the ensemble wider, both pinned at the training inputs.
  const meanGap = await numberAfter(page, "posterior-vs-ensemble", "largest |μ_NNGP − μ_NTK| on the test grid:");
  expectWithin(meanGap, 0.05, 0.5, "largest |μ_NNGP − μ_NTK|");
  const band = {
    nngp: await numberAfter(page, "posterior-vs-ensemble", "average 2σ, NNGP posterior:"),
    ntk: await numberAfter(page, "posterior-vs-ensemble", "average 2σ, NTK ensemble:"),
  };
  expectWithin(band.nngp, 0.03, 0.5, "average 2σ of the NNGP posterior");
  expect(band.ntk, "the NTK ensemble is wider than the NNGP posterior (7.12)").toBeGreaterThan(band.nngp);
  expectWithin(await numberAfter(page, "posterior-vs-ensemble", "largest σ of the NTK ensemble at the training inputs:"), 0, 0.01, "ensemble σ at the training inputs");

  // (7.12): readout-only training reproduces the posterior; the gap is (A − B)K(A − B)ᵀ, PSD and nonzero.
  const [meanDiff, covDiff] = await numbersAfter(page, "gap-check", "readout only: max |μ − μ_NNGP| =");
  expectWithin(meanDiff, 0, 1e-8, "readout-only mean vs NNGP");
  expectWithin(covDiff, 0, 1e-8, "readout-only covariance vs NNGP");
  expectWithin(await numberAfter(page, "gap-check", "max |(Σ_∞ − Σ_NNGP) − (A − B)K(A − B)ᵀ| ="), 0, 1e-8, "(7.12) identity");
  const [gapMin, gapMax] = await numbersAfter(page, "gap-check", "eigenvalues of the gap (7.12): smallest");
  expectWithin(gapMin, -1e-9, 1e-9, "smallest eigenvalue of the gap");
  expectWithin(gapMax, 0.01, 10, "largest eigenvalue of the gap");
  expectWithin(await numberAfter(page, "gap-check", "largest pointwise gap √Σ_∞ − √Σ_NNGP:"), 0.01, 0.5, "largest σ gap");

  // The three t = ∞ distributions: the NTKGP band is the widest (7.14).
  const w = {
    nngp: await numberAfter(page, "three-ensembles", "average 2σ, NNGP posterior (readout only):"),
    ntk: await numberAfter(page, "three-ensembles", "average 2σ, NTK ensemble (all layers):"),
    ntkgp: await numberAfter(page, "three-ensembles", "average 2σ, NTKGP posterior (He et al.):"),
  };
  expect(w.nngp).toBeCloseTo(band.nngp, 4);
  expect(w.ntkgp, "NTKGP band wider than the standard ensemble's").toBeGreaterThan(w.ntk * 1.5);
  const [consMin, consMax] = await numbersAfter(page, "three-ensembles", "eigenvalues of (7.14): smallest");
  expectWithin(consMin, -1e-9, 1e-9, "smallest eigenvalue of (7.14)");
  expectWithin(consMax, 0.1, 100, "largest eigenvalue of (7.14)");

  // Loss against time: the train loss decays to ~0, the test loss levels off.
  const [, trainEnd, testEnd] = await numbersAfter(page, "loss-vs-time", "at t =");
  expectWithin(trainEnd, 0, 1e-6, "expected train loss at the last time");
  expectWithin(testEnd, 0.01, 0.2, "expected test loss at the last time");

  // 128 finite networks against the theory at t = T: within the ensemble's own sampling error (σ/√128 ≈ 0.09σ
  // at each of 50 points for the mean, about 6 % for the standard deviation).
  expect(await numbersAfter(page, "finite-ensemble", "steps of"), "the cell trains 128 networks").toContain(128);
  expectWithin(await numberAfter(page, "finite-ensemble", "largest |ensemble mean − theory mean| in units of the theory's average σ:"), 0, 0.4, "ensemble mean vs theory");
  expectWithin(await numberAfter(page, "finite-ensemble", "average ensemble σ / average theory σ:"), 0.88, 1.12, "ensemble σ / theory σ");
}

const FIGURES: FigureShot[] = [
  ["cookbook-data", 0, "07-cookbook-data.png"],
  ["prior", 0, "07-prior.png"],
  ["posterior-vs-ensemble", 0, "07-posterior-vs-ensemble.png"],
  ["gap-check", 0, "07-gap.png"],
  ["three-ensembles", 0, "07-three-ensembles.png"],
  ["loss-vs-time", 0, "07-loss-vs-time.png"],
  ["finite-ensemble", 0, "07-finite-ensemble.png"],
];

chapterTests("chapter 7: Bayesian inference", PAGE, checkNumbers, FIGURES);
