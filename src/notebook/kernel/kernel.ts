// The notebook kernel: one shared scope, cells compiled and run in order, outputs emitted as they
// happen. The same class runs in the page's Web Worker and, at build time, in Node.
import { makeRng } from "../../ntk/rng.ts";
import type { ControlValue } from "../controls.ts";
import { fnv1a } from "../hash.ts";
import type { BackendName, CellRef, Output, RunSummary, SourceRange } from "../protocol.ts";
import { chooseBackend, type BackendChoice } from "./backend.ts";
import { formatArgs, toOutput, type TensorSupport } from "./display.ts";
import { cellFrames, errorOutput, type CompiledRun } from "./errors.ts";
import { makeInputs } from "./inputs.ts";
import { TensorKeeper } from "./memory.ts";
import { kernelDocument, moduleLoaders } from "./modules.ts";
import type { LineColumn } from "./positions.ts";
import { makeProgress } from "./progress.ts";
import { compileCell, type ModuleName } from "./transform.ts";

type Tf = typeof import("@tensorflow/tfjs");
type CellFunction = (
  scope: Record<string, unknown>,
  importModule: (name: ModuleName) => Promise<object>,
  checkpoint: <T>(value: T) => Promise<Awaited<T>>,
) => Promise<unknown>;

export interface RunOptions {
  /** The page's values of the cell's controls, by key. */
  controls?: Readonly<Record<number, ControlValue>>;
  /** True once a newer run superseded this one: it stops at its next await or progress tick. */
  cancelled?: () => boolean;
}

/** Thrown inside a superseded run; the kernel reports it as cancelled, not as an error. */
class Superseded extends Error {
  constructor() {
    super("superseded by a newer run");
    this.name = "Superseded";
  }
}

/** How often a run that can be cancelled lets the worker read its messages (a "cancel" among them). */
const YIELD_EVERY_MS = 8;

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
  /** The run in progress, if it can be cancelled: when it last let the event loop run. */
  private cancellable: { cancelled: () => boolean; lastYield: number } | null = null;

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

  async run(source: string, cell: CellRef, emit: (output: Output) => void, options: RunOptions = {}): Promise<RunSummary> {
    const started = performance.now();
    const url = `nb-run-${++this.runCount}`;
    const current: CompiledRun = { label: cellLabel(cell), source, toSource: (at) => at };
    const out = capped(emit);
    let names: RunSummary["names"] = null;
    const summary = (ok: boolean, defined: string[], cancelled = false): RunSummary => ({ ok, cancelled, defined, names, ms: performance.now() - started });
    const cancelled = options.cancelled;
    this.cancellable = cancelled ? { cancelled, lastYield: performance.now() } : null;
    try {
      if (cancelled?.()) return summary(false, [], true);
      const compiled = compileCell(source, url);
      names = compiled.names;
      current.toSource = compiled.toSource;
      this.runs.set(url, current);
      for (const name of compiled.declared) if (!(name in this.scope)) this.scope[name] = undefined;
      await this.installGlobals(source, out, options.controls ?? {}, () => this.controlSite(current, compiled.controlSites));
      // Randomness a cell does not seed (Math.random, tfjs ops and initialisers without a seed) is seeded
      // from the cell's place and code: the build and every live run of the published cell draw the same.
      Math.random = makeRng(fnv1a(`${cell.index}\n${source}`)).uniform;
      const fn = (0, eval)(compiled.code) as CellFunction;
      this.keeper.begin();
      try {
        const value = await fn(this.scope, (name) => this.load(name), (value) => this.checkpoint(value));
        if (value !== undefined) out(toOutput(value, this.tensors));
      } finally {
        this.keeper.end(Object.values(this.scope).filter((value) => !this.modules.has(value)));
      }
      return summary(true, compiled.declared);
    } catch (error) {
      if (error instanceof Superseded) return summary(false, [], true);
      out(errorOutput(error, current, this.runs));
      return summary(false, []);
    } finally {
      this.cancellable = null;
    }
  }

  /**
   * Every `await` in a cell goes through here: a run a newer one superseded stops. Every few ms it lets
   * the event loop run, so a worker whose cell awaits only settled promises still reads "cancel".
   */
  private async checkpoint<T>(value: T): Promise<Awaited<T>> {
    const result = await value;
    const run = this.cancellable;
    if (run === null) return result;
    if (performance.now() - run.lastYield >= YIELD_EVERY_MS) {
      await nextTask();
      run.lastYield = performance.now();
    }
    if (run.cancelled()) throw new Superseded();
    return result;
  }

  /** Where generated code `url` (a run's sourceURL) at `at` is in its cell: "cell 3 (id=fit), line 5:9". */
  locate(url: string, at: LineColumn): string | null {
    const run = this.runs.get(url);
    if (!run) return null;
    const where = run.toSource(at);
    return `${run.label}, line ${where.line}:${where.column}`;
  }

  /** Throws in a superseded run (called by progress() on every item). */
  private stopIfSuperseded(): void {
    if (this.cancellable?.cancelled()) throw new Superseded();
  }

  /** Where the running cell called Inputs: the innermost `Inputs.<type>(…)` around its frame. */
  private controlSite(run: CompiledRun, sites: readonly SourceRange[]): SourceRange | null {
    const at = cellFrames(new Error().stack ?? "", this.runs).find((frame) => frame.run === run)?.at;
    if (at === undefined) return null;
    const before = (a: LineColumn, b: LineColumn) => a.line < b.line || (a.line === b.line && a.column <= b.column);
    const around = sites.filter((site) => before(site.start, at) && before(at, site.end));
    return around.sort((a, b) => (before(a.start, b.start) ? 1 : -1))[0] ?? null;
  }

  private async load(name: ModuleName): Promise<object> {
    const module = await this.loaders[name]();
    this.modules.add(module);
    return module;
  }

  /** display, progress, console and Inputs write to the running cell; `document` is linkedom's. */
  private async installGlobals(
    source: string,
    out: (output: Output) => void,
    controls: Readonly<Record<number, ControlValue>>,
    site: () => SourceRange | null,
  ): Promise<void> {
    const print = (stream: "log" | "warn" | "error") => (...args: unknown[]) => out({ kind: "stream", stream, text: formatArgs(args, this.tensors) });
    this.scope.display = (...values: unknown[]) => values.forEach((value) => out(toOutput(value, this.tensors)));
    this.scope.progress = makeProgress(out, () => ++this.progressCount, () => this.stopIfSuperseded());
    this.scope.Inputs = makeInputs({ values: controls, emit: out, site });
    this.scope.console = { log: print("log"), info: print("log"), debug: print("log"), warn: print("warn"), error: print("error") };
    if (this.scope.document === undefined && /\bdocument\b|@observablehq\/plot/.test(source)) this.scope.document = await kernelDocument();
  }
}

/** Resolves after the event loop has run the tasks already queued (messages to a worker among them). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function capped(emit: (output: Output) => void): (output: Output) => void {
  let count = 0;
  return (output) => {
    if (output.kind === "progress" || output.kind === "control") return emit(output);
    count += 1;
    if (count < MAX_OUTPUTS_PER_RUN) emit(output);
    else if (count === MAX_OUTPUTS_PER_RUN) emit({ kind: "stream", stream: "warn", text: `… more output not shown (a cell shows at most ${MAX_OUTPUTS_PER_RUN - 1} outputs)` });
  };
}
