// The page's kernel: a module Web Worker. Runs are queued in order; outputs go to the page in
// batches (every 50 ms at most, progress bars coalesced) so a chatty cell cannot flood the main thread.
// A run the page cancels stops at its next await or progress tick: the page's "cancel" message is read
// when the run lets the event loop turn, and on a cross-origin isolated page the shared slot the page
// writes the run's id into is read at once, even inside a loop that never yields.
/// <reference lib="webworker" />
import { BACKENDS, type FromKernel, type Output, type ToKernel } from "../protocol.ts";
import { appendOutput } from "../render.ts";
import { Kernel } from "./kernel.ts";
import { analyzeCell } from "./transform.ts";

const FLUSH_MS = 50;

let kernel: Promise<Kernel> | null = null;
let queue: Promise<void> = Promise.resolve();
const cancelled = new Set<number>();
let cancelSlot: Int32Array | null = null;

function post(message: FromKernel): void {
  postMessage(message);
}

function batcher(runId: number) {
  let buffer: Output[] = [];
  let last = performance.now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    last = performance.now();
    if (buffer.length === 0) return;
    post({ type: "outputs", runId, outputs: buffer });
    buffer = [];
  };
  const add = (output: Output) => {
    appendOutput(buffer, output);
    // A synchronous loop never yields to the timer, so also flush on the clock here.
    if (performance.now() - last >= FLUSH_MS) flush();
    else timer ??= setTimeout(flush, FLUSH_MS);
  };
  return { add, flush };
}

self.onmessage = (event: MessageEvent<ToKernel>) => {
  const message = event.data;
  if (message.type === "cancel") {
    cancelled.add(message.runId);
    return;
  }
  if (message.type === "analyze") {
    post({ type: "analysis", requestId: message.requestId, names: message.sources.map(analyzeCell) });
    return;
  }
  if (message.type === "init") {
    cancelSlot = message.cancel;
    kernel = Kernel.start({ backends: message.backend ? [message.backend] : BACKENDS, wasmPath: message.wasmPath });
    kernel.then(
      (k) => post({ type: "ready", backend: k.backend.name, note: k.backend.note }),
      (error: unknown) => post({ type: "failed", message: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  queue = queue.then(async () => {
    if (kernel === null) return post({ type: "failed", message: "the kernel was asked to run before it was started" });
    const k = await kernel.catch(() => null);
    if (k === null) return; // "failed" was posted when it did not start
    const { runId } = message;
    const batch = batcher(runId);
    const isCancelled = () => cancelled.has(runId) || (cancelSlot !== null && Atomics.load(cancelSlot, 0) === runId);
    const summary = await k.run(message.source, message.cell, batch.add, { controls: message.controls, cancelled: isCancelled });
    cancelled.delete(runId);
    if (!summary.cancelled) batch.flush();
    post({ type: "done", runId, summary });
  });
};
