// A fully connected net, by default in NTK parameterization (Jacot et al. 2018; neural-tangents' Dense):
//   z^l = wStd/√n_{l−1} · a^{l−1}·W^l + bStd·b^l,  a^l = φ(z^l),  a⁰ = x,  W, b ~ N(0, 1)
// depth L = L hidden [Dense, φ] blocks, then a readout Dense to `outputs` units: f = z^{L+1}.
// Other parameterizations (standard, μP: parameterization.ts) change the multipliers m_W, m_b, the initial
// scales and the learning-rate factors: z^l = m_W·a^{l−1}·W^l + m_b·b^l.
import * as tf from "@tensorflow/tfjs";
import { activation as lookupActivation, type Activation, type ActivationSpec } from "./activations.ts";
import { dense } from "./dense.ts";
import { type Mat, matMulABt, transpose } from "./mat.ts";
import { layerScalings, type LayerScalings, type Parameterization } from "./parameterization.ts";
import { makeRng } from "./rng.ts";
import { checkNumber, checkOptions, checkResult, fail, type MatrixInput, toMat } from "./validate.ts";

export interface MLPOptions {
  inputDim: number;
  /** number of hidden [Dense, φ] blocks */
  depth: number;
  width: number;
  activation: ActivationSpec;
  /** weight scale σ_w (default 1) */
  wStd?: number;
  /** bias scale σ_b (default 0) */
  bStd?: number;
  /** seed of the N(0, 1) draws of W and b (default 0) */
  seed?: number;
  /** output units (default 1) */
  outputs?: number;
  /** "ntk" (default), "standard", "mup", or an explicit table per layer (chapter 10; parameterization.ts) */
  parameterization?: Parameterization;
}

export type MLPConfig = Required<MLPOptions>;

/** Anything with a parameter list and a forward pass f(x; params): an MLP or its linearization. */
export interface Model {
  /** the trainable parameter tensors θ */
  readonly params: tf.Variable[];
  /** number of outputs k */
  readonly outputs: number;
  /** input dimension d: inputs have d columns */
  readonly inputDim: number;
  /** f(x) as an [N, outputs] tensor (the caller disposes it); `params` overrides the model's own. */
  apply(x: MatrixInput, params?: readonly tf.Tensor[]): tf.Tensor2D;
  /** learning-rate factor of each entry of `params` (all 1 when absent): gradient descent moves params[i] by −η·r_i·∇ */
  readonly learningRateScales?: readonly number[];
}

let modelCounter = 0;

/** f(x) of a scalar-output model as numbers. */
export function predictScalar(model: Model, x: MatrixInput): number[] {
  if (model.outputs !== 1) fail("predict", "model", `has ${model.outputs} outputs; use predictAll`);
  const xt = inputTensor("predict", "x", x, model.inputDim);
  const y = model.apply(xt);
  if (xt !== x) xt.dispose();
  const v = Array.from(y.dataSync());
  y.dispose();
  checkResult("predict", "x", v, "outputs");
  return v;
}

/** f(x) as [N][outputs] numbers. */
export function predictRows(model: Model, x: MatrixInput): number[][] {
  const xt = inputTensor("predictAll", "x", x, model.inputDim);
  const y = model.apply(xt);
  if (xt !== x) xt.dispose();
  const v = y.arraySync();
  y.dispose();
  checkResult("predictAll", "x", v.flat(), "outputs");
  return v;
}

/** Converts an input to a float32 [N, inputDim] tensor (caller disposes when it created one). */
export function inputTensor(fn: string, name: string, x: MatrixInput, inputDim: number): tf.Tensor2D {
  if (x instanceof tf.Tensor) {
    if (x.rank !== 2 || x.shape[1] !== inputDim)
      fail(fn, name, `must have shape [N, ${inputDim}], got [${x.shape.join(", ")}]`);
    return x;
  }
  const m = toMat(fn, name, x);
  if (m.cols !== inputDim) fail(fn, name, `has ${m.cols} columns but the model's inputDim is ${inputDim}`);
  const big = m.data.findIndex((v) => Math.abs(v) > 3.4e38);
  if (big >= 0) fail(fn, name, `has ${m.data[big]}, outside float32's range (tfjs computes in float32)`);
  return tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols], "float32");
}

