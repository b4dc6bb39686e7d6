// The workloads `npm run bench` times against numpy (bench/ntk/numpy_ref.py runs the same ones), in
// Node (bench/ntk.bench.ts) and in headless Chromium (bench/browser.bench.ts, the same code bundled).
// Each names its size, its dtype, its floating-point work and the numpy workload it is compared with.
import * as tf from "@tensorflow/tfjs";
import { analyticKernels, empiricalNTK, mlp, mlpEnsemble, randomNormalMatrix, train, trainEnsemble } from "../src/ntk/index.ts";

type Kind = "matmul" | "train_step" | "ensemble_step" | "ntk_f32" | "ntk_f64" | "analytic";

export interface Workload {
  id: string;
  title: string;
  dtype: "float32" | "float64";
  /** the numpy workload (bench/ntk/numpy_ref.py) with the same sizes */
  numpy: { id: string; kind: Kind } & Record<string, number | string>;
  /** floating-point operations of one call (multiply and add counted apart), null when not a matrix workload */
  flops: number | null;
  /** makes the inputs (untimed); returns one call and a clean-up */
  prepare(): { run(): void; dispose(): void };
}

/** 2·N·Σ_l n_{l−1}·n_l: one forward pass of an MLP on N inputs. */
export const forwardFlops = (N: number, widths: number[]): number => 2 * N * widths.slice(1).reduce((s, n, l) => s + widths[l] * n, 0);
export const widthsOf = (d: number, depth: number, width: number): number[] => [d, ...Array<number>(depth).fill(width), 1];

/** Steps of train() per timed call: its last forward pass (the final loss) costs 1/(3·STEPS) of the call. */
const STEPS = 5;

function trainStep(id: string, title: string, N: number, d: number, depth: number, width: number, activation: "relu" | "erf"): Workload {
  return {
    id,
    title,
    dtype: "float32",
    numpy: { id, kind: "train_step", N, d, depth, width, activation },
    flops: 3 * forwardFlops(N, widthsOf(d, depth, width)), // forward, then ∂a and ∂W of each layer
    prepare() {
      const net = mlp({ inputDim: d, depth, width, activation, wStd: 1, bStd: 0.1, seed: 0 });
      const x = randomNormalMatrix(N, d, 1), y = randomNormalMatrix(N, 1, 2);
      return { run: () => train(net, x, y, { learningRate: 1e-3, steps: STEPS }), dispose: () => net.dispose() };
    },
  };
}

/** Θ = Σ_l (wStd²/n·a·a′ + bStd²)·(δ·δ′): forward, backward (hidden layers) and the Gram products. */
function structuredFlops(N: number, widths: number[]): number {
  const L = widths.length - 2;
  const backward = 2 * N * widths.slice(2, L + 1).reduce((s, n, i) => s + widths[i + 1] * n, 0);
  const grams = 2 * N * N * (widths.slice(0, L + 1).reduce((s, n) => s + n, 0) + widths.slice(1, L + 1).reduce((s, n) => s + n, 0));
  return forwardFlops(N, widths) + backward + grams;
}

function structured(id: string, dtype: "float32" | "float64", N: number, d: number, depth: number, width: number): Workload {
  return {
    id,
    title: `empiricalNTK, N = ${N}, ${depth}×${width} ReLU, ${dtype === "float32" ? "tfjs engine (float32)" : "f64 engine (float64)"}`,
    dtype,
    numpy: { id, kind: dtype === "float32" ? "ntk_f32" : "ntk_f64", N, d, depth, width },
    flops: structuredFlops(N, widthsOf(d, depth, width)),
    prepare() {
      const net = mlp({ inputDim: d, depth, width, activation: "relu", wStd: 1, bStd: 0.1, seed: 0 });
      const x = randomNormalMatrix(N, d, 2);
      return { run: () => empiricalNTK(net, x, null, { engine: dtype === "float32" ? "tfjs" : "f64" }), dispose: () => net.dispose() };
    },
  };
}

function analytic(id: string, form: "(x, null)" | "(x, x)", N: number, d: number, depth: number): Workload {
  return {
    id,
    title: `analyticKernels${form}, N = ${N}, depth ${depth}, ReLU (float64)`,
    dtype: "float64",
    numpy: { id: "analytic", kind: "analytic", N, d, depth },
    flops: null,
    prepare() {
      const x = randomNormalMatrix(N, d, 3);
      const opts = { depth, activation: "relu", wStd: 1, bStd: 0.1 } as const;
      return { run: () => analyticKernels(x, form === "(x, x)" ? x : null, opts), dispose: () => undefined };
    },
  };
}

