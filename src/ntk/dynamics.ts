// Training dynamics in function space (note 001 "Gradient Flow Of MSE"; note 004; Lee et al. 2019).
// With the loss L = 1/(2·N·k)·Σ(f − y)² over N examples and k outputs (½·mean, as neural-tangents,
// which divides time by y.size), gradient flow of a linear(ized) model gives
//   f_train(t) = y + e^{−η·Θ·t/(Nk)}·(f₀ − y)
//   f_test(t)  = f_test,0 − Θ_*·Θ⁻¹·(I − e^{−η·Θ·t/(Nk)})·(f₀ − y)
// computed from one eigendecomposition Θ = V·diag(λ)·Vᵀ for any t; t = ∞ solves Θ·α = f₀ − y.
import { choleskySolve, cholesky } from "./linalg.ts";
import { type Mat, matMul, transpose, zeros } from "./mat.ts";
import {
  checkLearningRate,
  checkTime,
  decayOverLambda,
  initialOutputs,
  kernelBlock,
  type Outputs,
  REG_OPTIONS,
  regularizedKernel,
  type RegOptions,
  overTime,
  type OverTime,
  shapeLike,
  targets,
} from "./predictors.ts";
import { checkNumber, checkOptions, fail, type MatrixInput, type TargetInput } from "./validate.ts";

export interface MSEOptions extends RegOptions {
  /** η (default 1); must be positive */
  learningRate?: number;
}

export interface PredictExtra {
  /** Θ(x_test, x_train), M×N */
  kTestTrain?: MatrixInput;
  /** f₀ on the training inputs (default 0) */
  fxTrain0?: TargetInput;
  /** f₀ on the test inputs (default 0) */
  fxTest0?: TargetInput;
}

export interface Prediction<Y> {
  train: Outputs<Y>;
  test?: Outputs<Y>;
}

/** predict(t, extra) at one time, or at each time of an array. */
export type Predictor<Y> = OverTime<Prediction<Y>, PredictExtra>;

/**
 * Closed-form MSE gradient flow on kernel `kTrainTrain` (the NTK): returns predict(t, {kTestTrain, fxTrain0, fxTest0}).
 * Uses the loss 1/(2Nk)·Σ(f − y)² (N examples, k outputs: neural-tangents' y.size), so the decay is e^{−η·Θ·t/(Nk)}.
 * For the notes' ½·Σ convention pass learningRate·N·k.
 *
 * @param kTrainTrain Θ(train, train), N×N: symmetric (to 1e-6) and positive semi-definite
 * @param yTrain the targets: N numbers, or N rows of k outputs
 * @param options `learningRate` η (default 1), `diagReg` and `diagRegAbsoluteScale` (a ridge on Θ's diagonal)
 * @returns predict(t, extra) for a time t ≥ 0 (∞ allowed) or an array of times: the outputs on the training
 * inputs (`train`) and, given `extra.kTestTrain` (M×N), on the test inputs (`test`); `extra.fxTrain0` and
 * `extra.fxTest0` are the outputs at t = 0 (default 0)
 * @throws {Error} when `kTrainTrain` is not a square, symmetric, finite, positive semi-definite matrix; `yTrain`
 * does not have N finite rows; `options` holds an unknown name, a `learningRate` that is not positive or a
 * negative `diagReg`; and, at predict time, when `t` is negative or NaN, `extra` holds an unknown name,
 * `kTestTrain` does not have N columns, `fxTrain0` or `fxTest0` is not shaped like the targets, or `fxTest0`
 * comes without `kTestTrain`
 * @chapter 4 train-solution test-solution
 * @example
 * ```ts
 * import { analyticKernels, gradientDescentMSE, linspace } from "ntk";
 * const xTrain = linspace(-2, 2, 8).map((x) => [x]);
 * const yTrain = xTrain.map(([x]) => Math.sin((Math.PI * x) / 2));
 * const xTest = [[0.5], [1.5]];
 * const arch = { depth: 1, activation: "erf", wStd: 1.5, bStd: 0.05 } as const;
 * const train = analyticKernels(xTrain, null, arch), test = analyticKernels(xTest, xTrain, arch);
 * const predict = gradientDescentMSE(train.ntk, yTrain, { learningRate: 1 });
 * const early = predict(10, { kTestTrain: test.ntk }); // {train, test} at t = 10
 * const [late, end] = predict([100, Infinity]); // train outputs only; at ∞ they equal yTrain
 * ```
 */
