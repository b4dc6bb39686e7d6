// The score-function variant (note 000 "Score fns"). For a family p(x|θ):
//   ∇_θ log p(x|θ) = ∇_θ p(x|θ)/p(x|θ)                                   (score)
//   k(x, x′) = ∇_θ log p(x|θ)·∇_θ log p(x′|θ)                             (Fisher / score kernel)
//   REINFORCE: θ′ = θ − η·E_{x̃~p}[∇_θ log p(x̃|θ)·ℓ(x̃)]
//   first order: Δp(x) ≈ p(x)·∇_θ log p(x)·(θ′ − θ) = −η·p(x)·E_{x̃~p}[k(x, x̃)·ℓ(x̃)]
// (the note writes ℓ(x) inside the expectation; it must be ℓ(x̃) — the chapter's erratum).
import { gaussHermite } from "./quadrature.ts";
import { seededRng } from "./rng.ts";
import { checkKeys, checkNumber, fail, toVec } from "./validate.ts";

/**
 * softmax(θ)_x = e^{θ_x}/Σ e^{θ} of a non-empty vector of finite logits.
 *
 * @param logits θ, K finite numbers
 * @returns the K probabilities p
 * @throws {Error} when `logits` is empty or not an array of finite numbers
 * @chapter 8 sm-score
 * @example
 * ```ts
 * import { softmax } from "ntk";
 * softmax([0, Math.log(3)]); // [0.25, 0.75]
 * ```
 */
export function softmax(logits: ArrayLike<number>): number[] {
  return softmaxFor(logits, "softmax");
}

/** softmax for `fn` (its errors name `fn`). */
function softmaxFor(logits: ArrayLike<number>, fn: string): number[] {
  const v = Array.from(toVec(fn, "logits", logits));
  if (v.length === 0) fail(fn, "logits", "is empty");
  const mx = Math.max(...v);
  const e = v.map((t) => Math.exp(t - mx));
  const z = e.reduce((s, t) => s + t, 0);
  return e.map((t) => t / z);
}

/**
 * ∇_θ log softmax(θ)_x = e_x − p.
 *
 * @param logits θ, K finite numbers
 * @param x a category, an integer from 0 to K − 1
 * @returns the score e_x − p, K numbers
 * @throws {Error} when `logits` is empty or not an array of finite numbers, or `x` is not a category
 * @chapter 8 sm-score
 * @example
 * ```ts
 * import { categoricalScore } from "ntk";
 * categoricalScore([0, Math.log(3)], 1); // [-0.25, 0.25]
 * ```
 */
export function categoricalScore(logits: ArrayLike<number>, x: number): number[] {
  const p = softmaxFor(logits, "categoricalScore");
  if (!Number.isInteger(x) || x < 0 || x >= p.length) fail("categoricalScore", "x", `must be a category in 0…${p.length - 1}, got ${x}`);
  return p.map((pi, i) => (i === x ? 1 : 0) - pi);
}

/**
 * K×K Fisher kernel of the categorical model: k(i, j) = (e_i − p)·(e_j − p) = δ_ij − p_i − p_j + Σ p².
 *
 * @param logits θ, K finite numbers
 * @returns the K×K kernel
 * @throws {Error} when `logits` is empty or not an array of finite numbers
 * @chapter 8 sm-kernel
 * @example
 * ```ts
 * import { categoricalFisherKernel } from "ntk";
 * const k = categoricalFisherKernel([0, 0, 1]);
 * ```
 */
export function categoricalFisherKernel(logits: ArrayLike<number>): number[][] {
  const p = softmaxFor(logits, "categoricalFisherKernel");
  const s2 = p.reduce((s, t) => s + t * t, 0);
  return p.map((pi, i) => p.map((pj, j) => (i === j ? 1 : 0) - pi - pj + s2));
}

export interface ReinforceOptions {
  learningRate: number;
  /** Monte-Carlo samples for the expectation; omitted: the exact expectation */
  samples?: number;
  seed?: number;
}

export interface CategoricalStep {
  /** the (estimated) policy gradient g = E_{x̃~p}[∇log p(x̃)·ℓ(x̃)] */
  gradient: number[];
  logitsAfter: number[];
  pBefore: number[];
  pAfter: number[];
  /** p(x|θ′) − p(x|θ) */
  deltaP: number[];
  /** first order: p(x)·∇log p(x)·(−η·g); with the exact expectation = −η·p(x)·Σ_x̃ p(x̃)·k(x, x̃)·ℓ(x̃) */
  predictedDeltaP: number[];
}

