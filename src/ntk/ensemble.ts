// Ensembles: K networks of one architecture trained together (the finite-width ensembles of chapters 4
// and 7; Lee et al. 2019, §2.3.1). Member k is mlp({…options, seed: seed + k}) exactly. One gradient step
// of Σ_k L_k moves each member by −η·∇L_k (their parameters are disjoint): one tape, one update and one
// read-back per step for all K.
// Two layouts of the same program (docs/performance.md, "Ensembles: two layouts"):
// - "stacked": the members' parameters stacked along a leading axis, one batched product per layer for
//   all K (dense.ts, batchMatMul: on wasm and cpu the library's own float32 WebAssembly kernels). It runs
//   K times fewer operations, and tfjs's fixed cost per operation (tens of µs) is what small members pay.
// - "members": each layer runs as K plain 2-D products, one per member, on tfjs's own products.
// "auto" (the default) stacks: with the kernels, stacked is faster at every size `npm run bench` times, from
// chapter 7's 128 networks of width 128 (8× faster) to 4 of 2×1024 on 64 points, and within 5% for two of
// 3×1024 on 256 points, where a member's products are large enough for tfjs's own.
import * as tf from "@tensorflow/tfjs";
import { denseStacked } from "./dense.ts";
import { checkLearningRate } from "./predictors.ts";
import { MLP, type MLPOptions, mlpConfig } from "./mlp.ts";
import { checkOutputScale, descend, learningRates, lossOf, type TrainLoss, trainableParams, trainingData } from "./train.ts";
import { checkOptions, checkNumber, fail, type MatrixInput, type TargetInput } from "./validate.ts";

export type EnsembleLayout = "auto" | "stacked" | "members";
const LAYOUTS: readonly EnsembleLayout[] = ["auto", "stacked", "members"];

export interface MLPEnsembleOptions extends MLPOptions {
  /** number of networks K; member k has seed `seed + k` */
  members: number;
}

export interface EnsembleTrainOptions {
  learningRate: number;
  steps: number;
  loss?: TrainLoss;
  /** called after every step with each member's loss before that step; return false to stop early */
  onStep?: (step: number, losses: number[]) => void | boolean;
  /** one batched program for all K ("stacked"), K programs ("members"), or the library's choice ("auto", the default: stacked) */
  layout?: EnsembleLayout;
  /**
   * α > 0 for every member, or one α_k per member: member k trains f_α = α_k·(f_k(θ) − f_k(θ₀)) on L(f_α)/α_k²
   * (train's `outputScale`, Chizat, Oyallon & Bach 2019). The losses reported are L(f_α).
   */
  outputScale?: number | readonly number[];
  /** the Dense layers that train in every member, 1 … L+1 (as train's `layers`); absent: every layer */
  layers?: readonly number[];
}

export interface EnsembleTrainResult {
  /** losses[t][k]: member k's loss before step t */
  losses: number[][];
  /** each member's loss after the last step */
  finalLoss: number[];
}

/**
 * K independently initialised MLPs of one architecture (member k has seed `seed + k`), trained side by side:
 * the finite-width ensemble whose mean and variance chapter 7 compares with the NTK predictive distribution.
 * Made by {@link mlpEnsemble}.
 */
export class MLPEnsemble {
  /** tells an ensemble from a single model */
  readonly kind = "ensemble";
  /** the K networks, member k made with seed `seed + k` */
  readonly nets: readonly MLP[];
  /** input dimension d, shared by every member */
  readonly inputDim: number;
  /** number of outputs k, shared by every member */
  readonly outputs: number;

  /** Use {@link mlpEnsemble}, which checks the options and seeds the members. */
  constructor(nets: MLP[]) {
    this.nets = nets;
    this.inputDim = nets[0].inputDim;
    this.outputs = nets[0].outputs;
  }

  /** Number of members K. */
  get members(): number {
    return this.nets.length;
  }

  /** Every member's parameters, member after member. */
  get params(): tf.Variable[] {
    return this.nets.flatMap((net) => net.params);
  }

  /** Every member's f(x) at once, [K, N, outputs] (the caller disposes it). */
  apply(x: MatrixInput): tf.Tensor3D {
    return tf.tidy(() => tf.stack(this.nets.map((net) => net.apply(x))) as tf.Tensor3D);
  }

