// The linearized network (note 001 "Infinite-Width Neural Network As A Linear Model"):
//   f_lin(x; θ) = f(x; θ₀) + ∇_θ f(x; θ₀)·(θ − θ₀)
// computed by forward-mode tangent propagation through the MLP at θ₀ (no Jacobian is formed):
//   ż^l = m_W·(a^{l−1}·ΔW^l + ȧ^{l−1}·W₀^l) + m_b·Δb^l,  ȧ^l = φ′(z^l) ⊙ ż^l  (m_W = wStd/√n_{l−1}, m_b = bStd in NTK parameterization)
import * as tf from "@tensorflow/tfjs";
import { matMul } from "./dense.ts";
import { inputTensor, MLP, type Model, predictRows, predictScalar } from "./mlp.ts";
import { fail, type MatrixInput } from "./validate.ts";

let counter = 0;

/**
 * The first-order Taylor expansion of an MLP around its initial parameters θ₀,
 * f_lin(x; θ) = f(x; θ₀) + ∇_θ f(x; θ₀)·(θ − θ₀) (chapter 3), evaluated by forward-mode tangents.
 * Made by {@link linearize}; trains with the same functions as the network it linearizes.
 */
export class LinearizedMLP implements Model {
  /** tells a linearized model from an MLP ("mlp") */
  readonly kind = "linearized";
  /** the network it linearizes (its architecture and forward pass at θ₀) */
  readonly base: MLP;
  /** θ₀, frozen */
  readonly theta0: tf.Tensor[];
  /** θ, trainable, starts at θ₀ */
  readonly params: tf.Variable[];
  /** number of outputs k */
  readonly outputs: number;
  /** input dimension d */
  readonly inputDim: number;
  /** the base network's learning-rate factors, so both train alike */
  readonly learningRateScales: readonly number[];

  /** Use {@link linearize}, which checks its argument. */
  constructor(base: MLP) {
    this.base = base;
    this.outputs = base.outputs;
    this.inputDim = base.inputDim;
    this.learningRateScales = base.learningRateScales;
    const id = counter++;
    this.theta0 = base.params.map((p) => tf.clone(p));
    this.params = this.theta0.map((p, i) => tf.variable(tf.clone(p), true, `lin${id}_${i}`));
  }

  /** f_lin(x; θ) = f(x; θ₀) + J(x; θ₀)·(θ − θ₀) as [N, outputs]. */
  apply(x: MatrixInput, params: readonly tf.Tensor[] = this.params): tf.Tensor2D {
    if (params.length !== this.theta0.length) fail("apply", "params", `has ${params.length} tensors, expected ${this.theta0.length}`);
    const base = this.base;
    return tf.tidy(() => {
      let a: tf.Tensor2D = inputTensor("apply", "x", x, this.inputDim);
      let da: tf.Tensor2D | null = null; // ȧ⁰ = 0
      const L = base.widths.length - 1;
      const dTheta = params.map((p, i) => tf.sub(p, this.theta0[i])); // Δθ = θ − θ₀
      let out: tf.Tensor2D = a;
      for (let l = 1; l <= L; l++) {
        // z^l at θ₀, and its tangent ż^l = (the affine map of Δθ on a^{l−1}) + m_W·ȧ^{l−1}·W₀^l
        const z = base.affine(l, a, this.theta0);
        let dz = base.affine(l, a, dTheta);
        if (da) dz = tf.add(dz, tf.mul(matMul(da, this.theta0[2 * l - 2] as tf.Tensor2D), base.scale(l))) as tf.Tensor2D;
        if (l < L) {
          da = tf.mul(base.act.tfDf(z), dz) as tf.Tensor2D;
          a = base.act.tf(z) as tf.Tensor2D;
        } else out = tf.add(z, dz) as tf.Tensor2D;
      }
      return out;
    });
  }

  /** f_lin(x) as numbers, for a scalar-output model. */
  predict(x: MatrixInput): number[] {
    return predictScalar(this, x);
  }

  /** f_lin(x) as [N][outputs] numbers. */
  predictAll(x: MatrixInput): number[][] {
    return predictRows(this, x);
  }

  /** Frees θ₀ and θ. */
  dispose(): void {
    this.theta0.forEach((t) => t.dispose());
    this.params.forEach((p) => p.dispose());
  }
}

/**
 * The first-order Taylor model of `model` around its current parameters θ₀.
 *
 * @param model a network made by `mlp`; its current parameters become θ₀ (it is not changed)
 * @returns f_lin(x; θ) = f(x; θ₀) + ∇_θ f(x; θ₀)·(θ − θ₀), trainable by `train` like the network
 * @throws {Error} when `model` is not made by `mlp`
 * @chapter 3 linearized
 * @example
 * ```ts
 * import { linearize, linspace, mlp, train } from "ntk";
 * const x = linspace(-2, 2, 8).map((v) => [v]), y = x.map(([v]) => Math.sin(v));
 * const lin = linearize(mlp({ inputDim: 1, depth: 1, width: 128, activation: "erf", seed: 0 }));
 * train(lin, x, y, { learningRate: 0.5, steps: 100 });
 * ```
 */
export function linearize(model: MLP): LinearizedMLP {
  if (!(model instanceof MLP)) fail("linearize", "model", "must be a model made by mlp(...)");
  return new LinearizedMLP(model);
}
