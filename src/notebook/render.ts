// Outputs → HTML. The build bakes outputs with it and the page renders live outputs with it, so a
// figure or a control looks the same before and after a run. Everything but Plot's own markup is escaped.
import { controlId, formatControlValue, nearestPosition, rangeValues, type ControlSpec, type ControlValue } from "./controls.ts";
import type { ControlOutput, Output } from "./protocol.ts";
import { escapeHtml } from "../site/escape-html.mjs";

/** Everything a cell shows below its controls. */
export type ShownOutput = Exclude<Output, ControlOutput>;

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

export function isControl(output: Output): output is ControlOutput {
  return output.kind === "control";
}

/** The outputs a cell shows below its controls, as HTML. */
export function renderOutputs(outputs: readonly Output[]): string {
  return outputs.filter((output): output is ShownOutput => !isControl(output)).map(renderOutput).join("");
}

export function renderOutput(output: ShownOutput): string {
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

/**
 * A control as a labelled form element with its value beside it. Baked controls are `disabled` until
 * the page's runtime wires them (and stay so without JavaScript); the spec travels in `data-spec` so
 * the page can read and set values without the kernel.
 */
export function renderControl(output: ControlOutput, cellIndex: number, live: boolean): string {
  const { key, spec, value } = output;
  const id = controlId(cellIndex, key);
  const off = live ? "" : " disabled";
  const attrs = `class="nb-control nb-control-${spec.type}" data-key="${key}" data-spec="${escapeHtml(JSON.stringify(spec))}"`;
  const label = `<label for="${id}">${escapeHtml(spec.label)}</label>`;
  const readout = `<output for="${id}" aria-hidden="true">${escapeHtml(formatControlValue(spec, value))}</output>`;
  switch (spec.type) {
    case "range": {
      const values = rangeValues(spec);
      const at = nearestPosition(values, value as number);
      const text = escapeHtml(formatControlValue(spec, value));
      return `<div ${attrs}>${label}<input type="range" id="${id}" min="0" max="${values.length - 1}" step="1" value="${at}" aria-valuetext="${text}"${off}>${readout}</div>`;
    }
    case "number": {
      const bounds = `${spec.min === null ? "" : ` min="${spec.min}"`}${spec.max === null ? "" : ` max="${spec.max}"`}`;
      return `<div ${attrs}>${label}<input type="number" id="${id}"${bounds} step="${spec.step ?? "any"}" value="${value}"${off}></div>`;
    }
    case "select": {
      const options = spec.options.map((text) => `<option${text === value ? " selected" : ""}>${escapeHtml(text)}</option>`).join("");
      return `<div ${attrs}>${label}<select id="${id}"${off}>${options}</select></div>`;
    }
    case "radio":
    case "checkbox":
      return `<fieldset ${attrs} id="${id}"><legend>${escapeHtml(spec.label)}</legend>${choices(spec, value, id, off)}</fieldset>`;
    case "toggle":
      return `<div ${attrs}>${label}<input type="checkbox" id="${id}"${value ? " checked" : ""}${off}></div>`;
    case "button": {
      const named = spec.label ? `<span class="nb-control-label" id="${id}-label">${escapeHtml(spec.label)}</span>` : "";
      const describedBy = spec.label ? ` aria-describedby="${id}-label"` : "";
      return `<div ${attrs}>${named}<button type="button" id="${id}"${describedBy}${off}>${escapeHtml(spec.content)}</button></div>`;
    }
  }
}

function choices(spec: Extract<ControlSpec, { type: "radio" | "checkbox" }>, value: ControlValue, id: string, off: string): string {
  const type = spec.type === "radio" ? "radio" : "checkbox";
  const on = (text: string) => (Array.isArray(value) ? value.includes(text) : value === text);
  return spec.options
    .map((text, i) => `<label><input type="${type}" name="${id}" id="${id}-${i + 1}" value="${escapeHtml(text)}"${on(text) ? " checked" : ""}${off}> ${escapeHtml(text)}</label>`)
    .join("");
}
