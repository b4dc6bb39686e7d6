// The notebook kernel: one shared scope, cells compiled and run in order, outputs emitted as they
// happen. The same class runs in the page's Web Worker and, at build time, in Node.
import type { BackendName, CellRef, Output, RunSummary } from "../protocol.ts";
import { chooseBackend, type BackendChoice } from "./backend.ts";
import { formatArgs, toOutput, type TensorSupport } from "./display.ts";
import { errorOutput, type CompiledRun } from "./errors.ts";
import { TensorKeeper } from "./memory.ts";
import { kernelDocument, moduleLoaders } from "./modules.ts";
import { makeProgress } from "./progress.ts";
import { compileCell, type ModuleName } from "./transform.ts";

type Tf = typeof import("@tensorflow/tfjs");
type CellFunction = (scope: Record<string, unknown>, importModule: (name: ModuleName) => Promise<object>) => Promise<unknown>;

export interface KernelOptions {
  /** Backends to try, in order. */
  backends: readonly BackendName[];
  /** URL or directory (with trailing slash) holding tfjs-backend-wasm's .wasm files. */
  wasmPath: string;
}

/** A cell printing in a loop must not flood the page; progress updates do not count. */
const MAX_OUTPUTS_PER_RUN = 500;

export function cellLabel(cell: CellRef): string {
  return `cell ${cell.index + 1}${cell.id ? ` (id=${cell.id})` : ""}`;
}

export class Kernel {
  private readonly scope: Record<string, unknown> = Object.create(null);
  private readonly runs = new Map<string, CompiledRun>();
  private readonly keeper: TensorKeeper;
  private readonly loaders: Record<ModuleName, () => Promise<object>>;
  /** Module objects bound to names (tf, Plot, …): the tensor walk must not wander into tfjs itself. */
  private readonly modules = new Set<unknown>();
  private readonly tensors: TensorSupport;
  private runCount = 0;
  private progressCount = 0;

  private constructor(
    private readonly tf: Tf,
    readonly backend: BackendChoice,
  ) {
    this.keeper = new TensorKeeper(tf);
    this.loaders = moduleLoaders(tf);
    // V8 keeps 10 frames by default: an error deep inside tfjs would lose the cell's own frame.
    const v8Error = Error as ErrorConstructor & { stackTraceLimit?: number };
    v8Error.stackTraceLimit = Math.max(v8Error.stackTraceLimit ?? 10, 100);
    this.tensors = { isTensor: (value): value is InstanceType<Tf["Tensor"]> => value instanceof tf.Tensor };
  }

  static async start(options: KernelOptions): Promise<Kernel> {
    const tf = await import("@tensorflow/tfjs");
    return new Kernel(tf, await chooseBackend(tf, options.backends, options.wasmPath));
  }

  /** Live tensors, for the memory tests. */
  get numTensors(): number {
    return this.tf.memory().numTensors;
  }

  async run(source: string, cell: CellRef, emit: (output: Output) => void): Promise<RunSummary> {
    const started = performance.now();
    const url = `nb-run-${++this.runCount}`;
    const current: CompiledRun = { label: cellLabel(cell), source, toSource: (at) => at };
    const out = capped(emit);
    const summary = (ok: boolean, defined: string[]): RunSummary => ({ ok, defined, ms: performance.now() - started });
    try {
      const compiled = compileCell(source, url);
      current.toSource = compiled.toSource;
      this.runs.set(url, current);
      for (const name of compiled.declared) if (!(name in this.scope)) this.scope[name] = undefined;
      await this.installGlobals(source, out);
      const fn = (0, eval)(compiled.code) as CellFunction;
      this.keeper.begin();
      try {
        const value = await fn(this.scope, (name) => this.load(name));
        if (value !== undefined) out(toOutput(value, this.tensors));
      } finally {
        this.keeper.end(Object.values(this.scope).filter((value) => !this.modules.has(value)));
      }
      return summary(true, compiled.declared);
    } catch (error) {
      out(errorOutput(error, current, this.runs));
      return summary(false, []);
    }
  }

  private async load(name: ModuleName): Promise<object> {
    const module = await this.loaders[name]();
    this.modules.add(module);
    return module;
  }

  /** display, progress and console write to the running cell; `document` is linkedom's. */
  private async installGlobals(source: string, out: (output: Output) => void): Promise<void> {
    const print = (stream: "log" | "warn" | "error") => (...args: unknown[]) => out({ kind: "stream", stream, text: formatArgs(args, this.tensors) });
    this.scope.display = (...values: unknown[]) => values.forEach((value) => out(toOutput(value, this.tensors)));
    this.scope.progress = makeProgress(out, () => ++this.progressCount);
    this.scope.console = { log: print("log"), info: print("log"), debug: print("log"), warn: print("warn"), error: print("error") };
    if (this.scope.document === undefined && /\bdocument\b|@observablehq\/plot/.test(source)) this.scope.document = await kernelDocument();
  }
}

function capped(emit: (output: Output) => void): (output: Output) => void {
  let count = 0;
  return (output) => {
    if (output.kind === "progress") return emit(output);
    count += 1;
    if (count < MAX_OUTPUTS_PER_RUN) emit(output);
    else if (count === MAX_OUTPUTS_PER_RUN) emit({ kind: "stream", stream: "warn", text: `… more output not shown (a cell shows at most ${MAX_OUTPUTS_PER_RUN - 1} outputs)` });
  };
}
