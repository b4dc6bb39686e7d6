// The page side of the notebook, kept small (no tfjs, no editor until needed): wires each cell's
// buttons and keys, the toolbar, execution counts and kernel status to the kernel worker.
import { url } from "../../site/paths.ts";
import { isBackendName, type Output } from "../protocol.ts";
import { renderOutput } from "../render.ts";
import type { CellEditor } from "./editor.ts";
import { Interrupted, KernelClient, type KernelStatus } from "./kernel-client.ts";

interface CellView {
  index: number;
  id: string | null;
  root: HTMLElement;
  code: HTMLElement;
  output: HTMLElement;
  count: HTMLElement;
  published: string;
  editor: CellEditor | null;
}

const cells: CellView[] = [...document.querySelectorAll<HTMLElement>(".nb-cell")].map((root, index) => ({
  index,
  id: root.dataset.cellId ?? null,
  root,
  code: root.querySelector<HTMLElement>(".nb-code")!,
  output: root.querySelector<HTMLElement>(".nb-output")!,
  count: root.querySelector<HTMLElement>(".nb-count")!,
  published: root.querySelector<HTMLElement>(".nb-code")!.textContent ?? "",
  editor: null,
}));
const toolbar = document.querySelector<HTMLElement>(".nb-toolbar");
const notice = document.querySelector<HTMLElement>("[data-nb-notice]");

let executionCount = 0;
/** Names each cell defined since the kernel started: what a restart loses. */
const defined = new Map<number, string[]>();
let running: CellView | null = null;

const kernel = new KernelClient({
  backend: backendOverride(),
  wasmPath: new URL(url("tfjs-wasm/"), location.href).href,
  onStatus: showStatus,
});

function backendOverride() {
  const asked = new URLSearchParams(location.search).get("backend");
  return isBackendName(asked) ? asked : null;
}

function showStatus(status: KernelStatus, detail: string): void {
  document.querySelectorAll<HTMLElement>("[data-nb-status]").forEach((el) => (el.textContent = status));
  if (detail && status !== "failed") document.querySelectorAll<HTMLElement>("[data-nb-backend]").forEach((el) => (el.textContent = detail));
  if (status === "failed") say(`The kernel failed: ${detail}`);
  toolbar?.querySelector<HTMLButtonElement>("[data-nb=interrupt]")?.toggleAttribute("disabled", status !== "busy");
  document.body.dataset.kernel = status;
}

function say(message: string): void {
  if (notice) notice.textContent = message;
}

function sourceOf(cell: CellView): string {
  return cell.editor ? cell.editor.value() : cell.published;
}

function show(cell: CellView, outputs: Output[]): void {
  for (const output of outputs) {
    const html = renderOutput(output);
    const bar = output.kind === "progress" ? cell.output.querySelector(`[data-progress-id="${output.id}"]`) : null;
    if (bar) bar.outerHTML = html;
    else cell.output.insertAdjacentHTML("beforeend", html);
  }
}

/** Runs one cell; false if it failed or was interrupted (so "run all" stops there). */
async function run(cell: CellView): Promise<boolean> {
  cell.count.textContent = "*";
  cell.root.dataset.state = "running";
  const source = sourceOf(cell);
  let cleared = false;
  const summary = kernel.run({ index: cell.index, id: cell.id }, source, (outputs) => {
    if (!cleared) cell.output.textContent = "";
    cleared = true;
    show(cell, outputs);
  });
  running = cell;
  setRunning(cell, true);
  try {
    const result = await summary;
    if (!cleared) cell.output.textContent = "";
    cell.count.textContent = String(++executionCount);
    defined.set(cell.index, result.defined);
    cell.root.dataset.state = result.ok ? "ok" : "error";
    return result.ok;
  } catch (error) {
    cell.count.textContent = " ";
    cell.root.dataset.state = "interrupted";
    if (!(error instanceof Interrupted)) say(error instanceof Error ? error.message : String(error));
    return false;
  } finally {
    setRunning(cell, false);
    if (running === cell) running = null;
  }
}

function setRunning(cell: CellView, on: boolean): void {
  const button = cell.root.querySelector<HTMLButtonElement>("[data-action=run]")!;
  button.textContent = on ? "Stop" : "Run";
  button.title = on ? "Interrupt: restarts the kernel" : "Run this cell (Shift+Enter)";
  cell.root.classList.toggle("nb-running", on);
}

async function runSeries(series: CellView[]): Promise<void> {
  for (const cell of series) if (!(await run(cell))) return;
}

function restart(reason: string): void {
  const lost = [...defined.entries()].sort(([a], [b]) => a - b);
  const names = lost.flatMap(([, n]) => n);
  defined.clear();
  kernel.restart();
  const cellsText = lost.map(([i]) => i + 1).join(", ");
  say(`${reason} The kernel restarted: ${names.length ? `lost ${names.join(", ")} (from cell${lost.length > 1 ? "s" : ""} ${cellsText}). Run the cells above again to restore them.` : "no names were defined yet."}`);
}

function interrupt(): void {
  restart(running ? `Interrupted cell ${running.index + 1}.` : "Interrupted.");
}

async function edit(cell: CellView): Promise<void> {
  if (cell.editor) return cell.editor.focus();
  const { createEditor } = await import("./editor.ts");
  if (cell.editor) return;
  const host = document.createElement("div");
  host.className = "nb-editor";
  cell.code.replaceWith(host);
  cell.editor = createEditor(host, cell.published, `Code of cell ${cell.index + 1}`, {
    run: () => void run(cell),
    leave: () => cell.root.querySelector<HTMLButtonElement>("[data-action=run]")?.focus(),
  });
  cell.editor.focus();
}

async function act(cell: CellView, action: string): Promise<void> {
  switch (action) {
    case "run":
      return running === cell ? interrupt() : void (await run(cell));
    case "above":
      return runSeries(cells.slice(0, cell.index));
    case "edit":
      return edit(cell);
    case "reset":
      cell.editor?.setValue(cell.published);
      return say(`Cell ${cell.index + 1} is back to its published source.`);
    case "copy":
      // The clipboard API exists only in secure contexts (https, localhost) and may be refused.
      return Promise.resolve()
        .then(() => navigator.clipboard.writeText(sourceOf(cell)))
        .then(() => say(`Copied cell ${cell.index + 1}.`))
        .catch((error: unknown) => say(`Could not copy cell ${cell.index + 1}: ${error instanceof Error ? error.message : String(error)}`));
  }
}

for (const cell of cells) {
  cell.root.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLElement>("[data-action]");
    if (button) void act(cell, button.dataset.action!);
  });
  cell.code.addEventListener("click", () => void edit(cell));
  cell.root.addEventListener("keydown", (event) => {
    if (event.defaultPrevented) return; // the editor already handled it
    if (event.key === "Enter" && event.shiftKey) {
      event.preventDefault();
      void run(cell);
    } else if (event.key === "Enter" && event.target === cell.code) {
      event.preventDefault();
      void edit(cell);
    }
  });
}

if (toolbar) {
  toolbar.addEventListener("click", (event) => {
    const action = (event.target as HTMLElement).closest<HTMLElement>("[data-nb]")?.dataset.nb;
    if (action === "run-all") void runSeries(cells);
    else if (action === "interrupt") interrupt();
    else if (action === "restart") restart("Restarted on request.");
  });
}

// Every control is wired: show them (global.css kept their room hidden until now).
document.documentElement.dataset.notebook = "ready";