/**
 * One REINFORCE step on categorical logits with per-category loss ℓ, and its first-order Δp prediction.
 *
 * @param logits θ, K finite numbers
 * @param loss ℓ, one finite value per category
 * @param opts `learningRate` η > 0; `samples` (an integer ≥ 1) for a Monte Carlo estimate with `seed` instead of the exact expectation
 * @returns the logits after the step, and the change of p it made against the kernel's first-order prediction
 * @throws {Error} when `logits` is empty or not finite; `loss` is not K finite numbers; `opts` is not an object
 * of `learningRate`, `samples`, `seed`, its `learningRate` is not positive, `samples` not an integer ≥ 1 or
 * `seed` not an integer; or the step overflows float64 (the error names `learningRate`)
 * @chapter 8 reinforce sm-dp
 * @example
 * ```ts
 * import { categoricalReinforceStep } from "ntk";
 * const step = categoricalReinforceStep([0, 0, 0], [1, 0, 2], { learningRate: 0.1 });
 * ```
 */
export function categoricalReinforceStep(logits: ArrayLike<number>, loss: ArrayLike<number>, opts: ReinforceOptions): CategoricalStep {
  const fn = "categoricalReinforceStep";
  const theta = toVec(fn, "logits", logits);
  const K = theta.length;
  const ell = toVec(fn, "loss", loss, K);
  checkReinforceOptions(fn, opts);
  const eta = checkNumber(fn, "learningRate", opts.learningRate, { positive: true });
  const p = softmaxFor(theta, fn);
  const g = new Array<number>(K).fill(0);
  if (opts.samples === undefined) {
    // g = Σ_x̃ p(x̃)·(e_x̃ − p)·ℓ(x̃)
    for (let x = 0; x < K; x++) for (let i = 0; i < K; i++) g[i] += p[x] * ((i === x ? 1 : 0) - p[i]) * ell[x];
  } else {
    const S = checkNumber(fn, "samples", opts.samples, { integer: true, min: 1 });
    const rng = seededRng(opts.seed ?? 0, fn);
    const cdf = p.map(((acc) => (v: number) => (acc += v))(0));
    for (let s = 0; s < S; s++) {
      const u = rng.uniform();
      let x = cdf.findIndex((c) => u < c);
      if (x < 0) x = K - 1;
      for (let i = 0; i < K; i++) g[i] += (((i === x ? 1 : 0) - p[i]) * ell[x]) / S;
    }
  }
  const after = Array.from(theta, (t, i) => t - eta * g[i]); // θ′ = θ − η·g
  if (!after.every(Number.isFinite)) fail(fn, "learningRate", `makes the step overflow float64 (θ′ = ${after.join(", ")}); lower it or scale the loss`);
  const pAfter = softmaxFor(after, fn);
  // Δp(x) ≈ p(x)·(e_x − p)·(θ′ − θ)
  const predicted = p.map((px, x) => px * p.reduce((s, pi, i) => s + ((i === x ? 1 : 0) - pi) * -eta * g[i], 0));
  return { gradient: g, logitsAfter: after, pBefore: p, pAfter, deltaP: pAfter.map((v, i) => v - p[i]), predictedDeltaP: predicted };
}

export interface GaussianParams {
  mean: number;
  logStd: number;
}

/**
 * N(x; μ, σ²).
 *
 * @param x the point, a finite number
 * @param params `{mean: μ, logStd: log σ}`, both finite
 * @returns the density at `x`
 * @throws {Error} when `x` is not a finite number, or `params` is not exactly `{mean, logStd}` with finite values
 * @chapter 8 score
 * @example
 * ```ts
 * import { gaussianDensity } from "ntk";
 * gaussianDensity(0, { mean: 0, logStd: 0 }); // 0.3989422804014327
 * ```
 */