  /** f(x) of every member, [K][N], for scalar-output networks. */
  predict(x: MatrixInput): number[][] {
    if (this.outputs !== 1) fail("predict", "ensemble", `has ${this.outputs} outputs; use predictAll`);
    return this.predictAll(x).map((rows) => rows.map((r) => r[0]));
  }

  /** f(x) of every member, [K][N][outputs]. */
  predictAll(x: MatrixInput): number[][][] {
    const f = this.apply(x);
    const v = f.arraySync();
    f.dispose();
    return v;
  }

  /** Frees every member's parameters. */
  dispose(): void {
    this.nets.forEach((net) => net.dispose());
  }
}

/**
 * K networks mlp({…options, seed: seed + k}), k = 0 … K−1, trained together by trainEnsemble.
 *
 * @param options `members` K (an integer ≥ 1) and every option of {@link mlp}
 * @returns the ensemble: member k is exactly `mlp({...options, seed: seed + k})`
 * @throws {Error} when `options` is missing, `members` is not an integer ≥ 1, or the `mlp` options are not
 * valid (as {@link mlp} checks them)
 * @chapter 4 mean
 * @example
 * ```ts
 * import { mlpEnsemble } from "ntk";
 * const ensemble = mlpEnsemble({ members: 8, inputDim: 1, depth: 1, width: 128, activation: "erf", seed: 0 });
 * ensemble.predict([[0.5]]); // [8][1]: each member's output
 * ```
 */
export function mlpEnsemble(options: MLPEnsembleOptions): MLPEnsemble {
  const fn = "mlpEnsemble";
  if (options === undefined || options === null) fail(fn, "options", "is required");
  const members = checkNumber(fn, "members", options.members, { integer: true, min: 1 });
  const config = mlpConfig(options, fn, ["members"]);
  return new MLPEnsemble(Array.from({ length: members }, (_, k) => new MLP({ ...config, seed: config.seed + k })));
}

/** One α per member from a number (shared) or an array of K, each checked positive. */
function outputScales(fn: string, outputScale: number | readonly number[], K: number): number[] {
  if (typeof outputScale === "number") return Array.from({ length: K }, () => checkOutputScale(fn, "outputScale", outputScale));
  if (!Array.isArray(outputScale) || outputScale.length !== K) fail(fn, "outputScale", `must be a number or an array of ${K} numbers (one per member), got ${Array.isArray(outputScale) ? `${outputScale.length} numbers` : String(outputScale)}`);
  return outputScale.map((a, k) => checkOutputScale(fn, `outputScale[${k}]`, a));
}

/** f of all K members at once from stacked parameters [W¹ [K, d, n_1], b¹ [K, n_1], …]: [K, N, outputs] (MLP.apply, batched). */
function applyStacked(model: MLP, x: tf.Tensor3D, P: readonly tf.Tensor[]): tf.Tensor3D {
  const L = model.widths.length - 1;
  let a = x;
  for (let l = 1; l <= L; l++) {
    const z = denseStacked(a, P[2 * l - 2] as tf.Tensor3D, P[2 * l - 1] as tf.Tensor2D, model.scale(l), model.biasScale(l));
    a = l < L ? (model.act.tf(z) as tf.Tensor3D) : z;
  }
  return a;
}

/**
 * Full-batch gradient descent of every member on the same data, one step of all members per step (each parameter
 * with the learning rate η·r of the members' parameterization); with `outputScale` each member trains f_α on L(f_α)/α².
 *
 * @param ensemble made by `mlpEnsemble`
 * @param x the training inputs, N×d
 * @param y the targets: N numbers, or N rows of one value per output
 * @param opts `learningRate` η, `steps`; optionally `loss` ("mse" or "crossEntropy"), `layout`, `outputScale` (α,
 * or one per member), `layers` (the Dense layers that train, 1 … L+1; the others stay frozen) and `onStep`
 * @returns every member's loss before each step (`losses[t][k]`) and after the last (`finalLoss`)
 * @throws {Error} when `ensemble` is not made by `mlpEnsemble`; `opts` is missing or holds an unknown name, its
 * `learningRate` is not positive, `steps` not an integer ≥ 0, `layout` not "auto", "stacked" or "members",
 * `loss` not "mse" or "crossEntropy", `outputScale` not a positive number or one per member, or `layers` not distinct
 * layer numbers from 1 to L+1; `x` is not a finite
 * matrix with `inputDim` columns; `y` does not have one row of `outputs` values per input; or a member's loss
 * becomes NaN or infinite (lower `learningRate`)
 * @chapter 4 mean
 * @example
 * ```ts
 * import { linspace, mlpEnsemble, trainEnsemble } from "ntk";
 * const x = linspace(-2, 2, 8).map((v) => [v]), y = x.map(([v]) => Math.sin(v));
 * const ensemble = mlpEnsemble({ members: 4, inputDim: 1, depth: 1, width: 64, activation: "erf", seed: 0 });
 * const { finalLoss } = trainEnsemble(ensemble, x, y, { learningRate: 0.5, steps: 100 }); // one loss per member
 * ```
 */
