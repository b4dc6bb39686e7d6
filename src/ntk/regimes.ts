// Where the kernel regime ends (chapter 10): how far training moved a network from its kernel description.
// - trainingDrift: ‖Θ_T − Θ₀‖_F/‖Θ₀‖_F (whole kernel and each layer's term), each hidden layer's feature change
//   ‖a^l_T − a^l_0‖_F/‖a^l_0‖_F on a set of inputs, and each layer's relative weight change.
// - kernelDescent: the kernel predictor after t discrete steps of gradient descent with a fixed kernel,
//   f_{s+1} = f_s − (η/N)·Θ·(f_s − y) (chapter 3's (L9a)), so that "the network against its kernel predictor"
//   compares equal training, step for step.
import { empiricalNTKLayers, type EmpiricalOptions } from "./empirical.ts";
import { checkLearningRate, initialOutputs, kernelBlock, regularizedKernel, targets } from "./predictors.ts";
import { forwardF64, MLP } from "./mlp.ts";
import { checkNumber, fail, type MatrixInput, type TargetInput, toMat } from "./validate.ts";

/** What trainingDrift measures between two states of one network (all relative, Frobenius norms). */
export interface TrainingDrift {
  /** ‖Θ_after − Θ_before‖_F / ‖Θ_before‖_F on the inputs */
  kernel: number;
  /** the same for each Dense layer's term Θ_l (l = 1 … L+1) */
  kernelLayers: number[];
  /** ‖a^l_after − a^l_before‖_F / ‖a^l_before‖_F for each hidden layer l = 1 … L (its activations on the inputs) */
  features: number[];
  /** ‖W^l_after − W^l_before‖_F / ‖W^l_before‖_F for each Dense layer l = 1 … L+1 */
  weights: number[];
  /** ‖θ_after − θ_before‖ / ‖θ_before‖ over every stored parameter */
  parameters: number;
  /** Θ_before and Θ_after on the inputs */
  ntkBefore: number[][];
  ntkAfter: number[][];
}

/** ‖after − before‖_F/‖before‖_F over one array, or over several arrays taken together as one vector. */
function frobeniusRatio(after: ArrayLike<number> | readonly ArrayLike<number>[], before: ArrayLike<number> | readonly ArrayLike<number>[]): number {
  const parts = (v: ArrayLike<number> | readonly ArrayLike<number>[]) => (Array.isArray(v) && typeof v[0] !== "number" ? (v as readonly ArrayLike<number>[]) : [v as ArrayLike<number>]);
  const as = parts(after), bs = parts(before);
  let num = 0, den = 0;
  bs.forEach((b, i) => {
    const a = as[i];
    for (let q = 0; q < b.length; q++) {
      num += (a[q] - b[q]) ** 2;
      den += b[q] ** 2;
    }
  });
  return Math.sqrt(num / den);
}

function sameArchitecture(fn: string, before: MLP, after: MLP): void {
  const a = before.config, b = after.config;
  const differ = (["inputDim", "depth", "width", "activation", "wStd", "bStd", "outputs"] as const).find((key) => a[key] !== b[key]);
  if (differ) fail(fn, "after", `must have the architecture of 'before', but its ${differ} is ${String(b[differ])}, not ${String(a[differ])}`);
  const table = (m: MLP) => JSON.stringify(m.scaling);
  if (table(before) !== table(after)) fail(fn, "after", "must have the parameterization of 'before'");
}

/**
 * How far training moved a network: `before` is a copy taken before training (e.g. `net.clone()`), `after` the
 * trained network. Returns the relative change of its empirical NTK on `x` (whole and per layer), of each hidden
 * layer's activations on `x` (the features), of each layer's weights and of all parameters (chapter 10). The NTK
 * is the one `empiricalNTK` computes, with `opts.engine`; the features are computed in float64.
 *
 * @param before the network before training (a clone)
 * @param after the same network after training
 * @param x the inputs to compare the kernels and features on, with the model's `inputDim` columns
 * @param opts `engine` for the empirical NTK, as {@link empiricalNTK}
 * @returns the relative changes, and the NTK before and after
 * @throws {Error} when `before` or `after` is not a network made by `mlp`, they differ in architecture, `x` is not
 * a finite matrix with `inputDim` columns, or `opts` is not a valid {@link EmpiricalOptions}
 * @chapter 10 alpha-drift
 * @example
 * ```ts
 * import { linspace, mlp, train, trainingDrift } from "ntk";
 * const x = linspace(-2, 2, 8).map((v) => [v]), y = x.map(([v]) => Math.sin(v));
 * const net = mlp({ inputDim: 1, depth: 1, width: 64, activation: "relu", seed: 0 });
 * const before = net.clone();
 * train(net, x, y, { learningRate: 0.5, steps: 50 });
 * const { kernel, features } = trainingDrift(before, net, x); // relative changes, small at large width
 * ```
 */
export function trainingDrift(before: MLP, after: MLP, x: MatrixInput, opts: EmpiricalOptions = {}): TrainingDrift {
  const fn = "trainingDrift";
  if (!(before instanceof MLP)) fail(fn, "before", "must be a model made by mlp(...) (a copy from before training: net.clone())");
  if (!(after instanceof MLP)) fail(fn, "after", "must be a model made by mlp(...)");
  sameArchitecture(fn, before, after);
  const X = toMat(fn, "x", x);
  if (X.cols !== before.inputDim) fail(fn, "x", `has ${X.cols} columns but the model's inputDim is ${before.inputDim}`);
  const k0 = empiricalNTKLayers(before, x, null, opts), k1 = empiricalNTKLayers(after, x, null, opts);
  const post0 = forwardF64(before, X).post, post1 = forwardF64(after, X).post;
  const p0 = before.getParams(), p1 = after.getParams();
  return {
    kernel: frobeniusRatio(k1.ntk, k0.ntk),
    kernelLayers: k0.layers.map((layer, l) => frobeniusRatio(k1.layers[l], layer)),
    // post[0] is the input itself; the hidden layers' activations are post[1 … L]
    features: post0.slice(1).map((a0, l) => frobeniusRatio(post1[l + 1].data, a0.data)),
    weights: Array.from({ length: before.depth + 1 }, (_, l) => frobeniusRatio(p1[2 * l], p0[2 * l])),
    parameters: frobeniusRatio(p1, p0),
    ntkBefore: k0.ntk,
    ntkAfter: k1.ntk,
  };
}