const M = 1024;
const ENSEMBLE = { K: 32, N: 128, d: 16, depth: 2, width: 512 };

/** The workloads, in the order the tables print them. */
export const WORKLOADS: Workload[] = [
  {
    id: "matmul",
    title: `tf.matMul ${M}×${M}·${M}×${M}`,
    dtype: "float32",
    numpy: { id: "matmul", kind: "matmul", n: M },
    flops: 2 * M ** 3,
    prepare() {
      const a = tf.randomNormal([M, M], 0, 1, "float32", 1), b = tf.randomNormal([M, M], 0, 1, "float32", 2);
      return {
        run: () => tf.tidy(() => void tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D).dataSync()),
        dispose: () => tf.dispose([a, b]),
      };
    },
  },
  trainStep("train_large", "train() step, N = 512, d = 16, 3×1024 ReLU", 512, 16, 3, 1024, "relu"),
  trainStep("train_chapter", "train() step, N = 32, d = 1, 2×512 erf (chapter-sized)", 32, 1, 2, 512, "erf"),
  {
    id: "ensemble",
    title: `trainEnsemble() step, K = ${ENSEMBLE.K} networks, N = ${ENSEMBLE.N}, d = ${ENSEMBLE.d}, ${ENSEMBLE.depth}×${ENSEMBLE.width} erf`,
    dtype: "float32",
    numpy: { id: "ensemble", kind: "ensemble_step", ...ENSEMBLE, activation: "erf" },
    flops: ENSEMBLE.K * 3 * forwardFlops(ENSEMBLE.N, widthsOf(ENSEMBLE.d, ENSEMBLE.depth, ENSEMBLE.width)),
    prepare() {
      const { K, N, d, depth, width } = ENSEMBLE;
      const ens = mlpEnsemble({ inputDim: d, depth, width, activation: "erf", wStd: 1, bStd: 0.1, seed: 0, members: K });
      const x = randomNormalMatrix(N, d, 1), y = randomNormalMatrix(N, 1, 2);
      return { run: () => trainEnsemble(ens, x, y, { learningRate: 1e-3, steps: STEPS }), dispose: () => ens.dispose() };
    },
  },
  structured("ntk_f32", "float32", 512, 16, 3, 1024),
  structured("ntk_f64", "float64", 512, 16, 3, 1024),
  analytic("analytic_null", "(x, null)", 1024, 16, 5),
  analytic("analytic_xx", "(x, x)", 1024, 16, 5),
];

/** Calls a timed call stands for: train() and trainEnsemble() run STEPS steps per call. */
export const callsPerRun = (w: Workload): number => (w.numpy.kind === "train_step" || w.numpy.kind === "ensemble_step" ? STEPS : 1);

/** Median ms of `reps` calls of f, after one untimed warm-up call (JIT, XNNPACK operators, wasm memory growth) unless told not to. */
export function medianMs(f: () => void, reps: number, warmUp = true): number {
  if (warmUp) f();
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  return ts[ts.length >> 1];
}

/** Median ms of one call of the workload, per step for the training workloads. */
export function time(w: Workload, reps: number): number {
  const { run, dispose } = w.prepare();
  try {
    return medianMs(run, reps) / callsPerRun(w);
  } finally {
    dispose();
  }
}

export interface Row {
  workload: string;
  where: string;
  ms: number;
  gflops: number | null;
  /** ms ÷ numpy's ms for the same workload and dtype, measured in the same run */
  ratio: number | null;
}

export function row(w: Workload, where: string, ms: number, numpyMs: Record<string, number> | null): Row {
  const ref = numpyMs?.[w.numpy.id];
  return { workload: w.title, where, ms, gflops: w.flops === null ? null : w.flops / ms / 1e6, ratio: ref ? ms / ref : null };
}

export function markdown(rows: Row[]): string {
  const lines = ["| workload | where | ms | GFLOP/s | × numpy |", "| --- | --- | ---: | ---: | ---: |"];
  for (const r of rows)
    lines.push(`| ${r.workload} | ${r.where} | ${r.ms.toFixed(1)} | ${r.gflops === null ? "—" : r.gflops.toFixed(1)} | ${r.ratio === null ? "—" : r.ratio.toFixed(2) + "×"} |`);
  return lines.join("\n");
}
