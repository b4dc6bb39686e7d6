// The page side of bench/browser.bench.ts: a dedicated worker (as the site's kernel is one) that starts
// tfjs-wasm the way the kernel does (src/notebook/kernel/backend.ts: a thread per core when the page is
// cross-origin isolated, one otherwise), says what it got, then times the workloads it is asked for.
import * as tf from "@tensorflow/tfjs";
import { getThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { chooseBackend } from "../src/notebook/kernel/backend.ts";
import { hostData } from "../src/ntk/host.ts";
import { float64Kernel } from "../src/ntk/gemm.ts";
import { time, WORKLOADS } from "./workloads.ts";

export interface BenchRequest {
  reps: number;
  /** the workloads to time, by id */
  ids: string[];
  /** where the .wasm binaries are (tfjs-wasm's setWasmPaths) */
  wasmPath: string;
}

export type BenchMessage =
  | { type: "backend"; note: string; isolated: boolean; cores: number; multithread: boolean; threads: number; float64: "wasm-simd" | "js"; inPlace: boolean }
  | { type: "start"; id: string }
  | { type: "result"; id: string; ms: number }
  | { type: "done" }
  | { type: "error"; message: string };

const post = (message: BenchMessage): void => self.postMessage(message);

/** Whether the stacked ensembles' products read tfjs-wasm's tensors in place (dense.ts, hostData) rather than a copy. */
function readsInPlace(): boolean {
  const t = tf.zeros([4]);
  const heap = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8;
  const inPlace = heap !== undefined && hostData(t).buffer === heap.buffer;
  t.dispose();
  return inPlace;
}

self.onmessage = async ({ data }: MessageEvent<BenchRequest>) => {
  try {
    const choice = await chooseBackend(tf, ["wasm"], data.wasmPath);
    post({
      type: "backend",
      note: choice.note,
      isolated: self.crossOriginIsolated,
      cores: navigator.hardwareConcurrency,
      multithread: tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT"),
      threads: getThreadsCount(),
      float64: float64Kernel(),
      inPlace: readsInPlace(),
    });
    for (const w of WORKLOADS.filter((w) => data.ids.includes(w.id))) {
      post({ type: "start", id: w.id });
      post({ type: "result", id: w.id, ms: time(w, data.reps) });
    }
    post({ type: "done" });
  } catch (error) {
    post({ type: "error", message: error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error) });
  }
};
