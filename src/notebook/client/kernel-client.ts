// The page's handle on the kernel worker: starts it on first use, sends runs, routes outputs, cancels
// a run cooperatively (it stops at its next await or progress tick), and interrupts by terminating the
// worker and starting a fresh one (a busy worker cannot be told to stop).
import type { ControlValue } from "../controls.ts";
import type { BackendName, CellNames, CellRef, FromKernel, Output, RunSummary, ToKernel } from "../protocol.ts";

export type KernelStatus = "not started" | "starting" | "idle" | "busy" | "restarting" | "failed";

export class Interrupted extends Error {
  constructor() {
    super("interrupted");
    this.name = "Interrupted";
  }
}

interface PendingRun {
  onOutputs(outputs: Output[]): void;
  resolve(summary: RunSummary): void;
  reject(error: Error): void;
}

export interface KernelClientOptions {
  backend: BackendName | null;
  wasmPath: string;
  onStatus(status: KernelStatus, detail: string): void;
}

export interface StartedRun {
  runId: number;
  done: Promise<RunSummary>;
}

export class KernelClient {
  private worker: Worker | null = null;
  private ready = false;
  private readonly pending = new Map<number, PendingRun>();
  private readonly analyses = new Map<number, { resolve(names: (CellNames | null)[]): void; reject(error: Error): void }>();
  private nextRunId = 1;
  private nextRequestId = 1;
  /** Slot 0: the id of a run to stop, read by the worker inside loops (only where SharedArrayBuffer exists). */
  private cancelSlot: Int32Array | null = null;

  constructor(private readonly options: KernelClientOptions) {}

  get busy(): boolean {
    return this.pending.size > 0;
  }

  get started(): boolean {
    return this.worker !== null;
  }

  run(cell: CellRef, source: string, controls: Record<number, ControlValue>, onOutputs: (outputs: Output[]) => void): StartedRun {
    const worker = this.worker ?? this.start();
    const runId = this.nextRunId++;
    const done = new Promise<RunSummary>((resolve, reject) => this.pending.set(runId, { onOutputs, resolve, reject }));
    this.send(worker, { type: "run", runId, cell, source, controls });
    this.report();
    return { runId, done };
  }

  /** Stops a run at its next await or progress tick; its outputs from now on are dropped. */
  cancel(runId: number): void {
    const run = this.pending.get(runId);
    if (!run || !this.worker) return;
    run.onOutputs = () => {};
    if (this.cancelSlot) Atomics.store(this.cancelSlot, 0, runId);
    this.send(this.worker, { type: "cancel", runId });
  }

  /** What each source defines and reads (null: it does not compile), worked out by the kernel's compiler. */
  analyze(sources: string[]): Promise<(CellNames | null)[]> {
    const worker = this.worker ?? this.start();
    const requestId = this.nextRequestId++;
    const answer = new Promise<(CellNames | null)[]>((resolve, reject) => this.analyses.set(requestId, { resolve, reject }));
    this.send(worker, { type: "analyze", requestId, sources });
    return answer;
  }

  /** Stops whatever runs (terminating the worker) and starts a fresh kernel at once. */
  restart(): void {
    this.worker?.terminate();
    this.worker = null;
    this.rejectAll(new Interrupted());
    this.options.onStatus("restarting", "");
    this.start();
  }

  private start(): Worker {
    const worker = new Worker(new URL("../kernel/worker.ts", import.meta.url), { type: "module", name: "ntk-kernel" });
    this.worker = worker;
    this.ready = false;
    this.cancelSlot = typeof SharedArrayBuffer === "function" && globalThis.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
    worker.onmessage = (event: MessageEvent<FromKernel>) => this.receive(event.data);
    worker.onerror = (event) => this.fail(`the kernel crashed: ${event.message}`);
    this.send(worker, { type: "init", backend: this.options.backend, wasmPath: this.options.wasmPath, cancel: this.cancelSlot });
    this.options.onStatus("starting", "");
    return worker;
  }

  private send(worker: Worker, message: ToKernel): void {
    worker.postMessage(message);
  }

  private receive(message: FromKernel): void {
    switch (message.type) {
      case "ready":
        this.ready = true;
        this.options.onStatus(this.busy ? "busy" : "idle", message.note ? `${message.backend} (${message.note})` : message.backend);
        return;
      case "analysis":
        this.analyses.get(message.requestId)?.resolve(message.names);
        this.analyses.delete(message.requestId);
        return;
      case "outputs":
        this.pending.get(message.runId)?.onOutputs(message.outputs);
        return;
      case "done":
        this.pending.get(message.runId)?.resolve(message.summary);
        this.pending.delete(message.runId);
        this.report();
        return;
      case "failed":
        this.fail(message.message);
        return;
    }
  }

  private fail(reason: string): void {
    this.rejectAll(new Error(reason));
    this.worker?.terminate();
    this.worker = null;
    this.options.onStatus("failed", reason);
  }

  private rejectAll(error: Error): void {
    for (const waiting of [...this.pending.values(), ...this.analyses.values()]) waiting.reject(error);
    this.pending.clear();
    this.analyses.clear();
  }

  private report(): void {
    if (this.ready) this.options.onStatus(this.busy ? "busy" : "idle", "");
  }
}