/** The float64 copy of one layer: W [n_in, n_out] (and its transpose), b [n_out], multipliers m_W (scale) and m_b (bScale). */
export interface LayerF64 {
  W: Mat;
  Wt: Mat;
  b: Float64Array;
  /** m_W: wStd/√n_in in NTK parameterization */
  scale: number;
  /** m_b: bStd in NTK parameterization */
  bScale: number;
}

/**
 * A fully connected network `[Dense, φ] × depth` then a Dense readout, by default in NTK parameterization
 * z = (wStd/√n_in)·W·a + bStd·b with W, b ~ N(0, 1) (chapter 1); the standard and μP parameterizations
 * change the multipliers, initial scales and learning-rate factors (chapter 10, `scaling`). Made by {@link mlp}.
 */
export class MLP implements Model {
  /** tells an MLP from a linearized model ("linearized") or an ensemble */
  readonly kind = "mlp";
  /** the options it was made with, defaults filled in */
  readonly config: MLPConfig;
  /** the activation φ, with φ′ and φ″ */
  readonly act: Activation;
  /** layer widths [d, n_1, …, n_L, outputs] */
  readonly widths: readonly number[];
  /** [W¹, b¹, …, W^{L+1}, b^{L+1}]; W^l has shape [n_{l−1}, n_l] */
  readonly params: tf.Variable[];
  /** number of outputs k */
  readonly outputs: number;
  /** input dimension d: inputs have d columns */
  readonly inputDim: number;
  /** per Dense layer l (index l − 1): multiplier, initial scale and learning-rate factor of W^l and of b^l */
  readonly scaling: LayerScalings;
  /** the learning-rate factor of each entry of `params` ([r_W¹, r_b¹, …]) */
  readonly learningRateScales: readonly number[];

  /** Use {@link mlp}, which checks the options; `values` sets the parameters (else drawn from `config.seed`). */
  constructor(config: MLPConfig, values?: readonly ArrayLike<number>[]) {
    this.config = config;
    this.act = lookupActivation(config.activation, "mlp");
    this.outputs = config.outputs;
    this.inputDim = config.inputDim;
    this.widths = [config.inputDim, ...Array.from({ length: config.depth }, () => config.width), config.outputs];
    this.scaling = layerScalings(config.parameterization, config, "mlp");
    this.learningRateScales = this.scaling.weights.flatMap((w, i) => [w.learningRate, this.scaling.biases[i].learningRate]);
    const rng = makeRng(config.seed);
    const id = modelCounter++;
    this.params = [];
    for (let l = 1; l < this.widths.length; l++) {
      const nIn = this.widths[l - 1], nOut = this.widths[l];
      // W^l = s_W·ξ, b^l = s_b·ξ′: the same draws ξ in every parameterization
      const sW = this.scaling.weights[l - 1].initStd, sB = this.scaling.biases[l - 1].initStd;
      const wv = values ? Float32Array.from(values[2 * (l - 1)]) : Float32Array.from({ length: nIn * nOut }, () => sW * rng.normal());
      const bv = values ? Float32Array.from(values[2 * (l - 1) + 1]) : Float32Array.from({ length: nOut }, () => sB * rng.normal());
      // tf.variable copies its initial value; tidy frees the copy so only the variables remain
      this.params.push(tf.tidy(() => tf.variable(tf.tensor2d(wv, [nIn, nOut]), true, `mlp${id}_W${l}`)));
      this.params.push(tf.tidy(() => tf.variable(tf.tensor1d(bv), true, `mlp${id}_b${l}`)));
    }
  }

