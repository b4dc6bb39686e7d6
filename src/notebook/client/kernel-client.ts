// The page's handle on the kernel worker: starts it on first use, sends runs, routes outputs, and
// interrupts by terminating the worker and starting a fresh one (a busy worker cannot be told to stop).
import type { BackendName, CellRef, FromKernel, Output, RunSummary, ToKernel } from "../protocol.ts";

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

export class KernelClient {
  private worker: Worker | null = null;
  private ready = false;
  private readonly pending = new Map<number, PendingRun>();
  private nextRunId = 1;

  constructor(private readonly options: KernelClientOptions) {}

  get busy(): boolean {
    return this.pending.size > 0;
  }

  run(cell: CellRef, source: string, onOutputs: (outputs: Output[]) => void): Promise<RunSummary> {
    const worker = this.worker ?? this.start();
    const runId = this.nextRunId++;
    const done = new Promise<RunSummary>((resolve, reject) => this.pending.set(runId, { onOutputs, resolve, reject }));
    this.send(worker, { type: "run", runId, cell, source });
    this.report();
    return done;
  }

  /** Stops whatever runs (terminating the worker) and starts a fresh kernel at once. */
  restart(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const run of this.pending.values()) run.reject(new Interrupted());
    this.pending.clear();
    this.options.onStatus("restarting", "");
    this.start();
  }

  private start(): Worker {
    const worker = new Worker(new URL("../kernel/worker.ts", import.meta.url), { type: "module", name: "ntk-kernel" });
    this.worker = worker;
    this.ready = false;
    worker.onmessage = (event: MessageEvent<FromKernel>) => this.receive(event.data);
    worker.onerror = (event) => this.fail(`the kernel crashed: ${event.message}`);
    this.send(worker, { type: "init", backend: this.options.backend, wasmPath: this.options.wasmPath });
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
    for (const run of this.pending.values()) run.reject(new Error(reason));
    this.pending.clear();
    this.worker?.terminate();
    this.worker = null;
    this.options.onStatus("failed", reason);
  }

  private report(): void {
    if (this.ready) this.options.onStatus(this.busy ? "busy" : "idle", "");
  }
}
