// Benchmarks of the ntk library (issue 4). Run: node bench/ntk.bench.ts (Node ≥ 22.6 strips the types).
// Prints tables of medians and ratios measured in the same run, per tfjs backend.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { analyticKernels, empiricalNTK, jacobianNTK, mlp, randomNormalMatrix } from "../src/ntk/index.ts";

const quick = process.argv.includes("--quick");
const REPS = quick ? 1 : 3;

function medianMs(f: () => void, reps = REPS, warmUp = true): number {
  if (warmUp) f(); // warm-up (JIT, kernel compilation, wasm memory growth)
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  return ts[ts.length >> 1];
}

interface Row {
  case: string;
  backend: string;
  ms: number;
  vs: string;
}

function table(title: string, rows: Row[], baseline: (r: Row) => number | null): void {
  console.log(`\n## ${title}\n`);
  console.log("| case | backend / engine | median ms | ratio | vs |");
  console.log("| --- | --- | ---: | ---: | --- |");
  for (const r of rows) {
    const b = baseline(r);
    console.log(`| ${r.case} | ${r.backend} | ${r.ms.toFixed(1)} | ${b === null ? "" : (r.ms / b).toFixed(2) + "×"} | ${r.vs} |`);
  }
}

async function use(backend: "cpu" | "wasm"): Promise<void> {
  await tf.setBackend(backend);
  await tf.ready();
}

console.log(`# ntk bench — Node ${process.version}, ${(await import("node:os")).cpus().length} cores${quick ? " (quick)" : ""}`);

// 1. structured vs Jacobian: depth 3, width 512, relu, 128 inputs of dimension 16
{
  const x = randomNormalMatrix(128, 16, 1);
  const rows: Row[] = [];
  for (const backend of ["wasm", "cpu"] as const) {
    await use(backend);
    const m = mlp({ inputDim: 16, depth: 3, width: 512, activation: "relu", wStd: Math.SQRT2, bStd: 0.1, seed: 0 });
    // tfjs-cpu is ~40 s here: one cold run
    const jac = medianMs(() => jacobianNTK((p, xx) => m.apply(xx, p), m.params, x), backend === "cpu" ? 1 : REPS, backend !== "cpu");
    rows.push({ case: "Jacobian contraction", backend: `tfjs-${backend}`, ms: jac, vs: "" });
    for (const engine of ["tfjs", "f64"] as const) {
      const ms = medianMs(() => empiricalNTK(m, x, null, { engine }));
      rows.push({ case: "structured", backend: engine === "f64" ? `float64 JS (on ${backend})` : `tfjs-${backend}`, ms, vs: `speed-up ${(jac / ms).toFixed(0)}× over Jacobian on ${backend}` });
    }
    m.dispose();
  }
  table("Empirical NTK, depth 3, width 512, ReLU, 128×16 inputs: structured vs Jacobian (target ≥ 20×)", rows, () => null);
}

// 2. structured at width 1024 on 512 inputs vs numpy; 3. analyticKernels 1024², depth 5 vs numpy
const S = { N: 512, d: 16, width: 1024, depth: 3 };
const A = { N: 1024, d: 16, depth: 5 };
const py = spawnSync("python3", [fileURLToPath(new URL("./ntk/numpy_ref.py", import.meta.url)), JSON.stringify({ structured: S, analytic: A, reps: REPS })], { encoding: "utf8" });
const np: Record<string, number | string> | null = py.status === 0 ? JSON.parse(py.stdout.trim().split("\n").pop() ?? "null") : null;
if (!np) console.log(`\n(numpy comparison skipped: python3 with numpy not available${py.stderr ? ": " + py.stderr.split("\n").slice(-2).join(" ") : ""})`);
else console.log(`\nnumpy ${np.numpy} (${np.python}), BLAS: ${np.blas}`);
{
  const x = randomNormalMatrix(S.N, S.d, 2);
  const rows: Row[] = [];
  for (const backend of ["wasm", "cpu"] as const) {
    await use(backend);
    const m = mlp({ inputDim: S.d, depth: S.depth, width: S.width, activation: "relu", wStd: 1, bStd: 0.1, seed: 0 });
    const slow = backend === "cpu"; // tfjs-cpu takes ~17 s: one cold run
    rows.push({ case: "structured", backend: `tfjs-${backend} (float32)`, ms: medianMs(() => empiricalNTK(m, x, null, { engine: "tfjs" }), slow ? 1 : REPS, !slow), vs: "numpy float32" });
    if (backend === "wasm") rows.push({ case: "structured", backend: "float64 JS loops", ms: medianMs(() => empiricalNTK(m, x, null, { engine: "f64" })), vs: "numpy float64" });
    m.dispose();
  }
  if (np) {
    rows.push({ case: "structured (numpy)", backend: "numpy float32", ms: Number(np.structured_f32_ms), vs: "" });
    rows.push({ case: "structured (numpy)", backend: "numpy float64", ms: Number(np.structured_f64_ms), vs: "" });
  }
  const ref = (r: Row): number | null => (!np || r.vs === "" ? null : r.vs === "numpy float32" ? Number(np.structured_f32_ms) : Number(np.structured_f64_ms));
  table(`Empirical NTK (structured), depth ${S.depth}, width ${S.width}, ${S.N}×${S.d} inputs vs numpy (aim ≤ 10×)`, rows, ref);
}
{
  const x = randomNormalMatrix(A.N, A.d, 3);
  const opts = { depth: A.depth, activation: "relu" as const, wStd: 1, bStd: 0.1 };
  const rows: Row[] = [
    { case: "analyticKernels(x, null)", backend: "float64 JS", ms: medianMs(() => analyticKernels(x, null, opts)), vs: "numpy" },
    { case: "analyticKernels(x, x)", backend: "float64 JS", ms: medianMs(() => analyticKernels(x, x, opts)), vs: "numpy" },
  ];
  if (np) rows.push({ case: "vectorized numpy", backend: "numpy float64", ms: Number(np.analytic_ms), vs: "" });
  table(`analyticKernels ${A.N}×${A.N}, depth ${A.depth}, ReLU vs numpy (aim ≤ 3×)`, rows, (r) => (np && r.vs ? Number(np.analytic_ms) : null));
}
