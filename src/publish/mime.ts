// A cell's outputs as Jupyter shows them: MIME bundles for display data (figures as SVG and HTML,
// tables as HTML, everything else as text) and nbformat outputs. Used by the downloaded notebooks'
// runtime in Deno and by the build, which saves the page's outputs in the .ipynb.
import type { Output } from "../notebook/protocol.ts";

export type MimeBundle = Record<string, string>;

/** One nbformat 4 output. */
export type NotebookOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, never> }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => escapes[c]);

/** A figure's text alternative: the label accessibleFigure gave its plot (not a colour legend's). */
function figureLabel(html: string): string {
  const label = [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]).find((l) => !l.startsWith("Colour legend"));
  return label ? label.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&") : "Figure";
}

/** A table as aligned text columns. */
function tableText(columns: string[], rows: string[][], more: number): string {
  const widths = columns.map((column, i) => Math.max(column.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd();
  return [line(columns), line(widths.map((w) => "─".repeat(w))), ...rows.map(line), ...(more > 0 ? [`… ${more} more rows`] : [])].join("\n");
}

function tableHtml(columns: string[], rows: string[][], more: number): string {
  const row = (cells: string[], tag: "th" | "td") => `<tr>${cells.map((cell) => `<${tag}>${escape(cell)}</${tag}>`).join("")}</tr>`;
  const caption = more > 0 ? `<caption style="caption-side: bottom">… ${more} more rows</caption>` : "";
  return `<table>${caption}<thead>${row(columns, "th")}</thead><tbody>${rows.map((cells) => row(cells, "td")).join("")}</tbody></table>`;
}

/** What an output shows as plain text (a figure: its label). Null: nothing to show (progress, control). */
export function plainText(output: Output): string | null {
  switch (output.kind) {
    case "stream":
    case "text":
    case "tensor":
      return output.text;
    case "table":
      return tableText(output.columns, output.rows, output.more);
    case "html":
      return figureLabel(output.html);
    case "error":
      return `${output.name}: ${output.message}${output.where ? ` (${output.where})` : ""}`;
    case "progress":
    case "control":
      return null;
  }
}

/** The MIME bundle Jupyter displays for an output (null for outputs shown as a stream, or not at all). */
export function mimeBundle(output: Output): MimeBundle | null {
  const text = plainText(output);
  if (text === null || output.kind === "stream" || output.kind === "error") return null;
  if (output.kind === "html") {
    const svg: MimeBundle = /^<svg[\s>]/.test(output.html) ? { "image/svg+xml": output.html } : {};
    return { ...svg, "text/html": output.html, "text/plain": text };
  }
  if (output.kind === "table") return { "text/html": tableHtml(output.columns, output.rows, output.more), "text/plain": text };
  return { "text/plain": text };
}

/** A cell's outputs as a saved notebook holds them. */
export function notebookOutputs(outputs: readonly Output[]): NotebookOutput[] {
  return outputs.flatMap((output): NotebookOutput[] => {
    if (output.kind === "stream") return [{ output_type: "stream", name: output.stream === "log" ? "stdout" : "stderr", text: `${output.text}\n` }];
    if (output.kind === "error") return [{ output_type: "error", ename: output.name, evalue: output.message, traceback: output.trace }];
    const data = mimeBundle(output);
    return data ? [{ output_type: "display_data", data, metadata: {} }] : [];
  });
}
