// What a cell produces and what the page and the kernel worker say to each other.
// Outputs are plain data (structured-clonable, JSON-serialisable) so the same values are baked
// into the HTML at build time and streamed from the worker at run time.

export type StreamName = "log" | "warn" | "error";

export type Output =
  | { kind: "stream"; stream: StreamName; text: string }
  | { kind: "text"; text: string }
  | { kind: "tensor"; dtype: string; shape: number[]; text: string }
  | { kind: "table"; columns: string[]; rows: string[][]; more: number }
  | { kind: "html"; html: string }
  | { kind: "progress"; id: number; done: number; total: number | null; label: string }
  | { kind: "error"; name: string; message: string; where: string | null; snippet: string | null; trace: string[] };

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
  /** Top-level names the cell defined (for "the restart lost x, y"). */
  defined: string[];
  ms: number;
}

export type ToKernel =
  | { type: "init"; backend: BackendName | null; wasmPath: string }
  | { type: "run"; runId: number; cell: CellRef; source: string };

export type FromKernel =
  | { type: "ready"; backend: BackendName; note: string }
  | { type: "outputs"; runId: number; outputs: Output[] }
  | { type: "done"; runId: number; summary: RunSummary }
  | { type: "failed"; message: string };
