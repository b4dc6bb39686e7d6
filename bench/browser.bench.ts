// The workloads of bench/workloads.ts in headless Chromium against numpy, measured in this same run with
// the same dtype: ms, GFLOP/s and the ratio to numpy, in the format of bench/ntk.bench.ts's Node table.
// Run: node bench/browser.bench.ts [--quick] (part of `npm run bench`; Node ≥ 22.6 strips the types).
//
// esbuild bundles bench/browser.worker.ts (the workloads, the library, tfjs and tfjs-wasm) into a
// temporary folder with tfjs-wasm's binaries and an empty page. The page is served twice: plainly, where
// tfjs-wasm runs one thread, and cross-origin isolated (COOP/COEP headers, as public/coi-sw.js adds them
// on Pages), where the worker starts a pool of one thread per core as the site's kernel does
// (src/notebook/kernel/backend.ts). The float64 workloads are the library's own single-threaded code (its
// products on its WebAssembly SIMD kernel, src/ntk/gemm.ts), which no pool speeds up: they run once, in
// the plain page. Repetitions: 3 (BENCH_RUNS to change; --quick: 1), after a warm-up call.
import { build, type Plugin } from "esbuild";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { serveSite } from "../scripts/static-server.mjs";
import { CHROMIUM_ARGS, chromiumExecutable } from "../tests/e2e/browser.ts";
import type { BenchMessage, BenchRequest } from "./browser.worker.ts";
import { numpyTimes } from "./numpy.ts";
import { markdown, row, WORKLOADS, type Row } from "./workloads.ts";

const quick = process.argv.includes("--quick");
const REPS = quick ? 1 : Number(process.env.BENCH_RUNS ?? 3);
/** A page that has not finished by then has hung: the bench fails, naming the workload it was on. */
const PAGE_TIMEOUT_MS = Number(process.env.BENCH_PAGE_TIMEOUT_S ?? 120 + 60 * (REPS + 1)) * 1000;
const ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

const here = dirname(fileURLToPath(import.meta.url));
const wasmDist = join(here, "..", "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist");

/** Vite's `?raw` (a module's source as a string; backend.ts loads tfjs-wasm's threaded glue so). */
const raw: Plugin = {
  name: "raw",
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, async (args) => {
      const resolved = await b.resolve(args.path.slice(0, -"?raw".length), { kind: args.kind, resolveDir: args.resolveDir });
      return { path: resolved.path, namespace: "raw", errors: resolved.errors };
    });
    b.onLoad({ filter: /.*/, namespace: "raw" }, (args) => ({ contents: readFileSync(args.path, "utf8"), loader: "text" }));
  },
};

