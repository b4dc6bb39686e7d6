// Bayesian predictions of infinite-width nets (note 001 abstract; note 003 last paragraph).
//   NNGP posterior:  μ = K_*·(K + σ²I)⁻¹·y,  Σ = K_** − K_*·(K + σ²I)⁻¹·K_*ᵀ
//   NTK ensemble at time t (Lee et al. 2019, eqs. 15–16, with the 1/(Nk) of the loss ½·mean(f − y)²):
//     A(t) = Θ_*·Θ⁻¹·(I − e^{−η·Θ·t/(Nk)})
//     μ(t) = A(t)·y,   Σ(t) = K_** + A·K·Aᵀ − (A·K_*ᵀ + K_*·Aᵀ)
import { choleskySolve, cholesky, checkPSD } from "./linalg.ts";
import { type Mat, matMul, toRows, transpose, zeros } from "./mat.ts";
import {
  checkLearningRate,
  checkTime,
  decayOverLambda,
  covarianceKernel,
  kernelBlock,
  type Outputs,
  REG_OPTIONS,
  regularizedKernel,
  type RegOptions,
  overTime,
  type OverTime,
  shapeLike,
  symmetricKernel,
  targets,
} from "./predictors.ts";
import { makeRng } from "./rng.ts";
import { checkKeys, checkNumber, checkOptions, fail, type MatrixInput, type TargetInput } from "./validate.ts";

/** (C + Cᵀ)/2 as rows: a covariance symmetric to the last bit. */
function symmetricRows(c: Mat): number[][] {
  const n = c.rows;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) c.data[i * n + j] = c.data[j * n + i] = 0.5 * c.data[i * n + j] + 0.5 * c.data[j * n + i];
  return toRows(c);
}

export interface Posterior<Y> {
  mean: Outputs<Y>;
  /** M×M predictive covariance (shared by every output) when kTestTest was given */
  covariance?: number[][];
}

/**
 * Exact GP regression with the NNGP kernel: mean and (with kTestTest) covariance on the test points.
 *
 * @param kTrainTrain K(train, train), N×N: symmetric (to 1e-6) and positive semi-definite
 * @param yTrain the targets: N numbers, or N rows of k outputs
 * @param kTestTrain K(test, train), M×N
 * @param kTestTest K(test, test), M×M, for the covariance (absent or null: the mean only)
 * @param options `diagReg`, a ridge σ² added to K's diagonal (relative to its mean diagonal unless `diagRegAbsoluteScale`)
 * @returns the posterior `mean` K_*·(K + σ²I)⁻¹·y, shaped like `yTrain`, and the M×M `covariance` when `kTestTest` was given
 * @throws {Error} when `kTrainTrain` is not a square, symmetric, finite, positive semi-definite matrix (positive
 * definite once regularized); `yTrain` does not have N finite rows; `kTestTrain` does not have N columns;
 * `kTestTest` is not M×M, symmetric and positive semi-definite; or `options` holds an unknown name, a negative
 * `diagReg` or a `diagRegAbsoluteScale` that is not a boolean
 * @chapter 7 nngp-mean nngp-cov
 * @example
 * ```ts
 * import { analyticKernels, linspace, nngpPosterior } from "ntk";
 * const xTrain = linspace(-2, 2, 8).map((x) => [x]);
 * const yTrain = xTrain.map(([x]) => Math.sin((Math.PI * x) / 2));
 * const xTest = [[0.5], [1.5]];
 * const arch = { depth: 1, activation: "erf", wStd: 1.5, bStd: 0.05 } as const;
 * const train = analyticKernels(xTrain, null, arch), test = analyticKernels(xTest, xTrain, arch);
 * const { mean, covariance } = nngpPosterior(train.nngp, yTrain, test.nngp, analyticKernels(xTest, null, arch).nngp, { diagReg: 1e-6 });
 * ```
 */
