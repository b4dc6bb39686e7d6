// Plain gradient descent on a model's parameters (note 000 eq. 1): θ_{t+1} = θ_t − η·∇_θ L(θ_t),
// with L = 1/(2Nk)·Σ(f − y)² (MSE over N examples and k outputs) or L = −(1/N)·Σ_n Σ_o y_o·log softmax(f_n)_o.
// A parameterization's learning-rate factors r_i make it θ_i ← θ_i − η·r_i·∂L/∂θ_i. With an output scale α
// (Chizat, Oyallon & Bach 2019; chapter 10) the model trained is f_α = α·(f(θ) − f(θ₀)) and the objective L(f_α)/α².
import * as tf from "@tensorflow/tfjs";
import { checkLearningRate } from "./predictors.ts";
import { inputTensor, type Model } from "./mlp.ts";
import { checkOptions, checkNumber, fail, type MatrixInput, type TargetInput, toTargets } from "./validate.ts";

export type TrainLoss = "mse" | "crossEntropy";

export interface TrainOptions {
  learningRate: number;
  steps: number;
  loss?: TrainLoss;
  /**
   * α > 0: train f_α = α·(f(θ) − f(θ₀)) (θ₀: the parameters when train is called) on the objective L(f_α)/α²
   * (Chizat, Oyallon & Bach 2019). Large α: lazy training. The losses reported are L(f_α). Absent: f itself.
   */
  outputScale?: number;
  /** called after every step with the loss before that step; return false to stop early */
  onStep?: (step: number, loss: number) => void | boolean;
  /**
   * The Dense layers that train, numbered 1 … L+1 (L+1 is the readout); each is its weights and biases. The
   * others stay frozen (chapter 9 trains the head alone, or the representation alone). Absent: every layer.
   */
  layers?: readonly number[];
}

export interface TrainResult {
  /** L(θ_t) before each step t (of f_α with an output scale) */
  losses: number[];
  /** L after the last step */
  finalLoss: number;
}

/**
 * L(f) of outputs f [N, k] against targets y [N, k], a scalar; or of a stack of K networks' outputs
 * f [K, N, k] against the same y, one loss per network ([K]).
 */
export function lossOf<F extends tf.Tensor2D | tf.Tensor3D>(kind: TrainLoss, f: F, y: tf.Tensor2D): F extends tf.Tensor3D ? tf.Tensor1D : tf.Scalar {
  const n = f.shape[f.rank - 2], k = f.shape[f.rank - 1];
  const axes = [f.rank - 2, f.rank - 1];
  const loss = kind === "mse"
    ? tf.div(tf.sum(tf.square(tf.sub(f, y)), axes), 2 * n * k) // 1/(2Nk)·Σ(f − y)², ½·mean as gradientDescentMSE
    : tf.div(tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(f)), axes)), n); // −(1/N)·Σ y·log softmax(f)
  return loss as F extends tf.Tensor3D ? tf.Tensor1D : tf.Scalar;
}

/** Checks the loss name and converts x, y to tensors (the caller disposes yt, and xt when `owned`). */
export function trainingData(fn: string, arch: { inputDim: number; outputs: number }, x: MatrixInput, y: TargetInput, loss: TrainLoss): { xt: tf.Tensor2D; yt: tf.Tensor2D; owned: boolean } {
  if (loss !== "mse" && loss !== "crossEntropy") fail(fn, "loss", `must be "mse" or "crossEntropy", got ${String(loss)}`);
  const xt = inputTensor(fn, "x", x, arch.inputDim);
  const Y = toTargets(fn, "y", y).mat;
  if (Y.rows !== xt.shape[0]) fail(fn, "y", `has ${Y.rows} rows but x has ${xt.shape[0]}`);
  if (Y.cols !== arch.outputs) fail(fn, "y", `has ${Y.cols} outputs per example but the model has ${arch.outputs}`);
  return { xt, yt: tf.tensor2d(Float32Array.from(Y.data), [Y.rows, Y.cols]), owned: xt !== x };
}

/**
 * `steps` steps θ_i ← θ_i − η_i·∇_{θ_i} Σ_k w_k·L_k(θ) of every parameter θ_i in `params` (η_i = etas[i]), where
 * `loss()` gives L (a scalar) or one loss per network of an ensemble ([K]: the networks' parameters are
 * disjoint, so each one's gradient is that of its own loss), and w_k = weights[k] (1 when absent; 1/α_k² for
 * an output scale). Returns L before each step, per network; stops when onStep says false.
 */
