// Benchmarks of the ntk library. Run: node bench/ntk.bench.ts [--quick] (Node ≥ 22.6 strips the types).
// 1. the structured empirical NTK against the Jacobian route (the ≥ 20× budget);
// 2. every workload of bench/workloads.ts on tfjs-wasm in Node against numpy, measured in this same run
//    with the same dtype (bench/ntk/numpy_ref.py), as ms, GFLOP/s and the ratio to numpy.
// 3. trainEnsemble's two layouts on tfjs-wasm, from the chapters' ensembles to large members ("auto" stacks).
// bench/browser.bench.ts times the same workloads in headless Chromium.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { cpus } from "node:os";
import { empiricalNTK, jacobianNTK, linspace, mlp, mlpEnsemble, randomNormalMatrix, trainEnsemble } from "../src/ntk/index.ts";
import { float64Kernel } from "../src/ntk/gemm.ts";
import { numpyTimes } from "./numpy.ts";
import { forwardFlops, markdown, medianMs as median, row, time, widthsOf, WORKLOADS } from "./workloads.ts";

const medianMs = (f: () => void, reps = REPS, warmUp = true): number => median(f, reps, warmUp);

const quick = process.argv.includes("--quick");
const REPS = quick ? 1 : 3;

async function use(backend: "cpu" | "wasm"): Promise<void> {
  await tf.setBackend(backend);
  await tf.ready();
}

console.log(`# ntk bench — Node ${process.version}, ${cpus().length} cores${quick ? " (quick)" : ""}`);

// 1. structured vs Jacobian: depth 3, width 512, relu, 128 inputs of dimension 16
{
  const x = randomNormalMatrix(128, 16, 1);
  console.log("\n## Empirical NTK, depth 3, width 512, ReLU, 128×16 inputs: structured vs Jacobian (target ≥ 20×)\n");
  console.log("| case | backend / engine | median ms | speed-up over Jacobian |\n| --- | --- | ---: | ---: |");
  for (const backend of ["wasm", "cpu"] as const) {
    await use(backend);
    const m = mlp({ inputDim: 16, depth: 3, width: 512, activation: "relu", wStd: Math.SQRT2, bStd: 0.1, seed: 0 });
    // tfjs-cpu takes ~40 s here: one cold run
    const jac = medianMs(() => jacobianNTK((p, xx) => m.apply(xx, p), m.params, x), backend === "cpu" ? 1 : REPS, backend !== "cpu");
    console.log(`| Jacobian contraction | tfjs-${backend} | ${jac.toFixed(1)} | |`);
    for (const engine of ["tfjs", "f64"] as const) {
      const ms = medianMs(() => empiricalNTK(m, x, null, { engine }));
      console.log(`| structured | ${engine === "f64" ? `float64, ${float64Kernel()} (on ${backend})` : `tfjs-${backend}`} | ${ms.toFixed(1)} | ${(jac / ms).toFixed(0)}× |`);
    }
    m.dispose();
  }
}

// 2. the workloads against numpy, same run, same dtype
await use("wasm");
const np = numpyTimes(WORKLOADS, REPS);
console.log(`\n## Workloads against numpy (same run, same dtype), Node ${process.version}, tfjs-wasm (${tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT") ? "threads" : "one thread"}, SIMD)\n`);
console.log(np.ok ? np.about : `(numpy comparison skipped: ${np.why})`);
const rows = WORKLOADS.map((w) => row(w, w.dtype === "float64" ? `Node, float64 (${float64Kernel()})` : "Node, tfjs-wasm", time(w, REPS), np.ok ? np.ms : null));
console.log(`\n${markdown(rows)}`);

// 3. ensemble layouts: one batched program for all K ("stacked", its products on the library's float32 kernels)
// against K plain products per layer ("members", tfjs's own), on the chapters' shapes (one input, a few points)
// and on larger members.
{
  console.log(`\n## trainEnsemble layouts on tfjs-wasm, ms per step ("auto" stacks)\n`);
  console.log("| K | N | hidden layers | MFLOP per member step | stacked ms | members ms | members ÷ stacked |\n| ---: | ---: | --- | ---: | ---: | ---: | ---: |");
  const cases = [
    { K: 4, N: 8, depth: 1, width: 2048 }, // chapter 4
    { K: 12, N: 20, depth: 1, width: 4096 }, // chapter 9
    { K: 128, N: 5, depth: 2, width: 128 }, // chapter 7
    { K: 32, N: 5, depth: 2, width: 256 },
    { K: 12, N: 20, depth: 2, width: 256 },
    { K: 12, N: 20, depth: 2, width: 1024 },
    { K: 4, N: 64, depth: 2, width: 1024 },
    { K: 2, N: 256, depth: 3, width: 1024 },
  ];
  for (const { K, N, depth, width } of cases) {
    const x = linspace(-2, 2, N).map((v) => [v]), y = x.map(([v]) => Math.sin(v));
    const ms = (["stacked", "members"] as const).map((layout) => {
      const ens = mlpEnsemble({ inputDim: 1, depth, width, activation: "erf", wStd: 1.5, bStd: 0.1, members: K });
      const t = medianMs(() => trainEnsemble(ens, x, y, { learningRate: 0.05, steps: 5, layout })) / 5;
      ens.dispose();
      return t;
    });
    const flops = 3 * forwardFlops(N, widthsOf(1, depth, width));
    console.log(`| ${K} | ${N} | ${depth}×${width} erf | ${(flops / 1e6).toFixed(2)} | ${ms[0].toFixed(1)} | ${ms[1].toFixed(1)} | ${(ms[1] / ms[0]).toFixed(2)} |`);
  }
}