export function nngpPosterior<Y extends TargetInput>(
  kTrainTrain: MatrixInput,
  yTrain: Y,
  kTestTrain: MatrixInput,
  kTestTest?: MatrixInput | null,
  options: RegOptions = {},
): Posterior<Y> {
  const fn = "nngpPosterior";
  const opts = checkOptions(fn, options, REG_OPTIONS);
  const { K } = regularizedKernel(fn, "kTrainTrain", kTrainTrain, opts);
  const n = K.rows;
  const { Y, flat } = targets(fn, "yTrain", yTrain, n);
  const kst = kernelBlock(fn, "kTestTrain", kTestTrain, null, n);
  const L = cholesky(K, fn, "kTrainTrain");
  // μ = K_*·(K + σ²I)⁻¹·y
  const mean = matMul(kst, choleskySolve(L, Y));
  const out: Posterior<Y> = { mean: shapeLike<Y>(mean, flat) };
  if (kTestTest !== undefined && kTestTest !== null) {
    const kss = covarianceKernel(fn, "kTestTest", kTestTest, kst.rows);
    // Σ = K_** − K_*·(K + σ²I)⁻¹·K_*ᵀ
    const cov = matMul(kst, choleskySolve(L, transpose(kst)));
    for (let q = 0; q < cov.data.length; q++) cov.data[q] = kss.data[q] - cov.data[q];
    out.covariance = symmetricRows(cov);
  }
  return out;
}

export interface EnsembleKernels {
  /** Θ(train, train), N×N */
  ntkTrainTrain: MatrixInput;
  /** Θ(test, train), M×N */
  ntkTestTrain: MatrixInput;
  /** K(train, train) (NNGP), N×N */
  nngpTrainTrain: MatrixInput;
  /** K(test, train), M×N */
  nngpTestTrain: MatrixInput;
  /** K(test, test), M×M */
  nngpTestTest: MatrixInput;
}

export interface EnsembleOptions extends RegOptions {
  learningRate?: number;
}

/** The ensemble's mean and covariance at one time, or at each time of an array. */
export type EnsemblePredictor<Y> = OverTime<Posterior<Y> & { covariance: number[][] }, never>;

/**
 * Mean and covariance over initializations of infinitely wide nets trained by MSE gradient flow
 * for time t (t = Infinity allowed), Lee et al. 2019 eqs. 15–16. `diagReg` applies to Θ.
 *
 * @param kernels the five blocks `ntkTrainTrain` (N×N), `ntkTestTrain` (M×N), `nngpTrainTrain` (N×N),
 * `nngpTestTrain` (M×N) and `nngpTestTest` (M×M)
 * @param yTrain the targets: N numbers, or N rows of k outputs
 * @param options `learningRate` η (default 1), `diagReg` and `diagRegAbsoluteScale` as for {@link nngpPosterior}
 * @returns predict(t) (or predict([t₁, t₂, …])): the test outputs' `mean` and M×M `covariance` at time t
 * @throws {Error} when `kernels` is not an object with exactly the five names; a train–train block or
 * `nngpTestTest` is not square, symmetric and positive semi-definite; a test block does not have M rows and N
 * columns; `yTrain` does not have N finite rows; `options` holds an unknown name or a `learningRate` that is not
 * positive; and, at predict time, when `t` is negative or NaN
 * @chapter 7 ntk-mean ntk-cov ntk-mean-inf ntk-cov-inf
 * @example
 * ```ts
 * import { analyticKernels, linspace, ntkEnsemble } from "ntk";
 * const xTrain = linspace(-2, 2, 8).map((x) => [x]);
 * const yTrain = xTrain.map(([x]) => Math.sin((Math.PI * x) / 2));
 * const xTest = [[0.5], [1.5]];
 * const arch = { depth: 1, activation: "erf", wStd: 1.5, bStd: 0.05 } as const;
 * const train = analyticKernels(xTrain, null, arch), test = analyticKernels(xTest, xTrain, arch);
 * const ensemble = ntkEnsemble({
 *   ntkTrainTrain: train.ntk, ntkTestTrain: test.ntk,
 *   nngpTrainTrain: train.nngp, nngpTestTrain: test.nngp, nngpTestTest: analyticKernels(xTest, null, arch).nngp,
 * }, yTrain);
 * const { mean, covariance } = ensemble(Infinity);
 * ```
 */
