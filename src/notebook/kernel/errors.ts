// A thrown value → an error output: message, the line:column in the cell's own TypeScript, that line
// with a caret, and the cell frames of the stack (library and runtime frames are noise to a reader).
import type { LineColumn } from "./positions.ts";
import { CellCompileError } from "./transform.ts";
import type { Output } from "../protocol.ts";

export interface CompiledRun {
  /** "cell 3" or "cell 3 (id=fit)" */
  label: string;
  source: string;
  toSource(generated: LineColumn): LineColumn;
}

const FRAME = /^\s*at (?:(?:async )?(.*?) \()?(nb-run-\d+):(\d+):(\d+)\)?$/;

/** `runs` knows every compiled run by its sourceURL, so frames in earlier cells resolve too. */
export function errorOutput(error: unknown, current: CompiledRun, runs: ReadonlyMap<string, CompiledRun>): Output {
  if (error instanceof CellCompileError) return located(error.name, error.message, current, error.position, []);
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : `uncaught ${typeof error}: ${String(error)}`;
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  let position: LineColumn | null = null;
  const trace: string[] = [];
  for (const line of stack.split("\n")) {
    const match = FRAME.exec(line);
    if (!match) continue;
    const run = runs.get(match[2]);
    if (!run) continue;
    const at = run.toSource({ line: Number(match[3]), column: Number(match[4]) });
    if (run === current && position === null) position = at;
    // Cell functions are called through the `with` scope object, so V8 names them "Object.f".
    const caller = (match[1] ?? "").replace(/^Object\./, "");
    const fn = caller && caller !== "eval" && caller !== "anonymous" ? `${caller}, ` : "";
    trace.push(`at ${fn}${run.label}, line ${at.line}:${at.column}`);
  }
  return located(name, message, current, position, trace);
}

function located(name: string, message: string, cell: CompiledRun, position: LineColumn | null, trace: string[]): Output {
  if (position === null) return { kind: "error", name, message, where: null, snippet: null, trace };
  const line = cell.source.split("\n")[position.line - 1] ?? "";
  const snippet = `${line}\n${" ".repeat(Math.max(0, position.column - 1))}^`;
  return { kind: "error", name, message, where: `line ${position.line}:${position.column}`, snippet, trace: trace.length > 1 ? trace : [] };
}
