// Plain gradient descent on a model's parameters (note 000 eq. 1): θ_{t+1} = θ_t − η·∇_θ L(θ_t),
// with L = 1/(2N)·Σ(f − y)² (MSE) or L = −(1/N)·Σ_n Σ_o y_o·log softmax(f_n)_o.
import * as tf from "@tensorflow/tfjs";
import { checkLearningRate } from "./kernelargs.ts";
import { inputTensor, type Model } from "./mlp.ts";
import { checkNumber, fail, type MatrixInput, type TargetInput, toTargets } from "./validate.ts";

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

function lossOf(kind: TrainLoss, f: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  const n = f.shape[0];
  if (kind === "mse") return tf.div(tf.sum(tf.square(tf.sub(f, y))), 2 * n) as tf.Scalar; // 1/(2N)·Σ(f − y)²
  return tf.div(tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(f)))), n) as tf.Scalar; // −(1/N)·Σ y·log softmax(f)
}

function prepare(fn: string, model: Model, x: MatrixInput, y: TargetInput, loss: TrainLoss): { xt: tf.Tensor2D; yt: tf.Tensor2D; owned: boolean } {
  if (loss !== "mse" && loss !== "crossEntropy") fail(fn, "loss", `must be "mse" or "crossEntropy", got ${String(loss)}`);
  const xt = inputTensor(fn, "x", x, model.inputDim);
  const Y = toTargets(fn, "y", y).mat;
  if (Y.rows !== xt.shape[0]) fail(fn, "y", `has ${Y.rows} rows but x has ${xt.shape[0]}`);
  if (Y.cols !== model.outputs) fail(fn, "y", `has ${Y.cols} outputs per example but the model has ${model.outputs}`);
  return { xt, yt: tf.tensor2d(Float32Array.from(Y.data), [Y.rows, Y.cols]), owned: xt !== x };
}

/** Full-batch gradient descent for `steps` steps; the model's parameters are updated in place. */
export function train(model: Model, x: MatrixInput, y: TargetInput, opts: TrainOptions): TrainResult {
  const fn = "train";
  const eta = checkLearningRate(fn, opts.learningRate);
  const steps = checkNumber(fn, "steps", opts.steps, { integer: true, min: 0 });
  const kind = opts.loss ?? "mse";
  const { xt, yt, owned } = prepare(fn, model, x, y, kind);
  const losses: number[] = [];
  try {
    for (let t = 0; t < steps; t++) {
      const value = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => lossOf(kind, model.apply(xt), yt), model.params);
        // θ ← θ − η·∇_θ L
        for (const p of model.params) p.assign(tf.sub(p, tf.mul(grads[p.name], eta)));
        return value;
      });
      const l = value.dataSync()[0];
      value.dispose();
      if (!Number.isFinite(l)) throw new Error(`${fn}: loss became ${l} at step ${t}; lower 'learningRate' (${eta})`);
      losses.push(l);
      if (opts.onStep && opts.onStep(t, l) === false) break;
    }
    const finalLoss = tf.tidy(() => lossOf(kind, model.apply(xt), yt).dataSync()[0]);
    return { losses, finalLoss };
  } finally {
    yt.dispose();
    if (owned) xt.dispose();
  }
}

/** Δθ = −η·∇_θ L(θ) of one gradient step (without taking it), as float64 arrays in `params` order. */
export function gradientStepDelta(model: Model, x: MatrixInput, y: TargetInput, opts: { learningRate: number; loss?: TrainLoss }): Float64Array[] {
  const fn = "gradientStepDelta";
  const eta = checkLearningRate(fn, opts.learningRate);
  const kind = opts.loss ?? "mse";
  const { xt, yt, owned } = prepare(fn, model, x, y, kind);
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