/** Options of kernelDescent. */
export interface KernelDescentOptions {
  /** η, as passed to train (default 1) */
  learningRate?: number;
  /** number of steps t (an integer ≥ 0) */
  steps: number;
  /** Θ(x_test, x_train), M×N, for predictions at test inputs */
  kTestTrain?: MatrixInput;
  /** f₀ on the training inputs (default 0) */
  fxTrain0?: readonly number[];
  /** f₀ on the test inputs (default 0) */
  fxTest0?: readonly number[];
}

/**
 * The kernel predictor after `steps` steps of full-batch gradient descent on the loss 1/(2N)·Σ(f − y)² with a fixed
 * kernel Θ (chapter 3's (L9a)–(L10)): f_train = y + (I − ηΘ/N)^t·(f₀ − y), and at test inputs
 * f_test = f_test,0 − Θ_*·V·diag((1 − (1 − ηλ/N)^t)/λ)·Vᵀ·(f₀ − y) with Θ = V·diag(λ)·Vᵀ — the discrete-time
 * counterpart of gradientDescentMSE. A linearized network trained by `train` for t steps follows it exactly.
 *
 * @param kTrainTrain Θ(train, train), N×N: symmetric (to 1e-6) and positive semi-definite
 * @param yTrain the targets, N numbers (one output)
 * @param opts `learningRate` η (default 1), `steps` t, and optionally `kTestTrain` (M×N), `fxTrain0`, `fxTest0`
 * @returns the outputs on the training inputs after t steps (`train`), and on the test inputs (`test`) when `kTestTrain` was given
 * @throws {Error} when `opts` is missing, its `learningRate` is not positive or `steps` not an integer ≥ 0;
 * `kTrainTrain` is not a square, symmetric, finite, positive semi-definite matrix; `yTrain` is not N finite numbers;
 * `kTestTrain` does not have N columns; or `fxTrain0`/`fxTest0` does not have one value per input
 * @chapter 3 lin-step lin-solution
 * @example
 * ```ts
 * import { empiricalNTK, kernelDescent, linspace, mlp } from "ntk";
 * const x = linspace(-2, 2, 8).map((v) => [v]), y = x.map(([v]) => Math.sin(v));
 * const net = mlp({ inputDim: 1, depth: 1, width: 256, activation: "erf", seed: 0 });
 * const { train } = kernelDescent(empiricalNTK(net, x), y, { learningRate: 0.5, steps: 100, fxTrain0: net.predict(x) });
 * ```
 */
export function kernelDescent(kTrainTrain: MatrixInput, yTrain: readonly number[], opts: KernelDescentOptions): { train: number[]; test?: number[] } {
  const fn = "kernelDescent";
  if (opts === undefined || opts === null) fail(fn, "opts", "is required");
  const eta = checkLearningRate(fn, opts.learningRate);
  const t = checkNumber(fn, "steps", opts.steps, { integer: true, min: 0 });
  const { K, eig } = regularizedKernel(fn, "kTrainTrain", kTrainTrain, {});
  const N = K.rows;
  const { Y, flat } = targets(fn, "yTrain", yTrain as TargetInput, N);
  if (!flat) fail(fn, "yTrain", "must be a flat number[] (one output)");
  const f0 = initialOutputs(fn, "fxTrain0", opts.fxTrain0 as TargetInput | undefined, N, 1).data;
  const V = eig.vectors.data, lambda = eig.values;
  // c = Vᵀ·(f₀ − y), the residual in the kernel's eigenbasis
  const c = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    let s = 0;
    for (let i = 0; i < N; i++) s += V[i * N + j] * (f0[i] - Y.data[i]);
    c[j] = s;
  }
  const rate = eta / N;
  const kept = new Float64Array(N), spent = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    const l = Math.max(lambda[j], 0), g = 1 - rate * l;
    kept[j] = g ** t; // (1 − ηλ/N)^t: what is left of mode j's residual
    spent[j] = l < 1e-300 ? rate * t : (1 - kept[j]) / l; // Σ_{s<t} (η/N)·(1 − ηλ/N)^s
  }
  const train = Array.from({ length: N }, (_, i) => {
    let s = 0;
    for (let j = 0; j < N; j++) s += V[i * N + j] * kept[j] * c[j];
    return Y.data[i] + s;
  });
  if (opts.kTestTrain === undefined) return { train };
  const kst = kernelBlock(fn, "kTestTrain", opts.kTestTrain, null, N);
  const M = kst.rows;
  const ft0 = initialOutputs(fn, "fxTest0", opts.fxTest0 as TargetInput | undefined, M, 1).data;
  // a = V·diag(spent)·c, then f_test = f_test,0 − Θ_*·a
  const a = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let j = 0; j < N; j++) s += V[i * N + j] * spent[j] * c[j];
    a[i] = s;
  }
  const test = Array.from({ length: M }, (_, m) => {
    let s = 0;
    for (let i = 0; i < N; i++) s += kst.data[m * N + i] * a[i];
    return ft0[m] - s;
  });
  return { train, test };
}