export function gradientDescentMSE<Y extends TargetInput>(kTrainTrain: MatrixInput, yTrain: Y, options: MSEOptions = {}): Predictor<Y> {
  const fn = "gradientDescentMSE";
  const opts = checkOptions(fn, options, ["learningRate", ...REG_OPTIONS]);
  const eta = checkLearningRate(fn, opts.learningRate);
  const { K, eig } = regularizedKernel(fn, "kTrainTrain", kTrainTrain, opts);
  const n = K.rows;
  const { Y, flat } = targets(fn, "yTrain", yTrain, n);
  const k = Y.cols;
  const V = eig.vectors, Vt = transpose(V);
  const lambda = eig.values.map((l) => Math.max(l, 0));
  const rate = eta / (n * k); // η/y.size
  let chol: Mat | null = null;

  return overTime((t: number, given: PredictExtra | undefined): Prediction<Y> => {
    const extra = given ?? {};
    checkTime(fn, t);
    checkOptions(fn, extra, ["kTestTrain", "fxTrain0", "fxTest0"], "extra");
    const f0 = initialOutputs(fn, "fxTrain0", extra.fxTrain0, n, k);
    const r0 = zeros(n, k); // f₀ − y
    for (let q = 0; q < r0.data.length; q++) r0.data[q] = f0.data[q] - Y.data[q];
    const kst = extra.kTestTrain === undefined ? null : kernelBlock(fn, "kTestTrain", extra.kTestTrain, null, n);
    let train: Mat, alpha: Mat | null = null; // alpha = Θ⁻¹(I − e^{−ηΘt/(Nk)})(f₀ − y)
    if (t === Infinity) {
      // f_train(∞) = y;  α = Θ⁻¹(f₀ − y) by Cholesky
      train = { rows: n, cols: k, data: Float64Array.from(Y.data) };
      if (kst) alpha = choleskySolve((chol ??= cholesky(K, fn, "kTrainTrain")), r0);
    } else {
      const c = matMul(Vt, r0); // Vᵀ(f₀ − y)
      const e = zeros(n, k), a = zeros(n, k);
      for (let i = 0; i < n; i++)
        for (let o = 0; o < k; o++) {
          e.data[i * k + o] = Math.exp(-rate * lambda[i] * t) * c.data[i * k + o]; // e^{−ηλt/(Nk)}·c
          a.data[i * k + o] = decayOverLambda(lambda[i], rate, t) * c.data[i * k + o]; // (1 − e^{−ηλt/(Nk)})/λ·c
        }
      // f_train(t) = y + V·e^{−ηΛt/(Nk)}·Vᵀ(f₀ − y)
      train = matMul(V, e);
      for (let q = 0; q < train.data.length; q++) train.data[q] += Y.data[q];
      alpha = matMul(V, a);
    }
    const out: Prediction<Y> = { train: shapeLike<Y>(train, flat) };
    if (kst && alpha) {
      // f_test(t) = f_test,0 − Θ_*·α
      const ft0 = initialOutputs(fn, "fxTest0", extra.fxTest0, kst.rows, k);
      const test = matMul(kst, alpha);
      for (let q = 0; q < test.data.length; q++) test.data[q] = ft0.data[q] - test.data[q];
      out.test = shapeLike<Y>(test, flat);
    } else if (extra.fxTest0 !== undefined) fail(fn, "fxTest0", "was given without kTestTrain");
    return out;
  });
}

export type LossName = "mse" | "crossEntropy";