export function ntkEnsemble<Y extends TargetInput>(kernels: EnsembleKernels, yTrain: Y, options: EnsembleOptions = {}): EnsemblePredictor<Y> {
  const fn = "ntkEnsemble";
  const names = ["ntkTrainTrain", "ntkTestTrain", "nngpTrainTrain", "nngpTestTrain", "nngpTestTest"];
  if (kernels === null || typeof kernels !== "object") fail(fn, "kernels", `must be {${names.join(", ")}}`);
  checkKeys(fn, "kernels", kernels, names);
  const opts = checkOptions(fn, options, ["learningRate", ...REG_OPTIONS]);
  const eta = checkLearningRate(fn, opts.learningRate);
  const { K: theta, eig } = regularizedKernel(fn, "kernels.ntkTrainTrain", kernels.ntkTrainTrain, opts);
  const n = theta.rows;
  const { Y, flat } = targets(fn, "yTrain", yTrain, n);
  const thetaSt = kernelBlock(fn, "kernels.ntkTestTrain", kernels.ntkTestTrain, null, n);
  const m = thetaSt.rows;
  const K = covarianceKernel(fn, "kernels.nngpTrainTrain", kernels.nngpTrainTrain, n);
  const Kst = kernelBlock(fn, "kernels.nngpTestTrain", kernels.nngpTestTrain, m, n);
  const Kss = covarianceKernel(fn, "kernels.nngpTestTest", kernels.nngpTestTest, m);
  const V = eig.vectors, Vt = transpose(V);
  const lambda = eig.values.map((l) => Math.max(l, 0));
  const rate = eta / (n * Y.cols); // η/y.size
  let chol: Mat | null = null;

  return overTime((t: number): Posterior<Y> & { covariance: number[][] } => {
    checkTime(fn, t);
    // M(t) = Θ⁻¹·(I − e^{−ηΘt/(Nk)}); A = Θ_*·M (t = ∞: Θ⁻¹ by Cholesky)
    let A: Mat;
    if (t === Infinity) A = transpose(choleskySolve((chol ??= cholesky(theta, fn, "kernels.ntkTrainTrain")), transpose(thetaSt)));
    else {
      const D = zeros(n, n);
      for (let i = 0; i < n; i++) D.data[i * n + i] = decayOverLambda(lambda[i], rate, t);
      A = matMul(thetaSt, matMul(V, matMul(D, Vt)));
    }
    const mean = matMul(A, Y); // μ(t) = A·y
    // Σ(t) = K_** + A·K·Aᵀ − (A·K_*ᵀ + K_*·Aᵀ)
    const AKAt = matMul(matMul(A, K), transpose(A));
    const AKst = matMul(A, transpose(Kst));
    const cov = zeros(m, m);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) {
        const q = i * m + j;
        cov.data[q] = Kss.data[q] + AKAt.data[q] - AKst.data[q] - AKst.data[j * m + i];
      }
    return { mean: shapeLike<Y>(mean, flat), covariance: symmetricRows(cov) };
  });
}

export interface PriorOptions {
  seed?: number;
}

/**
 * Draws f ~ N(0, K) on the kernel's points: nSamples rows of length N (K = V·diag(λ)·Vᵀ, f = V·√λ·z; PSD checked).
 *
 * @param kernel K, N×N: symmetric (to 1e-6) and positive semi-definite
 * @param nSamples how many functions to draw, an integer ≥ 1
 * @param options `seed`, an integer (default 0)
 * @returns `nSamples` arrays of N values, one function each
 * @throws {Error} when `kernel` is not a square, symmetric, finite, positive semi-definite matrix, `nSamples` is
 * not an integer ≥ 1, or `options` holds a name other than `seed` or a `seed` that is not an integer
 * @chapter 7 prior
 * @example
 * ```ts
 * import { analyticKernels, linspace, priorSamples } from "ntk";
 * const xs = linspace(-3, 3, 50).map((x) => [x]);
 * const { nngp } = analyticKernels(xs, null, { depth: 2, activation: "relu", wStd: 1.4, bStd: 0.1 });
 * const draws = priorSamples(nngp, 5, { seed: 1 }); // 5 functions on the 50 points
 * ```
 */
export function priorSamples(kernel: MatrixInput, nSamples: number, options: PriorOptions = {}): number[][] {
  const fn = "priorSamples";
  const opts = checkOptions(fn, options, ["seed"]);
  const K = symmetricKernel(fn, "kernel", kernel);
  const count = checkNumber(fn, "nSamples", nSamples, { integer: true, min: 1 });
  const e = checkPSD(fn, "kernel", K, 1e-6);
  const n = K.rows;
  const rng = makeRng(checkNumber(fn, "seed", opts.seed ?? 0, { integer: true }));
  const out: number[][] = [];
  for (let s = 0; s < count; s++) {
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = Math.sqrt(Math.max(e.values[i], 0)) * rng.normal();
    const f = new Array<number>(n).fill(0);
    for (let r = 0; r < n; r++) {
      let acc = 0;
      for (let c = 0; c < n; c++) acc += e.vectors.data[r * n + c] * z[c];
      f[r] = acc;
    }
    out.push(f);
  }
  return out;
}
