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

/** A stack frame in a cell's code: the run it is in, the place in that cell's TypeScript, and the function. */
export interface CellFrame {
  run: CompiledRun;
  at: LineColumn;
  caller: string;
}

/** The stack's frames that are in cells (`runs` knows every compiled run by its sourceURL), innermost first. */
export function cellFrames(stack: string, runs: ReadonlyMap<string, CompiledRun>): CellFrame[] {
  const frames: CellFrame[] = [];
  for (const line of stack.split("\n")) {
    const match = FRAME.exec(line);
    const run = match ? runs.get(match[2]) : undefined;
    if (!match || !run) continue;
    // Cell functions are called through the `with` scope object, so V8 names them "Object.f".
    const caller = (match[1] ?? "").replace(/^Object\./, "");
    frames.push({ run, at: run.toSource({ line: Number(match[3]), column: Number(match[4]) }), caller: caller === "eval" || caller === "anonymous" ? "" : caller });
  }
  return frames;
}

/** Frames in earlier cells resolve too, through `runs`. */
export function errorOutput(error: unknown, current: CompiledRun, runs: ReadonlyMap<string, CompiledRun>): Output {
  if (error instanceof CellCompileError) return located(error.name, error.message, current, error.position, []);
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : `uncaught ${typeof error}: ${String(error)}`;
  const frames = cellFrames(error instanceof Error ? (error.stack ?? "") : "", runs);
  const position = frames.find((frame) => frame.run === current)?.at ?? null;
  const trace = frames.map(({ run, at, caller }) => `at ${caller ? `${caller}, ` : ""}${run.label}, line ${at.line}:${at.column}`);
  return located(name, message, current, position, trace);
}

function located(name: string, message: string, cell: CompiledRun, position: LineColumn | null, trace: string[]): Output {
  if (position === null) return { kind: "error", name, message, where: null, snippet: null, trace };
  const line = cell.source.split("\n")[position.line - 1] ?? "";
  const snippet = `${line}\n${" ".repeat(Math.max(0, position.column - 1))}^`;
  return { kind: "error", name, message, where: `line ${position.line}:${position.column}`, snippet, trace: trace.length > 1 ? trace : [] };
}