export function trainEnsemble(ensemble: MLPEnsemble, x: MatrixInput, y: TargetInput, opts: EnsembleTrainOptions): EnsembleTrainResult {
  const fn = "trainEnsemble";
  if (!(ensemble instanceof MLPEnsemble)) fail(fn, "ensemble", "must be made by mlpEnsemble(...)");
  if (opts === undefined || opts === null) fail(fn, "opts", "is required");
  checkOptions(fn, opts, ["learningRate", "steps", "layout", "loss", "onStep", "outputScale", "layers"]);
  const eta = checkLearningRate(fn, opts.learningRate);
  const steps = checkNumber(fn, "steps", opts.steps, { integer: true, min: 0 });
  const layout = opts.layout ?? "auto";
  if (!LAYOUTS.includes(layout)) fail(fn, "layout", `must be one of ${LAYOUTS.map((l) => `"${l}"`).join(", ")}, got ${String(layout)}`);
  const kind = opts.loss ?? "mse";
  const K = ensemble.members;
  const alphas = opts.outputScale === undefined ? null : outputScales(fn, opts.outputScale, K);
  const trained = trainableParams(fn, ensemble.nets[0], opts.layers); // indices into one member's params
  const { xt, yt, owned } = trainingData(fn, ensemble, x, y, kind);
  const stacked = layout !== "members";
  // stacked: every parameter as one variable [K, …] and x repeated for each member, [K, N, d]
  const P = stacked ? ensemble.nets[0].params.map((_, i) => tf.tidy(() => tf.variable(tf.stack(ensemble.nets.map((net) => net.params[i]))))) : [];
  const xs = stacked ? tf.tidy(() => tf.tile(tf.expandDims(xt, 0), [K, 1, 1]) as tf.Tensor3D) : null;
  // every member's f(x) [K, N, outputs]; with output scales, f_α = α_k·(f_k − f_k(θ₀)) from f(θ₀) kept here
  const raw = (): tf.Tensor3D => (xs ? applyStacked(ensemble.nets[0], xs, P) : (tf.stack(ensemble.nets.map((net) => net.apply(xt))) as tf.Tensor3D));
  const f0 = alphas ? tf.tidy(raw) : null;
  const alphaT = alphas ? tf.tensor3d(Float32Array.from(alphas), [K, 1, 1]) : null;
  const outputs = (): tf.Tensor3D => (f0 ? (tf.mul(tf.sub(raw(), f0), alphaT!) as tf.Tensor3D) : raw());
  // L_k of every member, [K]
  const losses = (): tf.Tensor => lossOf(kind, outputs(), yt);
  try {
    // one learning rate per parameter tensor: a member's η·r_i, for the stacked variables or for every member's own
    const memberEtas = learningRates(ensemble.nets[0], eta), trainedEtas = trained.map((i) => memberEtas[i]);
    const params = stacked ? trained.map((i) => P[i]) : ensemble.nets.flatMap((net) => trained.map((i) => net.params[i]));
    const etas = stacked ? trainedEtas : ensemble.nets.flatMap(() => trainedEtas);
    const weights = alphas ? alphas.map((a) => 1 / (a * a)) : undefined; // the objectives L(f_α)/α_k²
    const history = descend(fn, params, losses, etas, steps, opts.onStep, weights);
    const finalLoss = tf.tidy(() => Array.from(losses().dataSync()));
    if (stacked) {
      // back into the members: member k's slice of each stacked parameter
      const values = P.map((p) => p.dataSync());
      ensemble.nets.forEach((net, k) => net.setParams(values.map((v) => v.subarray((k * v.length) / K, ((k + 1) * v.length) / K))));
    }
    return { losses: history, finalLoss };
  } finally {
    tf.dispose([...P, ...(xs ? [xs] : []), ...(f0 ? [f0] : []), ...(alphaT ? [alphaT] : [])]);
    yt.dispose();
    if (owned) xt.dispose();
  }
}
