// Chapter 7 (Bayesian inference: NNGP and NTK): the numbers behind every as baked at build and
// after a live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, test, type Page } from "@playwright/test";
import { chapterTests, expectWithin, type FigureShot, moveSlider, numberAfter, numbersAfter } from "./helpers.ts";

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

  // The time explorer at its default t = 10: two modes fitted, the band between the prior's and the posterior's.
  const atDefault = await timeExplored(page, "10");
  expect(atDefault.fitted).toBe(2);
  expectWithin(atDefault.band, 0.15, 0.3, "average 2σ of the ensemble at t = 10");
  expectWithin(atDefault.meanGap, 0.18, 0.3, "largest |μ_t − μ_NNGP| at t = 10");

  // 128 finite networks against the theory at t = T = 300: within the ensemble's own sampling error (σ(x)/√128
  // at each of 50 points for the mean, whose largest is typically 2–3 of those units; about 6 % for the
  // standard deviation).
  expect((await numbersAfter(page, "finite-ensemble", "η =")).slice(1), "the cell trains 128 networks for 300 steps").toEqual([300, 128]);
  expectWithin(await numberAfter(page, "finite-ensemble", "largest |ensemble mean − theory mean| in units of its sampling error σ_T(x)/√E:"), 0, 4, "ensemble mean vs theory, in sampling errors");
  expectWithin(await numberAfter(page, "finite-ensemble", "average ensemble σ / average theory σ:"), 0.88, 1.12, "ensemble σ / theory σ");
}

const FIGURES: FigureShot[] = [
  ["cookbook-data", 0, "07-cookbook-data.png"],
  ["prior", 0, "07-prior.png"],
  ["posterior-vs-ensemble", 0, "07-posterior-vs-ensemble.png"],
  ["gap-check", 0, "07-gap.png"],
  ["three-ensembles", 0, "07-three-ensembles.png"],
  ["loss-vs-time", 0, "07-loss-vs-time.png"],
  ["time-explorer", 0, "07-time-explorer-bands.png"],
  ["time-explorer", 1, "07-time-explorer-distances.png"],
  ["finite-ensemble", 0, "07-finite-ensemble.png"],
];

chapterTests("chapter 7: Bayesian inference", PAGE, checkNumbers, FIGURES);

/** The time explorer's numbers at the t its slider is at (as printed, e.g. "10", "0.01", "100000"). */
async function timeExplored(page: Page, t: string) {
  await expect(page.locator('.nb-cell[data-cell-id="time-explorer"] .nb-output')).toContainText(`t = ${t}: average 2σ of the ensemble`);
  const [band, prior, posterior] = await numbersAfter(page, "time-explorer", "average 2σ of the ensemble");
  return {
    band,
    prior,
    posterior,
    trainSd: await numberAfter(page, "time-explorer", "largest σ of the ensemble at the training inputs:"),
    meanGap: await numberAfter(page, "time-explorer", "largest |μ_t − μ_NNGP| on the test grid:"),
    fitted: await numberAfter(page, "time-explorer", "(time constant N/(ηλ) < t):"),
  };
}

test("chapter 7: the time slider takes the ensemble from the prior to its t = ∞ limit, which is not the posterior", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${PAGE}?backend=wasm`);
  const tInf = {
    band: await numberAfter(page, "posterior-vs-ensemble", "average 2σ, NTK ensemble:"),
    meanGap: await numberAfter(page, "posterior-vs-ensemble", "largest |μ_NNGP − μ_NTK| on the test grid:"),
  };
  await moveSlider(page, "time-explorer", "training time t (flow time, η = 1)", "Home");
  const early = await timeExplored(page, "0.01");
  await moveSlider(page, "time-explorer", "training time t (flow time, η = 1)", "End");
  const late = await timeExplored(page, "100000");
  test.info().annotations.push({ type: "average 2σ at t = 0.01, 10⁵ (prior, posterior)", description: `${early.band}, ${late.band} (${early.prior}, ${early.posterior})` });
  // Barely trained: the ensemble is (nearly) the prior, unpinned at the training inputs.
  expect(early.fitted).toBe(0);
  expectWithin(early.band / early.prior, 0.85, 1, "average 2σ at t = 0.01 against the prior's");
  expect(early.trainSd, "σ at the training inputs at t = 0.01").toBeGreaterThan(0.5);
  // Long trained: every mode fitted, pinned at the training inputs, and equal to the t = ∞ ensemble of (7.10)–(7.11) …
  expect(late.fitted).toBe(5);
  expect(late.trainSd, "σ at the training inputs at t = 10⁵").toBeLessThan(0.01);
  expect(late.band, "the band narrows more than tenfold").toBeLessThan(early.band / 10);
  expectWithin(late.band, tInf.band - 1e-3, tInf.band + 1e-3, "average 2σ at t = 10⁵ against t = ∞");
  expectWithin(late.meanGap, tInf.meanGap - 1e-3, tInf.meanGap + 1e-3, "mean gap at t = 10⁵ against t = ∞");
  // … which is still not the posterior: wider, and with another mean.
  expect(late.band, "the trained ensemble stays wider than the posterior").toBeGreaterThan(late.posterior * 1.1);
  expect(late.meanGap, "the means stay apart").toBeGreaterThan(0.1);
});