  /** Number of hidden layers L. */
  get depth(): number {
    return this.config.depth;
  }

  /** Number of scalar parameters. */
  get paramCount(): number {
    return this.params.reduce((s, p) => s + p.size, 0);
  }

  /** The weight multiplier m_W of Dense layer l (1 … L+1): wStd/√n_{l−1} in NTK parameterization. */
  scale(l: number): number {
    return this.scaling.weights[l - 1].multiplier;
  }

  /** The bias multiplier m_b of Dense layer l (1 … L+1): bStd in NTK parameterization. */
  biasScale(l: number): number {
    return this.scaling.biases[l - 1].multiplier;
  }

  /**
   * Dense layer l (1 … L+1) on a batch: z^l = m_W·a^{l−1}·W^l + m_b·b^l (wStd/√n_{l−1} and bStd in NTK
   * parameterization), with W^l, b^l taken from `params` in [W¹, b¹, …] order (the model's own by default, or
   * another list such as a tangent Δθ). Differentiable, its gradient on every backend's fast path (dense.ts).
   */
  affine(l: number, a: tf.Tensor2D, params: readonly tf.Tensor[] = this.params): tf.Tensor2D {
    return dense(a, params[2 * l - 2] as tf.Tensor2D, params[2 * l - 1], this.scale(l), this.biasScale(l));
  }

  /** f(x; θ) = z^{L+1} as an [N, outputs] tensor. */
  apply(x: MatrixInput, params: readonly tf.Tensor[] = this.params): tf.Tensor2D {
    if (params.length !== this.params.length)
      fail("apply", "params", `has ${params.length} tensors, the model has ${this.params.length}`);
    return tf.tidy(() => {
      let a: tf.Tensor2D = inputTensor("apply", "x", x, this.inputDim);
      const L = this.widths.length - 1;
      for (let l = 1; l <= L; l++) {
        const z = this.affine(l, a, params);
        a = l < L ? (this.act.tf(z) as tf.Tensor2D) : z;
      }
      return a;
    });
  }

  /** f(x) as numbers, for a scalar-output model. */
  predict(x: MatrixInput): number[] {
    return predictScalar(this, x);
  }

  /** f(x) as [N][outputs] numbers. */
  predictAll(x: MatrixInput): number[][] {
    return predictRows(this, x);
  }

  /** The current parameters as float64 arrays (a snapshot). */
  getParams(): Float64Array[] {
    return this.params.map((p) => new Float64Array(p.dataSync())); // the typed-array constructor converts natively; .from iterates
  }

  /** Overwrites the parameters (same order and sizes as `params`). */
  setParams(values: readonly ArrayLike<number>[]): void {
    if (values.length !== this.params.length) fail("setParams", "values", `has ${values.length} arrays, expected ${this.params.length}`);
    values.forEach((v, i) => {
      if (v.length !== this.params[i].size) fail("setParams", `values[${i}]`, `has length ${v.length}, expected ${this.params[i].size}`);
      tf.tidy(() => this.params[i].assign(tf.tensor(Float32Array.from(v), this.params[i].shape)));
    });
  }

  /** An independent copy with the same current parameters. */
  clone(): MLP {
    return new MLP(this.config, this.getParams());
  }

  /** Frees the parameter tensors. */
  dispose(): void {
    this.params.forEach((p) => p.dispose());
  }

  /** Float64 copies of every layer (read once per call of the float64 paths). */
  layersF64(params: readonly ArrayLike<number>[] = this.getParams()): LayerF64[] {
    const out: LayerF64[] = [];
    for (let l = 1; l < this.widths.length; l++) {
      const nIn = this.widths[l - 1], nOut = this.widths[l];
      const W: Mat = { rows: nIn, cols: nOut, data: new Float64Array(params[2 * l - 2]) };
      out.push({ W, Wt: transpose(W), b: new Float64Array(params[2 * l - 1]), scale: this.scale(l), bScale: this.biasScale(l) });
    }
    return out;
  }
}