export interface GeneralGDOptions {
  learningRate?: number;
  /** "mse": L = 1/(2Nk)·Σ(f − y)² (as gradientDescentMSE); "crossEntropy": L = −(1/N)·Σ_n Σ_o y_o·log softmax(f_n)_o (y one-hot or probabilities) */
  loss?: LossName;
  /** integration step (default: 0.1/(η·λ_max/N), from Gershgorin's bound on λ_max) */
  dt?: number;
}

/** ∇_f L, row by row. */
function lossGradient(loss: LossName, f: Mat, Y: Mat): Mat {
  const n = f.rows, k = f.cols;
  const g = zeros(n, k);
  for (let i = 0; i < n; i++) {
    if (loss === "mse") {
      for (let o = 0; o < k; o++) g.data[i * k + o] = (f.data[i * k + o] - Y.data[i * k + o]) / (n * k); // (f − y)/(Nk)
    } else {
      // (softmax(f) − y)/N
      let mx = -Infinity;
      for (let o = 0; o < k; o++) mx = Math.max(mx, f.data[i * k + o]);
      let z = 0;
      for (let o = 0; o < k; o++) z += Math.exp(f.data[i * k + o] - mx);
      for (let o = 0; o < k; o++) g.data[i * k + o] = (Math.exp(f.data[i * k + o] - mx) / z - Y.data[i * k + o]) / n;
    }
  }
  return g;
}

/**
 * Gradient flow for a general loss, integrating df/dt = −η·Θ·∇_f L (and df_test/dt = −η·Θ_*·∇_f L)
 * with classical RK4. Returns predict(t | t[], {kTestTrain, fxTrain0, fxTest0}); t must be finite.
 *
 * @param kTrainTrain Θ(train, train), N×N: symmetric (to 1e-6) and positive semi-definite
 * @param yTrain the targets: N numbers, or N rows of k outputs (one-hot rows for cross-entropy)
 * @param options `learningRate` η (default 1), `loss` ("mse", the default, or "crossEntropy") and the largest
 * RK4 step `dt` (default from Θ's Gershgorin bound)
 * @returns predict(t, extra) for a finite time t ≥ 0 or an array of times, as {@link gradientDescentMSE}'s
 * @throws {Error} when `kTrainTrain` is not a square, symmetric, finite, positive semi-definite matrix; `yTrain`
 * does not have N finite rows; `options` holds an unknown name, a `learningRate` or `dt` that is not positive, or
 * a `loss` other than "mse" and "crossEntropy"; and, at predict time, when `t` is negative, NaN or infinite,
 * `extra` holds an unknown name, `kTestTrain` does not have N columns, `fxTrain0` or `fxTest0` is not shaped
 * like the targets, or `fxTest0` comes without `kTestTrain`
 * @chapter 4 ode
 * @example
 * ```ts
 * import { analyticKernels, gradientDescent } from "ntk";
 * const x = [[-1], [0], [1]];
 * const { ntk } = analyticKernels(x, null, { depth: 1, activation: "relu", wStd: 1.4, bStd: 0.1 });
 * const predict = gradientDescent(ntk, [[1, 0], [0, 1], [1, 0]], { loss: "crossEntropy" });
 * const { train } = predict(50); // logits after flowing for t = 50
 * ```
 */
