// Maps a position in the code the kernel evaluates back to the cell's own TypeScript, in two hops:
// generated JS → sucrase's output (through our list of text edits) → TypeScript (through sucrase's
// token-accurate source map; sucrase keeps every line where it was).

export interface LineColumn {
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

/** One text edit on sucrase's output: [start, end) replaced by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

const VLQ_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Per generated line, segments [generatedColumn, sourceLine, sourceColumn] (all 0-based). */
export type LineSegments = [number, number, number][][];

export function decodeMappings(mappings: string): LineSegments {
  const lines: LineSegments = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of mappings.split(";")) {
    const segments: [number, number, number][] = [];
    let generatedColumn = 0;
    for (const segment of lineText.split(",")) {
      if (segment === "") continue;
      const fields = decodeVlq(segment);
      generatedColumn += fields[0];
      if (fields.length >= 4) {
        sourceLine += fields[2];
        sourceColumn += fields[3];
        segments.push([generatedColumn, sourceLine, sourceColumn]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = VLQ_CHARS.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

export function offsetToLineColumn(text: string, offset: number): LineColumn {
  const before = text.slice(0, Math.max(0, offset));
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

export function lineColumnToOffset(text: string, { line, column }: LineColumn): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + column - 1;
}

/** Applies edits (sorted, non-overlapping) to `text`. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = "";
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Generated offset → offset in the edited text; inside inserted text it maps to the edit's start. */
export function unEditOffset(edits: readonly Edit[], generated: number): number {
  let delta = 0;
  for (const edit of edits) {
    const generatedStart = edit.start + delta;
    if (generated < generatedStart) break;
    const generatedEnd = generatedStart + edit.text.length;
    if (generated < generatedEnd) return edit.start;
    delta += edit.text.length - (edit.end - edit.start);
  }
  return generated - delta;
}

/** A position in sucrase's output → the same token in the TypeScript source. */
export function jsToTs(segments: LineSegments, at: LineColumn): LineColumn {
  const line = segments[at.line - 1] ?? [];
  const column0 = at.column - 1;
  let best: [number, number, number] | undefined;
  for (const segment of line) {
    if (segment[0] <= column0) best = segment;
    else break;
  }
  if (best === undefined) return at;
  return { line: best[1] + 1, column: best[2] + (column0 - best[0]) + 1 };
}