/** The page's folder: index.html, worker.js, wasm/*.wasm. */
async function bundle(dir: string): Promise<void> {
  await build({
    entryPoints: [join(here, "browser.worker.ts")],
    outfile: join(dir, "worker.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "error",
    plugins: [raw],
  });
  mkdirSync(join(dir, "wasm"));
  for (const file of ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"])
    copyFileSync(join(wasmDist, file), join(dir, "wasm", file));
  writeFileSync(join(dir, "index.html"), '<!doctype html><meta charset="utf-8"><title>ntk browser bench</title>\n');
}

function deferred(): { promise: Promise<void>; resolve(): void; reject(error: Error): void } {
  let resolve = (): void => undefined, reject = (_: Error): void => undefined;
  const promise = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

type Backend = Extract<BenchMessage, { type: "backend" }>;

/** Opens the page at `url`, has its worker time the workloads `ids`, and returns their ms. */
async function measure(browser: Browser, url: string, ids: string[], name: string): Promise<{ backend: Backend; ms: Record<string, number> }> {
  const page = await browser.newPage();
  const ms: Record<string, number> = {};
  const got: { backend?: Backend } = {};
  let doing = "starting tfjs-wasm";
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const finished = deferred();
    timer = setTimeout(() => finished.reject(new Error(`${name}: no answer in ${PAGE_TIMEOUT_MS / 1000} s, while ${doing}`)), PAGE_TIMEOUT_MS);
    page.on("pageerror", (error) => finished.reject(new Error(`${name}: ${error.message}`)));
    await page.exposeFunction("report", (m: BenchMessage) => {
      if (m.type === "backend") got.backend = m;
      else if (m.type === "start") doing = `timing ${m.id}`;
      else if (m.type === "result") ms[m.id] = m.ms;
      else if (m.type === "done") finished.resolve();
      else finished.reject(new Error(`${name}: ${doing}: ${m.message}`));
    });
    await page.goto(url);
    const request: BenchRequest = { reps: REPS, ids, wasmPath: new URL("wasm/", url).href };
    await page.evaluate((request) => {
      const report = (window as unknown as { report(m: unknown): void }).report;
      const worker = new Worker("worker.js", { type: "module" });
      worker.onmessage = (e) => report(e.data);
      worker.onerror = (e) => report({ type: "error", message: `worker: ${e.message}` });
      worker.postMessage(request);
    }, request);
    await finished.promise;
  } finally {
    clearTimeout(timer);
    await page.close();
  }
  if (!got.backend) throw new Error(`${name}: the worker never said which backend it started`);
  return { backend: got.backend, ms };
}

const describe = (b: Backend): string =>
  `cross-origin isolated: ${b.isolated}, navigator.hardwareConcurrency ${b.cores}, WASM_HAS_MULTITHREAD_SUPPORT ${b.multithread}, tfjs-wasm threads ${b.threads} (backend: wasm, ${b.note}), batched products read tfjs's heap in place: ${b.inPlace}`;
const threadsLabel = (b: Backend): string => `Chromium, tfjs-wasm (${b.threads} thread${b.threads === 1 ? "" : "s"})`;

const dir = mkdtempSync(join(tmpdir(), "ntk-browser-bench-"));
const servers: { close(): Promise<void> }[] = [];
let browser: Browser | null = null;
let failed = false;
try {
  await bundle(dir);
  const plain = await serveSite(dir, "/", 0);
  const isolated = await serveSite(dir, "/", 0, ISOLATION);
  servers.push(plain, isolated);

  const np = numpyTimes(WORKLOADS, REPS);
  browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  console.log(`# ntk browser bench — headless Chromium ${browser.version()}${quick ? " (quick)" : ""}, ${REPS} timed call${REPS === 1 ? "" : "s"} per workload`);

  const all = WORKLOADS.map((w) => w.id);
  const f32 = WORKLOADS.filter((w) => w.dtype === "float32").map((w) => w.id);
  const one = await measure(browser, plain.url, all, "plain page");
  const many = await measure(browser, isolated.url, f32, "isolated page");

  console.log(`\n## Workloads against numpy (same run, same dtype), headless Chromium, tfjs-wasm (SIMD) in a worker\n`);
  console.log(np.ok ? np.about : `(numpy comparison skipped: ${np.why})`);
  console.log(`plain page: ${describe(one.backend)}`);
  console.log(`isolated page: ${describe(many.backend)}`);
  if (!many.backend.isolated || !many.backend.multithread) {
    failed = true;
    console.log("ISOLATION FAILED: the page served with COOP/COEP is not cross-origin isolated or has no wasm threads; its rows are labelled with the threads it really ran.");
  } else if (many.backend.threads === 1) console.log("(the isolated page ran 1 thread: this browser reports 1 core)");
  console.log("float64 workloads: the library's own float64 code (matrix products on its WebAssembly SIMD kernel, or JavaScript), timed once (plain page): no thread pool runs them.");

  const rows: Row[] = [];
  const numpyMs = np.ok ? np.ms : null;
  for (const w of WORKLOADS) {
    if (w.dtype === "float64") rows.push(row(w, `Chromium, float64 (${one.backend.float64})`, one.ms[w.id], numpyMs));
    else {
      rows.push(row(w, threadsLabel(one.backend), one.ms[w.id], numpyMs));
      rows.push(row(w, threadsLabel(many.backend), many.ms[w.id], numpyMs));
    }
  }
  console.log(`\n${markdown(rows)}`);
} catch (error) {
  failed = true;
  console.error(`bench/browser: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
