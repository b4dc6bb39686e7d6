// Ensembles: K networks of one architecture trained together (the finite-width ensembles of chapters 4
// and 7; Lee et al. 2019, §2.3.1). Member k is mlp({…options, seed: seed + k}) exactly. One gradient step
// of Σ_k L_k moves each member by −η·∇L_k (their parameters are disjoint): one tape, one update and one
// read-back per step for all K.
// Each layer runs as K plain 2-D products, not one batched [K, N, n]·[K, n, n] product: tfjs-wasm runs
// every batched product (batch > 1) in its scalar fallback loop (1.5 GFLOP/s against 27 for K plain
// products, K = 32, N = 128, n = 512), and slicing members out of a stacked tensor costs more than the
// products (bench/ntk.bench.ts measures the step; README, Benchmarks).
import * as tf from "@tensorflow/tfjs";
import { checkLearningRate } from "./kernelargs.ts";
import { MLP, type MLPOptions, mlpConfig } from "./mlp.ts";
import { descend, lossOf, type TrainLoss, trainingData } from "./train.ts";
import { checkNumber, fail, type MatrixInput, type TargetInput } from "./validate.ts";

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
  readonly kind = "ensemble";
  /** the K networks, member k made with seed `seed + k` */
  readonly nets: readonly MLP[];
  readonly inputDim: number;
  readonly outputs: number;

  constructor(nets: MLP[]) {
    this.nets = nets;
    this.inputDim = nets[0].inputDim;
    this.outputs = nets[0].outputs;
  }

  /** K */
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

/** K networks mlp({…options, seed: seed + k}), k = 0 … K−1, trained together by trainEnsemble. */
export function mlpEnsemble(options: MLPEnsembleOptions): MLPEnsemble {
  const fn = "mlpEnsemble";
  if (options === undefined || options === null) fail(fn, "options", "is required");
  const members = checkNumber(fn, "members", options.members, { integer: true, min: 1 });
  const config = mlpConfig(options, fn);
  return new MLPEnsemble(Array.from({ length: members }, (_, k) => new MLP({ ...config, seed: config.seed + k })));
}

/** Full-batch gradient descent of every member on the same data, one step of all members per step. */
export function trainEnsemble(ensemble: MLPEnsemble, x: MatrixInput, y: TargetInput, opts: EnsembleTrainOptions): EnsembleTrainResult {
  const fn = "trainEnsemble";
  if (!(ensemble instanceof MLPEnsemble)) fail(fn, "ensemble", "must be made by mlpEnsemble(...)");
  const eta = checkLearningRate(fn, opts.learningRate);
  const steps = checkNumber(fn, "steps", opts.steps, { integer: true, min: 0 });
  const kind = opts.loss ?? "mse";
  const { xt, yt, owned } = trainingData(fn, ensemble, x, y, kind);
  // L_k of every member, [K]
  const losses = (): tf.Tensor => tf.stack(ensemble.nets.map((net) => lossOf(kind, net.apply(xt), yt)));
  try {
    const history = descend(fn, ensemble.params, losses, eta, steps, opts.onStep);
    const finalLoss = tf.tidy(() => Array.from(losses().dataSync()));
    return { losses: history, finalLoss };
  } finally {
    yt.dispose();
    if (owned) xt.dispose();
  }
}
