// Picks the tfjs backend: the one asked for, else webgl → wasm → cpu, keeping the first that
// initialises AND differentiates correctly (the wasm backend has documented gradient gaps).
// Unless asked for, WebGL on a software rasterizer (SwiftShader, llvmpipe: machines without a GPU)
// is skipped: it works, but runs the chapters several times slower than wasm.
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
    if (problem === null) return { name, note: skipped.join("; ") };
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
    }
    if (!(await tf.setBackend(name))) return "did not initialise";
    await tf.ready();
    return gradientProblem(tf);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
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
