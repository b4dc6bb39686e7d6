// What a cell produces and what the page and the kernel worker say to each other.
// Outputs are plain data (structured-clonable, JSON-serialisable) so the same values are baked
// into the HTML at build time and streamed from the worker at run time.
import type { ControlSpec, ControlValue } from "./controls.ts";
import type { LineColumn } from "./kernel/positions.ts";

export type StreamName = "log" | "warn" | "error";

export type Output =
  | { kind: "stream"; stream: StreamName; text: string }
  | { kind: "text"; text: string }
  | { kind: "tensor"; dtype: string; shape: number[]; text: string }
  | { kind: "table"; columns: string[]; rows: string[][]; more: number }
  | { kind: "html"; html: string }
  | { kind: "progress"; id: number; done: number; total: number | null; label: string }
  | { kind: "error"; name: string; message: string; where: string | null; snippet: string | null; trace: string[] }
  | ControlOutput;

/**
 * A control the cell made (its `key`-th Inputs call in this run) and its value. The downloads replace
 * the call (`site`, in the cell's TypeScript; null when it was not written `Inputs.<type>(…)`) by
 * `literal`, the value the cell got as JavaScript source (null when it is not a plain value).
 */
export interface ControlOutput {
  kind: "control";
  key: number;
  spec: ControlSpec;
  value: ControlValue;
  site: SourceRange | null;
  literal: string | null;
}

/** [start, end) in a cell's TypeScript. */
export interface SourceRange {
  start: LineColumn;
  end: LineColumn;
}

/** What a cell's top-level code defines and reads (src/notebook/kernel/names.ts). */
export interface CellNames {
  /** names it declares or assigns at the top level, imports aside */
  defines: string[];
  /** names its imports bind (the same module object on every run) */
  imports: string[];
  /** names it uses that it does not declare: another cell's, or globals */
  reads: string[];
}

/** Where a cell sits in its page: 0-based index and the author's optional id. */
export interface CellRef {
  index: number;
  id: string | null;
}

export type BackendName = "webgl" | "wasm" | "cpu";

export const BACKENDS: readonly BackendName[] = ["webgl", "wasm", "cpu"];

export function isBackendName(value: string | null): value is BackendName {
  return value !== null && (BACKENDS as readonly string[]).includes(value);
}

export interface RunSummary {
  ok: boolean;
  /** The run stopped because a newer one superseded it (no outputs, no error). */
  cancelled: boolean;
  /** Top-level names the cell defined (for "the restart lost x, y"). */
  defined: string[];
  /** What the source that ran defines and reads; null when it did not compile. */
  names: CellNames | null;
  ms: number;
}

export type ToKernel =
  /** `cancel`: a shared Int32Array whose slot 0 the page sets to a run's id to stop it (cross-origin isolated pages only). */
  | { type: "init"; backend: BackendName | null; wasmPath: string; cancel: Int32Array | null }
  /** `controls`: the page's values of the cell's controls, by key (missing or unusable: the default). */
  | { type: "run"; runId: number; cell: CellRef; source: string; controls: Record<number, ControlValue> }
  /** Stop run `runId` at its next await or progress tick (or skip it if it has not started). */
  | { type: "cancel"; runId: number }
  | { type: "analyze"; requestId: number; sources: string[] };

export type FromKernel =
  | { type: "ready"; backend: BackendName; note: string }
  | { type: "analysis"; requestId: number; names: (CellNames | null)[] }
  | { type: "outputs"; runId: number; outputs: Output[] }
  | { type: "done"; runId: number; summary: RunSummary }
  | { type: "failed"; message: string };