/** Checks MLP options and fills in the defaults (for `fn`'s error messages). */
export function mlpConfig(options: MLPOptions, fn: string, moreKeys: readonly string[] = []): MLPConfig {
  if (options === undefined || options === null) fail(fn, "options", "is required");
  checkOptions(fn, options, ["inputDim", "depth", "width", "activation", "wStd", "bStd", "seed", "outputs", "parameterization", ...moreKeys], "options");
  const config: MLPConfig = {
    inputDim: checkNumber(fn, "inputDim", options.inputDim, { integer: true, min: 1 }),
    depth: checkNumber(fn, "depth", options.depth, { integer: true, min: 0 }),
    width: checkNumber(fn, "width", options.width, { integer: true, min: 1 }),
    activation: lookupActivation(options.activation, fn).spec,
    wStd: checkNumber(fn, "wStd", options.wStd ?? 1, { min: 0 }),
    bStd: checkNumber(fn, "bStd", options.bStd ?? 0, { min: 0 }),
    seed: checkNumber(fn, "seed", options.seed ?? 0, { integer: true }),
    outputs: checkNumber(fn, "outputs", options.outputs ?? 1, { integer: true, min: 1 }),
    parameterization: options.parameterization ?? "ntk",
  };
  layerScalings(config.parameterization, config, fn); // checks it, naming `fn`
  return config;
}

/**
 * Builds an MLP, deterministic by `seed`: NTK parameterization unless `parameterization` says "standard" or "mup" (chapter 10).
 *
 * @param options `inputDim` d, `depth` L (hidden layers), `width` n, `activation`; optionally `wStd` σ_w (default 1),
 * `bStd` σ_b (default 0), `seed` (default 0), `outputs` (default 1) and `parameterization`
 * @returns the network f(x; θ), its parameters drawn from N(0, 1) by `seed`
 * @throws {Error} when `options` is missing or holds an unknown name; `inputDim` or `width` is not an integer ≥ 1,
 * `depth` not an integer ≥ 0, `outputs` not an integer ≥ 1 or `seed` not an integer; `wStd` or `bStd` is
 * negative or not finite; `activation` is unknown; or `parameterization` is not "ntk", "standard", "mup" or a
 * valid table (as {@link layerScalings} checks it)
 * @chapter 6 network
 * @example
 * ```ts
 * import { mlp } from "ntk";
 * const net = mlp({ inputDim: 1, depth: 2, width: 512, activation: "erf", wStd: 1.5, seed: 0 });
 * net.predict([[0.5], [-1]]); // f at two inputs
 * ```
 */
export function mlp(options: MLPOptions): MLP {
  return new MLP(mlpConfig(options, "mlp"));
}

/** Float64 forward pass: pre-activations z^1…z^{L+1} and activations a^0…a^L. */
export function forwardF64(model: MLP, x: Mat, layers: LayerF64[] = model.layersF64()): { pre: Mat[]; post: Mat[] } {
  const pre: Mat[] = [];
  const post: Mat[] = [x];
  for (let l = 0; l < layers.length; l++) {
    const { Wt, b, scale, bScale } = layers[l];
    // z^l = m_W·a^{l−1}·W^l + m_b·b^l (wStd/√n_{l−1} and bStd in NTK parameterization)
    const z = matMulABt(post[l], Wt);
    const n = z.cols;
    for (let k = 0; k < z.data.length; k++) z.data[k] = scale * z.data[k] + bScale * b[k % n];
    pre.push(z);
    if (l < layers.length - 1) {
      const a: Mat = { rows: z.rows, cols: n, data: new Float64Array(z.data.length) };
      for (let k = 0; k < a.data.length; k++) a.data[k] = model.act.f(z.data[k]);
      post.push(a);
    }
  }
  return { pre, post };
}
