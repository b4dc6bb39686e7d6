// The linearized network (note 001 "Infinite-Width Neural Network As A Linear Model"):
//   f_lin(x; θ) = f(x; θ₀) + ∇_θ f(x; θ₀)·(θ − θ₀)
// computed by forward-mode tangent propagation through the MLP at θ₀ (no Jacobian is formed):
//   ż^l = wStd/√n_{l−1}·(a^{l−1}·ΔW^l + ȧ^{l−1}·W₀^l) + bStd·Δb^l,  ȧ^l = φ′(z^l) ⊙ ż^l
import * as tf from "@tensorflow/tfjs";
import { inputTensor, MLP, type Model, predictRows, predictScalar } from "./mlp.ts";
import { fail, type MatrixInput } from "./validate.ts";

let counter = 0;

export class LinearizedMLP implements Model {
  readonly kind = "linearized";
  readonly base: MLP;
  /** θ₀, frozen */
  readonly theta0: tf.Tensor[];
  /** θ, trainable, starts at θ₀ */
  readonly params: tf.Variable[];
  readonly outputs: number;
  readonly inputDim: number;

  constructor(base: MLP) {
    this.base = base;
    this.outputs = base.outputs;
    this.inputDim = base.inputDim;
    const id = counter++;
    this.theta0 = base.params.map((p) => tf.clone(p));
    this.params = this.theta0.map((p, i) => tf.variable(tf.clone(p), true, `lin${id}_${i}`));
  }

  /** f_lin(x; θ) = f(x; θ₀) + J(x; θ₀)·(θ − θ₀) as [N, outputs]. */
  apply(x: MatrixInput, params: readonly tf.Tensor[] = this.params): tf.Tensor2D {
    if (params.length !== this.theta0.length) fail("apply", "params", `has ${params.length} tensors, expected ${this.theta0.length}`);
    const { wStd, bStd } = this.base.config;
    const widths = this.base.widths;
    const act = this.base.act;
    return tf.tidy(() => {
      let a: tf.Tensor2D = inputTensor("apply", "x", x, this.inputDim);
      let da: tf.Tensor2D | null = null; // ȧ⁰ = 0
      const L = widths.length - 1;
      let out: tf.Tensor2D = a;
      for (let l = 1; l <= L; l++) {
        const scale = wStd / Math.sqrt(widths[l - 1]);
        const W0 = this.theta0[2 * l - 2] as tf.Tensor2D, b0 = this.theta0[2 * l - 1];
        const dW = tf.sub(params[2 * l - 2], W0) as tf.Tensor2D, db = tf.sub(params[2 * l - 1], b0);
        // z^l at θ₀ and its tangent ż^l
        const z = tf.add(tf.mul(tf.matMul(a, W0), scale), tf.mul(b0, bStd)) as tf.Tensor2D;
        let dzLin = tf.matMul(a, dW);
        if (da) dzLin = tf.add(dzLin, tf.matMul(da, W0));
        const dz = tf.add(tf.mul(dzLin, scale), tf.mul(db, bStd)) as tf.Tensor2D;
        if (l < L) {
          da = tf.mul(act.tfDf(z), dz) as tf.Tensor2D;
          a = act.tf(z) as tf.Tensor2D;
        } else out = tf.add(z, dz) as tf.Tensor2D;
      }
      return out;
    });
  }

  predict(x: MatrixInput): number[] {
    return predictScalar(this, x);
  }

  predictAll(x: MatrixInput): number[][] {
    return predictRows(this, x);
  }

  dispose(): void {
    this.theta0.forEach((t) => t.dispose());
    this.params.forEach((p) => p.dispose());
  }
}

/** The first-order Taylor model of `model` around its current parameters θ₀. */
export function linearize(model: MLP): LinearizedMLP {
  if (!(model instanceof MLP)) fail("linearize", "model", "must be a model made by mlp(...)");
  return new LinearizedMLP(model);
}