export function gaussianDensity(x: number, params: GaussianParams): number {
  checkNumber("gaussianDensity", "x", x);
  const { mean, logStd } = checkGaussian("gaussianDensity", params);
  const s = Math.exp(logStd);
  return Math.exp(-0.5 * ((x - mean) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
}

/**
 * ∇_{(μ, log σ)} log N(x; μ, σ²) = [(x − μ)/σ², (x − μ)²/σ² − 1].
 *
 * @param x the point, a finite number
 * @param params `{mean: μ, logStd: log σ}`, both finite
 * @returns the score in (μ, log σ)
 * @throws {Error} when `x` is not a finite number, or `params` is not exactly `{mean, logStd}` with finite values
 * @chapter 8 score
 * @example
 * ```ts
 * import { gaussianScore } from "ntk";
 * gaussianScore(2, { mean: 0, logStd: 0 }); // [2, 3]
 * ```
 */
export function gaussianScore(x: number, params: GaussianParams): [number, number] {
  checkNumber("gaussianScore", "x", x);
  const { mean, logStd } = checkGaussian("gaussianScore", params);
  const s2 = Math.exp(2 * logStd);
  const d = x - mean;
  return [d / s2, (d * d) / s2 - 1];
}

/**
 * Fisher kernel of the Gaussian family in (μ, log σ): k(x, x′) = score(x)·score(x′).
 *
 * @param xs1 points, finite numbers
 * @param xs2 points, finite numbers; null: `xs1` with itself
 * @param params `{mean: μ, logStd: log σ}`, both finite
 * @returns the kernel, one row per point of `xs1`
 * @throws {Error} when `xs1` or `xs2` is not an array of finite numbers, or `params` is not exactly `{mean, logStd}` with finite values
 * @chapter 8 fisher
 * @example
 * ```ts
 * import { gaussianFisherKernel, linspace } from "ntk";
 * const k = gaussianFisherKernel(linspace(-3, 3, 7), null, { mean: 0, logStd: 0 });
 * ```
 */
export function gaussianFisherKernel(xs1: readonly number[], xs2: readonly number[] | null, params: GaussianParams): number[][] {
  const fn = "gaussianFisherKernel";
  const a = toVec(fn, "xs1", xs1), b = xs2 ? toVec(fn, "xs2", xs2) : a;
  checkGaussian(fn, params);
  const sa = Array.from(a, (x) => gaussianScore(x, params)), sb = Array.from(b, (x) => gaussianScore(x, params));
  return sa.map(([u0, u1]) => sb.map(([v0, v1]) => u0 * v0 + u1 * v1));
}

function checkGaussian(fn: string, params: GaussianParams): GaussianParams {
  if (params === null || typeof params !== "object") fail(fn, "params", "must be {mean, logStd}");
  checkKeys(fn, "params", params, ["mean", "logStd"]);
  checkNumber(fn, "params.mean", params.mean);
  checkNumber(fn, "params.logStd", params.logStd);
  return params;
}

function checkReinforceOptions(fn: string, opts: ReinforceOptions): void {
  if (opts === null || typeof opts !== "object") fail(fn, "opts", "must be {learningRate, samples?, seed?}");
  checkKeys(fn, "opts", opts, ["learningRate", "samples", "seed"]);
}

export interface GaussianStep {
  gradient: [number, number];
  paramsAfter: GaussianParams;
  /** p(x|θ′) − p(x|θ) at the given points */
  deltaP: number[];
  /** p(x)·score(x)·(−η·g) at the given points */
  predictedDeltaP: number[];
}

/**
 * One REINFORCE step of N(μ, σ²) on a loss ℓ(x) (exact expectation by degree-64 Gauss–Hermite,
 * or Monte Carlo with `samples`), and the first-order Δp prediction at `points`.
 *
 * @param params `{mean: μ, logStd: log σ}`, both finite
 * @param loss ℓ, a function of x returning a finite number
 * @param points where to compare the change of the density with its first-order prediction
 * @param opts `learningRate` η > 0; `samples` (an integer ≥ 1) for a Monte Carlo estimate with `seed`
 * @returns the parameters after the step, and the density's change at `points` against the kernel's prediction
 * @throws {Error} when `params` is not exactly `{mean, logStd}` with finite values; `loss` is not a function or
 * returns a value that is not finite; `points` is not an array of finite numbers; or `opts` is not an object of
 * `learningRate`, `samples`, `seed`, its `learningRate` is not positive, `samples` not an integer ≥ 1 or `seed` not an integer
 * @chapter 8 reinforce dp-a
 * @example
 * ```ts
 * import { gaussianReinforceStep, linspace } from "ntk";
 * const step = gaussianReinforceStep({ mean: 0, logStd: 0 }, (x) => (x - 1) ** 2, linspace(-3, 3, 13), { learningRate: 0.05 });
 * ```
 */
export function gaussianReinforceStep(params: GaussianParams, loss: (x: number) => number, points: readonly number[], opts: ReinforceOptions): GaussianStep {
  const fn = "gaussianReinforceStep";
  checkGaussian(fn, params);
  if (typeof loss !== "function") fail(fn, "loss", "must be a function x => number");
  const xs = toVec(fn, "points", points);
  checkReinforceOptions(fn, opts);
  const eta = checkNumber(fn, "learningRate", opts.learningRate, { positive: true });
  const s = Math.exp(params.logStd);
  const g: [number, number] = [0, 0];
  const add = (x: number, w: number): void => {
    const l = loss(x);
    if (!Number.isFinite(l)) fail(fn, "loss", `returned ${l} at x = ${x}`);
    const sc = gaussianScore(x, params);
    g[0] += w * sc[0] * l;
    g[1] += w * sc[1] * l;
  };
  if (opts.samples === undefined) {
    const { nodes, weights } = gaussHermite(64);
    for (let a = 0; a < nodes.length; a++) add(params.mean + s * nodes[a], weights[a]);
  } else {
    const S = checkNumber(fn, "samples", opts.samples, { integer: true, min: 1 });
    const rng = seededRng(opts.seed ?? 0, fn);
    for (let k = 0; k < S; k++) add(params.mean + s * rng.normal(), 1 / S);
  }
  const after: GaussianParams = { mean: params.mean - eta * g[0], logStd: params.logStd - eta * g[1] };
  const deltaP = Array.from(xs, (x) => gaussianDensity(x, after) - gaussianDensity(x, params));
  const predicted = Array.from(xs, (x) => {
    const sc = gaussianScore(x, params);
    return gaussianDensity(x, params) * (sc[0] * -eta * g[0] + sc[1] * -eta * g[1]);
  });
  return { gradient: g, paramsAfter: after, deltaP, predictedDeltaP: predicted };
}
