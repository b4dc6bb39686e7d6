// Activations φ with φ′ and φ″, as float64 functions (analytic kernels, Taylor terms)
// and as tfjs ops (models, linearization).
import * as tf from "@tensorflow/tfjs";
import { erf, normalCdf, normalPdf } from "./special.ts";

/** The activation names every function taking `activation` accepts: relu and erf have closed-form kernels, the others use Gauss–Hermite quadrature. */
export const ACTIVATIONS = ["relu", "erf", "tanh", "gelu", "sin", "sigmoid", "linear"] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export interface Activation {
  name: ActivationName;
  /** φ(x) */
  f(x: number): number;
  /** φ′(x) */
  df(x: number): number;
  /** φ″(x) (0 almost everywhere for relu) */
  d2f(x: number): number;
  /** φ on a tensor (differentiable by tfjs) */
  tf(x: tf.Tensor): tf.Tensor;
  /** φ′ on a tensor */
  tfDf(x: tf.Tensor): tf.Tensor;
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

const table: Record<ActivationName, Activation> = {
  relu: {
    name: "relu",
    f: (x) => (x > 0 ? x : 0),
    df: (x) => (x > 0 ? 1 : 0),
    d2f: () => 0,
    tf: (x) => tf.relu(x),
    tfDf: (x) => tf.step(x),
  },
  erf: {
    name: "erf",
    f: erf,
    // erf′(x) = 2/√π·e^{−x²}
    df: (x) => (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x),
    d2f: (x) => (-4 * x / Math.sqrt(Math.PI)) * Math.exp(-x * x),
    tf: (x) => tf.erf(x),
    tfDf: (x) => tf.mul(2 / Math.sqrt(Math.PI), tf.exp(tf.neg(tf.square(x)))),
  },
  tanh: {
    name: "tanh",
    f: Math.tanh,
    df: (x) => 1 - Math.tanh(x) ** 2,
    d2f: (x) => {
      const t = Math.tanh(x);
      return -2 * t * (1 - t * t);
    },
    tf: (x) => tf.tanh(x),
    tfDf: (x) => tf.sub(1, tf.square(tf.tanh(x))),
  },
  gelu: {
    // exact GELU φ(x) = x·Φ(x): φ′ = Φ + x·𝜑, φ″ = 𝜑·(2 − x²)
    name: "gelu",
    f: (x) => x * normalCdf(x),
    df: (x) => normalCdf(x) + x * normalPdf(x),
    d2f: (x) => normalPdf(x) * (2 - x * x),
    tf: (x) => tf.mul(tf.mul(0.5, x), tf.add(1, tf.erf(tf.div(x, Math.SQRT2)))),
    tfDf: (x) =>
      tf.add(
        tf.mul(0.5, tf.add(1, tf.erf(tf.div(x, Math.SQRT2)))),
        tf.div(tf.mul(x, tf.exp(tf.mul(-0.5, tf.square(x)))), SQRT_2PI),
      ),
  },
  sin: {
    name: "sin",
    f: Math.sin,
    df: Math.cos,
    d2f: (x) => -Math.sin(x),
    tf: (x) => tf.sin(x),
    tfDf: (x) => tf.cos(x),
  },
  sigmoid: {
    name: "sigmoid",
    f: sigmoid,
    df: (x) => sigmoid(x) * (1 - sigmoid(x)),
    d2f: (x) => {
      const s = sigmoid(x);
      return s * (1 - s) * (1 - 2 * s);
    },
    tf: (x) => tf.sigmoid(x),
    tfDf: (x) => {
      const s = tf.sigmoid(x);
      return tf.mul(s, tf.sub(1, s));
    },
  },
  linear: {
    name: "linear",
    f: (x) => x,
    df: () => 1,
    d2f: () => 0,
    tf: (x) => tf.clone(x),
    tfDf: (x) => tf.onesLike(x),
  },
};

/** Looks up an activation by name; throws naming `argName` with the known names otherwise. */
export function activation(name: string, fn = "activation", argName = "activation"): Activation {
  if (typeof name !== "string" || !Object.prototype.hasOwnProperty.call(table, name))
    throw new Error(`${fn}: argument '${argName}' is unknown activation '${String(name)}'; known: ${ACTIVATIONS.join(", ")}`);
  return table[name as ActivationName];
}