export function gradientDescent<Y extends TargetInput>(kTrainTrain: MatrixInput, yTrain: Y, options: GeneralGDOptions = {}): Predictor<Y> {
  const fn = "gradientDescent";
  const opts = checkOptions(fn, options, ["learningRate", "loss", "dt"]);
  const eta = checkLearningRate(fn, opts.learningRate);
  const loss = opts.loss ?? "mse";
  if (loss !== "mse" && loss !== "crossEntropy") fail(fn, "loss", `must be "mse" or "crossEntropy", got ${String(loss)}`);
  const { K } = regularizedKernel(fn, "kTrainTrain", kTrainTrain, {});
  const n = K.rows;
  const { Y, flat } = targets(fn, "yTrain", yTrain, n);
  const k = Y.cols;
  let gersh = 0; // λ_max ≤ max_i Σ_j |K_ij|
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs(K.data[i * n + j]);
    gersh = Math.max(gersh, s);
  }
  const dtMax = opts.dt === undefined ? 0.1 / Math.max((eta * gersh) / n, 1e-12) : checkNumber(fn, "dt", opts.dt, { positive: true });

  const run = (ts: readonly number[], extra: PredictExtra): Prediction<Y>[] => {
    checkOptions(fn, extra, ["kTestTrain", "fxTrain0", "fxTest0"], "extra");
    ts.forEach((t) => {
      if (checkTime(fn, t) === Infinity) fail(fn, "t", `must be finite for the general-loss integrator (got Infinity); use gradientDescentMSE for t = ∞`);
    });
    const f = initialOutputs(fn, "fxTrain0", extra.fxTrain0, n, k);
    const kst = extra.kTestTrain === undefined ? null : kernelBlock(fn, "kTestTrain", extra.kTestTrain, null, n);
    const m = kst ? kst.rows : 0;
    const ft = initialOutputs(fn, "fxTest0", extra.fxTest0, m, k);
    // state s = [f_train; f_test]; ds/dt = −η·[Θ; Θ_*]·∇_f L(f_train)
    const deriv = (ftr: Mat): { dTrain: Mat; dTest: Mat | null } => {
      const g = lossGradient(loss, ftr, Y);
      const dTrain = matMul(K, g);
      for (let q = 0; q < dTrain.data.length; q++) dTrain.data[q] *= -eta;
      let dTest: Mat | null = null;
      if (kst) {
        dTest = matMul(kst, g);
        for (let q = 0; q < dTest.data.length; q++) dTest.data[q] *= -eta;
      }
      return { dTrain, dTest };
    };
    const axpy = (x: Mat, h: number, d: Mat): Mat => ({ rows: x.rows, cols: x.cols, data: x.data.map((v, q) => v + h * d.data[q]) });
    const order = ts.map((_, i) => i).sort((a, b) => ts[a] - ts[b]);
    const results: Prediction<Y>[] = new Array(ts.length);
    let now = 0;
    let cur = f, curTest = ft;
    for (const idx of order) {
      const target = ts[idx];
      const steps = Math.ceil((target - now) / dtMax - 1e-9);
      const h = steps > 0 ? (target - now) / steps : 0;
      for (let s = 0; s < steps; s++) {
        // classical RK4 on the training outputs (the test outputs follow the same ∇_f L)
        const k1 = deriv(cur);
        const k2 = deriv(axpy(cur, h / 2, k1.dTrain));
        const k3 = deriv(axpy(cur, h / 2, k2.dTrain));
        const k4 = deriv(axpy(cur, h, k3.dTrain));
        const step = (x: Mat, a: Mat, b: Mat, c: Mat, d: Mat): Mat => ({
          rows: x.rows,
          cols: x.cols,
          data: x.data.map((v, q) => v + (h / 6) * (a.data[q] + 2 * b.data[q] + 2 * c.data[q] + d.data[q])),
        });
        cur = step(cur, k1.dTrain, k2.dTrain, k3.dTrain, k4.dTrain);
        if (k1.dTest && k2.dTest && k3.dTest && k4.dTest) curTest = step(curTest, k1.dTest, k2.dTest, k3.dTest, k4.dTest);
      }
      now = target;
      const out: Prediction<Y> = { train: shapeLike<Y>(cur, flat) };
      if (kst) out.test = shapeLike<Y>(curTest, flat);
      results[idx] = out;
    }
    return results;
  };

  function predict(t: number, extra?: PredictExtra): Prediction<Y>;
  function predict(t: readonly number[], extra?: PredictExtra): Prediction<Y>[];
  function predict(t: number | readonly number[], extra: PredictExtra = {}): Prediction<Y> | Prediction<Y>[] {
    return Array.isArray(t) ? run(t, extra) : run([t as number], extra)[0];
  }
  return predict;
}