export function descend(fn: string, params: readonly tf.Variable[], loss: () => tf.Tensor, etas: readonly number[], steps: number, onStep?: (step: number, losses: number[]) => void | boolean, weights?: readonly number[]): number[][] {
  const history: number[][] = [];
  const w = weights ? tf.tensor1d(Float32Array.from(weights)) : null;
  try {
    for (let t = 0; t < steps; t++) {
      const kept: { perNetwork?: tf.Tensor } = {};
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => {
          kept.perNetwork = tf.keep(loss());
          return tf.sum(w ? tf.mul(kept.perNetwork, w) : kept.perNetwork) as tf.Scalar;
        }, params as tf.Variable[]);
        params.forEach((p, i) => {
          if (etas[i] !== 0) p.assign(tf.sub(p, tf.mul(grads[p.name], etas[i]))); // θ_i ← θ_i − η·r_i·∇_{θ_i} L
        });
      });
      const values = Array.from(kept.perNetwork!.dataSync());
      kept.perNetwork!.dispose();
      const bad = values.find((v) => !Number.isFinite(v));
      if (bad !== undefined) throw new Error(`${fn}: loss became ${bad} at step ${t}; lower 'learningRate' (${Math.max(...etas)})`);
      history.push(values);
      if (onStep && onStep(t, values) === false) break;
    }
  } finally {
    w?.dispose();
  }
  return history;
}

/** The learning rate of each entry of a model's `params`: η·r_i with the model's learning-rate factors r_i (1 when it has none). */
export function learningRates(model: Model, eta: number): number[] {
  const r = model.learningRateScales;
  return model.params.map((_, i) => eta * (r ? r[i] : 1));
}

/** Checks an output scale α (finite, > 0). */
export function checkOutputScale(fn: string, name: string, alpha: unknown): number {
  const a = checkNumber(fn, name, alpha);
  if (!(a > 0)) fail(fn, name, `must be positive (α in f_α = α·(f − f₀)), got ${a}`);
  return a;
}

/** The indices into `model.params` of the Dense layers in `layers` (W^l and b^l are params 2l − 2 and 2l − 1); all without `layers`. */
export function trainableParams(fn: string, model: Model, layers: readonly number[] | undefined): number[] {
  const all = model.params.map((_, i) => i);
  if (layers === undefined) return all;
  const count = model.params.length / 2;
  const problem = `must be a non-empty array of distinct layer numbers from 1 to ${count} (the readout is ${count})`;
  if (!Array.isArray(layers) || layers.length === 0) fail(fn, "layers", `${problem}, got ${JSON.stringify(layers)}`);
  const bad = layers.find((l, k) => !Number.isInteger(l) || l < 1 || l > count || layers.indexOf(l) !== k);
  if (bad !== undefined) fail(fn, "layers", `${problem}, got ${JSON.stringify(layers)}`);
  return all.filter((i) => layers.includes(Math.floor(i / 2) + 1));
}

/**
 * Full-batch gradient descent for `steps` steps; the model's parameters are updated in place, each with the
 * learning rate η·r_i of its parameterization (with `layers`, only those layers' parameters). With
 * `outputScale` α it trains f_α = α·(f(θ) − f(θ₀)) on L(f_α)/α².
 *
 * @param model a network made by `mlp`, or its linearization (`linearize`)
 * @param x the training inputs, N×d
 * @param y the targets: N numbers, or N rows of one value per output (one-hot rows for cross-entropy)
 * @param opts `learningRate` η (default 1), `steps`; optionally `loss` ("mse", the default, or "crossEntropy"),
 * `outputScale` α, `layers` (the Dense layers that train, 1 … L+1; the others stay frozen) and `onStep(step, loss)`
 * (return false to stop)
 * @returns the loss before each step (`losses`) and after the last (`finalLoss`)
 * @throws {Error} when `opts` holds an unknown name, its `learningRate` is not positive, `steps` not an integer ≥ 0,
 * `outputScale` not a positive number, `loss` not "mse" or "crossEntropy", or `layers` not distinct layer numbers
 * from 1 to L+1; `x` is not a finite matrix with the
 * model's `inputDim` columns; `y` does not have one row of `outputs` values per input; or the loss becomes NaN
 * or infinite (lower `learningRate`)
 * @chapter 1 gd
 * @example
 * ```ts
 * import { linspace, mlp, train } from "ntk";
 * const x = linspace(-2, 2, 8).map((v) => [v]), y = x.map(([v]) => Math.sin(v));
 * const net = mlp({ inputDim: 1, depth: 1, width: 256, activation: "erf", seed: 0 });
 * const { losses, finalLoss } = train(net, x, y, { learningRate: 0.5, steps: 200 });
 * ```
 */
