// Plain gradient descent on a model's parameters (note 000 eq. 1): θ_{t+1} = θ_t − η·∇_θ L(θ_t),
// with L = 1/(2Nk)·Σ(f − y)² (MSE over N examples and k outputs) or L = −(1/N)·Σ_n Σ_o y_o·log softmax(f_n)_o.
import * as tf from "@tensorflow/tfjs";
import { checkLearningRate } from "./kernelargs.ts";
import { inputTensor, type Model } from "./mlp.ts";
import { checkOptions, checkNumber, fail, type MatrixInput, type TargetInput, toTargets } from "./validate.ts";

export type TrainLoss = "mse" | "crossEntropy";

export interface TrainOptions {
  learningRate: number;
  steps: number;
  loss?: TrainLoss;
  /** called after every step with the loss before that step; return false to stop early */
  onStep?: (step: number, loss: number) => void | boolean;
}

export interface TrainResult {
  /** L(θ_t) before each step t */
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
 * `steps` steps θ ← θ − η·∇_θ Σ_k L_k(θ) of every parameter in `params`, where `loss()` gives L (a scalar)
 * or one loss per network of an ensemble ([K]: the networks' parameters are disjoint, so each one's
 * gradient is that of its own loss). Returns L before each step, per network; stops when onStep says false.
 */
export function descend(fn: string, params: readonly tf.Variable[], loss: () => tf.Tensor, eta: number, steps: number, onStep?: (step: number, losses: number[]) => void | boolean): number[][] {
  const history: number[][] = [];
  for (let t = 0; t < steps; t++) {
    const kept: { perNetwork?: tf.Tensor } = {};
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        kept.perNetwork = tf.keep(loss());
        return tf.sum(kept.perNetwork) as tf.Scalar;
      }, params as tf.Variable[]);
      for (const p of params) p.assign(tf.sub(p, tf.mul(grads[p.name], eta))); // θ ← θ − η·∇_θ L
    });
    const values = Array.from(kept.perNetwork!.dataSync());
    kept.perNetwork!.dispose();
    const bad = values.find((v) => !Number.isFinite(v));
    if (bad !== undefined) throw new Error(`${fn}: loss became ${bad} at step ${t}; lower 'learningRate' (${eta})`);
    history.push(values);
    if (onStep && onStep(t, values) === false) break;
  }
  return history;
}

/** Full-batch gradient descent for `steps` steps; the model's parameters are updated in place. */
export function train(model: Model, x: MatrixInput, y: TargetInput, opts: TrainOptions): TrainResult {
  const fn = "train";
  checkOptions(fn, opts, ["learningRate", "steps", "loss", "onStep"]);
  const eta = checkLearningRate(fn, opts.learningRate);
  const steps = checkNumber(fn, "steps", opts.steps, { integer: true, min: 0 });
  const kind = opts.loss ?? "mse";
  const { xt, yt, owned } = trainingData(fn, model, x, y, kind);
  try {
    const onStep = opts.onStep;
    const history = descend(fn, model.params, () => lossOf(kind, model.apply(xt), yt), eta, steps, onStep && ((t, l) => onStep(t, l[0])));
    const finalLoss = tf.tidy(() => lossOf(kind, model.apply(xt), yt).dataSync()[0]);
    return { losses: history.map((l) => l[0]), finalLoss };
  } finally {
    yt.dispose();
    if (owned) xt.dispose();
  }
}

/** Δθ = −η·∇_θ L(θ) of one gradient step (without taking it), as float64 arrays in `params` order. */
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
    const out = grads.map((g) => Float64Array.from(g.dataSync(), (v) => -eta * v));
    grads.forEach((g) => g.dispose());
    return out;
  } finally {
    yt.dispose();
    if (owned) xt.dispose();
  }
}
