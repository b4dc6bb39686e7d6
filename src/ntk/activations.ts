// Activations φ with φ′ and φ″, as float64 functions (analytic kernels, Taylor terms)
// and as tfjs ops (models, linearization).
import * as tf from "@tensorflow/tfjs";
import { erfActivation, erfPrime } from "./erf32.ts";
import { erf, normalCdf, normalPdf } from "./special.ts";
import { checkKeys, checkNumber, fail } from "./validate.ts";

/** The activation names every function taking `activation` accepts: relu and erf have closed-form kernels, the others are integrated numerically. */
export const ACTIVATIONS = ["relu", "erf", "tanh", "gelu", "sin", "sigmoid", "linear"] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

/**
 * An activation: a name, or a piecewise-linear one with parameters (closed-form kernels, as neural-tangents' LeakyRelu and ABRelu):
 * `{name: "leakyRelu", alpha}` is φ(x) = max(x, αx) for 0 ≤ α ≤ 1 (α·x for x < 0 in general); `{name: "abRelu", a, b}` is φ(x) = a·min(x, 0) + b·max(x, 0).
 */
export type ActivationSpec = ActivationName | { name: "leakyRelu"; alpha: number } | { name: "abRelu"; a: number; b: number };

export interface Activation {
  name: ActivationName | "leakyRelu" | "abRelu";
  /** the spec it was made from (a name or the parameterized object) */
  spec: ActivationSpec;
  /** φ(x) = a·min(x, 0) + b·max(x, 0) when φ is piecewise linear with its kink at 0 (closed-form arc-cosine kernels) */
  ab?: readonly [number, number];
  /** the widest quadrature panel that resolves φ (sin: features everywhere); unbounded when absent */
  maxPanel?: number;
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
    spec: "relu",
    ab: [0, 1],
    f: (x) => (x > 0 ? x : 0),
    df: (x) => (x > 0 ? 1 : 0),
    d2f: () => 0,
    tf: (x) => tf.relu(x),
    tfDf: (x) => tf.step(x),
  },
  erf: {
    name: "erf",
    spec: "erf",
    f: erf,
    // erf′(x) = 2/√π·e^{−x²}
    df: (x) => (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x),
    d2f: (x) => (-4 * x / Math.sqrt(Math.PI)) * Math.exp(-x * x),
    tf: (x) => erfActivation(x),
    tfDf: (x) => erfPrime(x),
  },
  tanh: {
    name: "tanh",
    spec: "tanh",
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
    spec: "gelu",
    f: (x) => x * normalCdf(x),
    df: (x) => normalCdf(x) + x * normalPdf(x),
    d2f: (x) => normalPdf(x) * (2 - x * x),
    tf: (x) => tf.mul(tf.mul(0.5, x), tf.add(1, erfActivation(tf.div(x, Math.SQRT2)))),
    tfDf: (x) =>
      tf.add(
        tf.mul(0.5, tf.add(1, erfActivation(tf.div(x, Math.SQRT2)))),
        tf.div(tf.mul(x, tf.exp(tf.mul(-0.5, tf.square(x)))), SQRT_2PI),
      ),
  },
  sin: {
    name: "sin",
    spec: "sin",
    maxPanel: 2,
    f: Math.sin,
    df: Math.cos,
    d2f: (x) => -Math.sin(x),
    tf: (x) => tf.sin(x),
    tfDf: (x) => tf.cos(x),
  },
  sigmoid: {
    name: "sigmoid",
    spec: "sigmoid",
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
    spec: "linear",
    ab: [1, 1],
    f: (x) => x,
    df: () => 1,
    d2f: () => 0,
    tf: (x) => tf.clone(x),
    tfDf: (x) => tf.onesLike(x),
  },
};

/** φ(x) = a·min(x, 0) + b·max(x, 0): ReLU is (0, 1), leaky ReLU (α, 1), |x| is (−1, 1). */
function abRelu(spec: Exclude<ActivationSpec, string>, a: number, b: number): Activation {
  return {
    name: spec.name,
    spec,
    ab: [a, b],
    f: (x) => (x > 0 ? b * x : a * x),
    df: (x) => (x > 0 ? b : a),
    d2f: () => 0,
    tf: (x) => tf.add(tf.mul(b, tf.relu(x)), tf.mul(-a, tf.relu(tf.neg(x)))),
    tfDf: (x) => tf.add(a, tf.mul(b - a, tf.step(x))),
  };
}

/**
 * Looks up an activation by name or parameterized spec; throws naming `fn` and `argName` otherwise.
 *
 * @param spec a name of {@link ACTIVATIONS}, `{name: "leakyRelu", alpha}` or `{name: "abRelu", a, b}`
 * @param fn the function named in the error message (default "activation")
 * @param argName the argument named in the error message (default "activation")
 * @returns φ with φ′ and φ″ in float64, its tfjs op, and what the kernels need of it
 * @throws {Error} when `spec` is not a known name, or a spec with an unknown `name`, an unknown key or a
 * parameter that is not a finite number
 * @example
 * ```ts
 * import { activation } from "ntk";
 * const leaky = activation({ name: "leakyRelu", alpha: 0.1 });
 * leaky.f(-2); // -0.2
 * ```
 */
export function activation(spec: ActivationSpec, fn = "activation", argName = "activation"): Activation {
  if (typeof spec === "string") {
    if (!Object.prototype.hasOwnProperty.call(table, spec))
      fail(fn, argName, `is unknown activation '${spec}'; known: ${ACTIVATIONS.join(", ")}, {name: "leakyRelu", alpha}, {name: "abRelu", a, b}`);
    return table[spec];
  }
  if (spec === null || typeof spec !== "object")
    fail(fn, argName, `must be an activation name (${ACTIVATIONS.join(", ")}) or {name: "leakyRelu", alpha} or {name: "abRelu", a, b}, got ${String(spec)}`);
  const known: Record<string, readonly string[]> = { leakyRelu: ["name", "alpha"], abRelu: ["name", "a", "b"] };
  const keys = known[spec.name];
  if (keys === undefined) fail(fn, argName, `has unknown name '${String(spec.name)}'; parameterized activations: leakyRelu, abRelu`);
  checkKeys(fn, argName, spec, keys);
  if (spec.name === "leakyRelu") return abRelu(spec, checkNumber(fn, `${argName}.alpha`, spec.alpha), 1);
  return abRelu(spec, checkNumber(fn, `${argName}.a`, spec.a), checkNumber(fn, `${argName}.b`, spec.b));
}