export function train(model: Model, x: MatrixInput, y: TargetInput, opts: TrainOptions): TrainResult {
  const fn = "train";
  checkOptions(fn, opts, ["learningRate", "steps", "loss", "onStep", "outputScale", "layers"]);
  const eta = checkLearningRate(fn, opts.learningRate);
  const trained = trainableParams(fn, model, opts.layers);
  const steps = checkNumber(fn, "steps", opts.steps, { integer: true, min: 0 });
  const alpha = opts.outputScale === undefined ? null : checkOutputScale(fn, "outputScale", opts.outputScale);
  const kind = opts.loss ?? "mse";
  const { xt, yt, owned } = trainingData(fn, model, x, y, kind);
  // f(x; θ₀), kept for f_α = α·(f − f₀)
  const f0 = alpha === null ? null : tf.tidy(() => model.apply(xt));
  const outputs = (): tf.Tensor2D => (f0 ? tf.mul(tf.sub(model.apply(xt), f0), alpha!) : model.apply(xt));
  try {
    const onStep = opts.onStep;
    const weights = alpha === null ? undefined : [1 / (alpha * alpha)]; // the objective L(f_α)/α²
    const etas = learningRates(model, eta);
    const params = trained.map((i) => model.params[i]);
    const history = descend(fn, params, () => lossOf(kind, outputs(), yt), trained.map((i) => etas[i]), steps, onStep && ((t, l) => onStep(t, l[0])), weights);
    const finalLoss = tf.tidy(() => lossOf(kind, outputs(), yt).dataSync()[0]);
    return { losses: history.map((l) => l[0]), finalLoss };
  } finally {
    f0?.dispose();
    yt.dispose();
    if (owned) xt.dispose();
  }
}

/**
 * Δθ = −η·r_i·∇_θ L(θ) of one gradient step (without taking it; r_i the parameterization's learning-rate factors), as float64 arrays in `params` order.
 *
 * @param model a network made by `mlp`, or its linearization
 * @param x the training inputs, N×d
 * @param y the targets: N numbers, or N rows of one value per output
 * @param opts `learningRate` η and optionally `loss` ("mse", the default, or "crossEntropy")
 * @returns Δθ: one array per tensor of `model.params`, each of its size (the model is not changed)
 * @throws {Error} when `opts` holds a name other than `learningRate` and `loss`, its `learningRate` is not
 * positive or `loss` not "mse" or "crossEntropy"; `x` is not a finite matrix with the model's `inputDim`
 * columns; or `y` does not have one row of `outputs` values per input
 * @chapter 1 gd
 * @example
 * ```ts
 * import { gradientStepDelta, linspace, mlp } from "ntk";
 * const x = linspace(-2, 2, 8).map((v) => [v]), y = x.map(([v]) => Math.sin(v));
 * const net = mlp({ inputDim: 1, depth: 1, width: 64, activation: "erf", seed: 0 });
 * const delta = gradientStepDelta(net, x, y, { learningRate: 0.1 }); // what one step would add to each tensor
 * ```
 */
export function gradientStepDelta(model: Model, x: MatrixInput, y: TargetInput, opts: { learningRate: number; loss?: TrainLoss }): Float64Array[] {
  const fn = "gradientStepDelta";
  checkOptions(fn, opts, ["learningRate", "loss"]);
  const eta = checkLearningRate(fn, opts.learningRate);
  const kind = opts.loss ?? "mse";
  const { xt, yt, owned } = trainingData(fn, model, x, y, kind);
  try {
    const grads = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => lossOf(kind, model.apply(xt), yt), model.params);
      return model.params.map((p) => grads[p.name]);
    });
    const etas = learningRates(model, eta);
    const out = grads.map((g, i) => Float64Array.from(g.dataSync(), (v) => -etas[i] * v));
    grads.forEach((g) => g.dispose());
    return out;
  } finally {
    yt.dispose();
    if (owned) xt.dispose();
  }
}
