// Outputs → HTML. The build bakes outputs with it and the page renders live outputs with it, so a
// figure looks the same before and after a run. Everything but Plot's own markup is escaped.
import type { Output } from "./protocol.ts";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

/** Adds an output to a list, replacing the earlier state of the same progress bar. */
export function appendOutput(outputs: Output[], output: Output): void {
  if (output.kind === "progress") {
    const at = outputs.findIndex((o) => o.kind === "progress" && o.id === output.id);
    if (at >= 0) {
      outputs[at] = output;
      return;
    }
  }
  outputs.push(output);
}

export function renderOutputs(outputs: readonly Output[]): string {
  return outputs.map(renderOutput).join("");
}

export function renderOutput(output: Output): string {
  switch (output.kind) {
    case "stream":
      return `<pre class="nb-out nb-stream nb-${output.stream}">${escapeHtml(output.text)}</pre>`;
    case "text":
      return `<pre class="nb-out nb-text">${escapeHtml(output.text)}</pre>`;
    case "tensor":
      return `<div class="nb-out nb-tensor"><div class="nb-meta">Tensor ${output.dtype} [${output.shape.join(", ")}]</div><pre>${escapeHtml(output.text)}</pre></div>`;
    case "table":
      return renderTable(output.columns, output.rows, output.more);
    case "html":
      return `<div class="nb-out nb-figure">${output.html}</div>`;
    case "progress":
      return renderProgress(output.id, output.done, output.total, output.label);
    case "error":
      return renderError(output);
  }
}

function renderTable(columns: string[], rows: string[][], more: number): string {
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("");
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`).join("");
  const tail = more > 0 ? `<div class="nb-meta">… ${more} more row${more === 1 ? "" : "s"}</div>` : "";
  return `<div class="nb-out nb-table-wrap"><table class="nb-table"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${tail}</div>`;
}

function renderProgress(id: number, done: number, total: number | null, label: string): string {
  const finished = total !== null && done >= total;
  const count = total === null ? `${done}` : `${done} / ${total}`;
  const bar = total === null ? `<progress></progress>` : `<progress max="${total}" value="${done}"></progress>`;
  return `<div class="nb-out nb-progress${finished ? " nb-done" : ""}" data-progress-id="${id}">${bar}<span>${escapeHtml(label ? `${label}: ${count}` : count)}</span></div>`;
}

function renderError(error: Extract<Output, { kind: "error" }>): string {
  const where = error.where ? ` <span class="nb-where">(${escapeHtml(error.where)})</span>` : "";
  const snippet = error.snippet ? `\n${escapeHtml(error.snippet)}` : "";
  const trace = error.trace.length > 0 ? `\n${escapeHtml(error.trace.join("\n"))}` : "";
  return `<pre class="nb-out nb-error" role="status"><strong>${escapeHtml(error.name)}</strong>: ${escapeHtml(error.message)}${where}${snippet}${trace}</pre>`;
}
