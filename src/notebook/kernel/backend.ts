// Picks the tfjs backend: the one asked for, else webgl → wasm → cpu, keeping the first that
// initialises AND differentiates correctly (the wasm backend has documented gradient gaps).
// Unless asked for, WebGL on a software rasterizer (SwiftShader, llvmpipe: machines without a GPU)
// is skipped: it works, but runs the chapters several times slower than wasm. On wasm the thread pool
// takes every core the browser reports when the page is cross-origin isolated (public/coi-sw.js).
import type { BackendName } from "../protocol.ts";

import type { Tensor, Tensor2D } from "@tensorflow/tfjs";

type Tf = typeof import("@tensorflow/tfjs");

export interface BackendChoice {
  name: BackendName;
  /** Why other backends were skipped, for the page ("webgl: no WebGL; using wasm"). */
  note: string;
}

export async function chooseBackend(tf: Tf, order: readonly BackendName[], wasmPath: string): Promise<BackendChoice> {
  const skipped: string[] = [];
  for (const name of order) {
    const software = name === "webgl" && order.length > 1 ? softwareWebGL() : null;
    const problem = software ?? (await tryBackend(tf, name, wasmPath));
    if (problem === null) return { name, note: [...skipped, ...(name === "wasm" ? [await wasmThreadsNote()] : [])].join("; ") };
    skipped.push(`${name}: ${problem}`);
  }
  throw new Error(`no tfjs backend works here (${skipped.join("; ")})`);
}

/** null when the backend works, else what went wrong. */
async function tryBackend(tf: Tf, name: BackendName, wasmPath: string): Promise<string | null> {
  try {
    if (name === "wasm") {
      const wasm = await import("@tensorflow/tfjs-backend-wasm");
      wasm.setWasmPaths(wasmPath);
      const cores = threadsWanted();
      if (cores > 1) {
        await selfContainedThreadedGlue();
        wasm.setThreadsCount(cores);
        return await withReportedCores(2 * cores, async () => ((await tf.setBackend(name)) ? (await tf.ready(), gradientProblem(tf)) : "did not initialise"));
      }
    }
    if (!(await tf.setBackend(name))) return "did not initialise";
    await tf.ready();
    return gradientProblem(tf);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Threads for tfjs-wasm's pool: every core the browser reports (the kernel's worker is the page's only
 * compute thread), or 1 where threads cannot run (no cross-origin isolation, so no SharedArrayBuffer;
 * Node, where tfjs-wasm has no threaded build).
 */
function threadsWanted(): number {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const cores = typeof navigator === "undefined" ? 1 : (navigator.hardwareConcurrency ?? 1);
  return isolated && typeof SharedArrayBuffer !== "undefined" ? Math.max(1, Math.min(cores, 8)) : 1;
}

/**
 * tfjs-wasm 4.22 caps its pool at navigator.hardwareConcurrency / 2 whatever setThreadsCount asks
 * (its C++ reads the core count once, when the module starts, assuming two hyper-threads per core; 8
 * at most): so report `cores` while the backend starts, then let the real value show through again.
 */
async function withReportedCores<T>(cores: number, start: () => Promise<T>): Promise<T> {
  Object.defineProperty(navigator, "hardwareConcurrency", { value: cores, configurable: true });
  try {
    return await start();
  } finally {
    delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency; // the prototype's getter again
  }
}

/**
 * tfjs-wasm starts each of its pthread workers from `"var WasmBackendModuleThreadedSimd = " +
 * factory.toString()`, the source of the Emscripten glue's inner function. Minified by the site's bundler,
 * that source reads the glue's outer `_scriptDir` under a short name it never declares (`e!==void 0&&e`),
 * and every worker dies with "e is not defined". So the factory's toString gives the glue's original,
 * self-contained source (bundled as text, loaded only here, when threads can run).
 */
async function selfContainedThreadedGlue(): Promise<void> {
  const [glue, text] = await Promise.all([
    import("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js"),
    import("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?raw"),
  ]);
  const factory = ((glue as { default?: unknown }).default ?? glue) as { toString(): string };
  const source = `(() => {\n${text.default}\nreturn WasmBackendModuleThreadedSimd;\n})()`;
  factory.toString = () => source;
}

/** "N threads" of the wasm backend's pool, as tfjs-wasm itself reports it. */
async function wasmThreadsNote(): Promise<string> {
  const { getThreadsCount } = await import("@tensorflow/tfjs-backend-wasm");
  const threads = getThreadsCount();
  return `${threads} thread${threads === 1 ? "" : "s"}`;
}

/** Why WebGL would be slow here (a software renderer), or null. */
function softwareWebGL(): string | null {
  if (typeof OffscreenCanvas === "undefined") return null;
  const gl = new OffscreenCanvas(1, 1).getContext("webgl2");
  if (!gl) return null; // tfjs will find out for itself, and say why
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  const software = /swiftshader|llvmpipe|softpipe|software/i.exec(renderer);
  return software ? `software renderer, ${software[0]}` : null;
}

/** Autodiff through matMul, erf, tanh and relu against the closed form (ops the cells use most). */
function gradientProblem(tf: Tf): string | null {
  const grads = tf.tidy(() => {
    const x = tf.tensor2d([[0.3, -0.7]]);
    const w = tf.tensor2d([[0.5], [0.25]]);
    const smooth = (v: Tensor) => tf.tanh(tf.erf(tf.matMul(v as Tensor2D, w))).sum();
    const kinked = (v: Tensor) => tf.relu(tf.matMul(v as Tensor2D, w)).sum(); // x·w < 0: gradient 0
    return [tf.grad(smooth)(x), tf.grad(kinked)(x)];
  });
  const [got, flat] = grads.map((g) => g.dataSync());
  tf.dispose(grads);
  const z = 0.3 * 0.5 - 0.7 * 0.25;
  const dz = (1 - Math.tanh(erfApprox(z)) ** 2) * (2 / Math.sqrt(Math.PI)) * Math.exp(-z * z);
  const close = Math.abs(got[0] - dz * 0.5) < 1e-3 && Math.abs(got[1] - dz * 0.25) < 1e-3;
  if (!close) return `tf.grad gives [${Array.from(got)}], expected [${dz * 0.5}, ${dz * 0.25}]`;
  return flat.every((g) => g === 0) ? null : "tf.grad of relu is wrong";
}

/** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7): enough to check a gradient to 1e-3. */
function erfApprox(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return Math.sign(x) * y;
}
