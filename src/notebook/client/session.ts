// The notebook session of a page, loaded by notebook.ts on the reader's first action (or at once when
// the page has saved or shared changes to restore): runs cells on the kernel worker, shows outputs,
// execution counts and kernel status, re-runs what a moved control affects (scheduler.ts), and keeps
// the reader's edits and control values (localStorage, and "Copy link" in the URL fragment).
import { url } from "../../site/paths.ts";
import { acceptsValue, sameValue, type ControlValue } from "../controls.ts";
import { DependencyGraph, usesText } from "../graph.ts";
import { isBackendName, type CellNames, type ControlOutput, type Output } from "../protocol.ts";
import { isControl } from "../render.ts";
import { WASM_ROUTE } from "../routes.ts";
import { CellView } from "./cell-view.ts";
import { controlEvent, controlsIn, enableControls, keyOf, placeControl, pruneControls, specOf, writeControl } from "./control-view.ts";
import type { PageAction } from "./notebook.ts";
import { requestIsolation } from "./isolation.ts";
import { Interrupted, KernelClient, type KernelStatus } from "./kernel-client.ts";
import { parseSavedCells, type SavedCells } from "./saved-state.ts";
import { Scheduler, type RunOutcome } from "./scheduler.ts";
import { decodeShared, encodeShared } from "./share.ts";
import { isShared, storageKey } from "./state-keys.ts";

const cells = [...document.querySelectorAll<HTMLElement>(".nb-cell")].map((root, index) => new CellView(index, root));
const toolbar = document.querySelector<HTMLElement>(".nb-toolbar");
const notice = document.querySelector<HTMLElement>("[data-nb-notice]");
const STORAGE_KEY = storageKey(location.pathname);

let executionCount = 0;
/** Names each cell defined since the kernel started: what a restart loses. */
const defined = new Map<number, string[]>();
/** The reader's control values, by cell and key (a control at its default has none). */
const values = new Map<number, Map<number, ControlValue>>();
/** What edited code defines and reads, by source (null: it does not compile). */
const analysed = new Map<string, CellNames | null>();

const kernel = new KernelClient({
  backend: backendOverride(),
  wasmPath: new URL(url(WASM_ROUTE), location.href).href,
  onStatus: showStatus,
});

const scheduler = new Scheduler({
  graph,
  prepare: analyseEdits,
  run: runCell,
  queued: (i, on) => {
    const root = cells[i].root;
    if (on && root.dataset.state !== "queued") {
      root.dataset.queuedFrom = root.dataset.state ?? "";
      root.dataset.state = "queued";
    } else if (!on && root.dataset.state === "queued") {
      if (root.dataset.queuedFrom) root.dataset.state = root.dataset.queuedFrom;
      else delete root.dataset.state;
    }
    showMarks();
  },
  ranFirst: (needed) => say(`Running ${needed.length === 1 ? "cell" : "cells"} ${needed.map((i) => i + 1).join(", ")} first: the cells below use ${needed.length === 1 ? "it" : "them"}.`),
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

// ── The dependency graph ─────────────────────────────────────────────────────────────────────────

function namesOf(cell: CellView): CellNames {
  const source = cell.source;
  const names = source === cell.published ? cell.publishedNames : (analysed.get(source) ?? cell.publishedNames);
  return names ?? { defines: [], imports: [], reads: [] };
}

function graph(): DependencyGraph {
  return new DependencyGraph(cells.map(namesOf));
}

/** Edited code the kernel has not analysed yet is analysed before the scheduler picks a cell. */
async function analyseEdits(): Promise<void> {
  const sources = cells.map((cell) => cell.source).filter((source, i) => source !== cells[i].published && !analysed.has(source));
  if (sources.length === 0) return;
  const names = await kernel.analyze(sources);
  sources.forEach((source, i) => analysed.set(source, names[i]));
  showUses();
}

function showUses(): void {
  const g = graph();
  for (const cell of cells) cell.showUses(usesText(g.uses(cell.index)));
}

function showMarks(): void {
  const stale = scheduler.stale();
  for (const cell of cells) {
    const i = cell.index;
    cell.mark(scheduler.running === i ? "running" : scheduler.isQueued(i) ? "queued" : stale.has(i) ? "stale" : "");
  }
}

// ── Running a cell ───────────────────────────────────────────────────────────────────────────────

function controlValuesOf(cell: CellView): Record<number, ControlValue> {
  return Object.fromEntries(values.get(cell.index) ?? []);
}

function runCell(i: number): { cancel(): void; done: Promise<RunOutcome> } {
  const cell = cells[i];
  const source = cell.source;
  const sent = controlValuesOf(cell);
  cell.count.textContent = "*";
  cell.root.dataset.state = "running";
  showMarks();
  if (!kernel.started) requestIsolation();
  let cleared = false;
  let controlCount = 0;
  /** Cancelled by the page: its outputs are dropped, so it counts as cancelled however it ended. */
  let superseded = false;
  const started = kernel.run({ index: i, id: cell.id }, source, sent, (outputs: Output[]) => {
    const shown = outputs.filter((output) => !isControl(output));
    for (const output of outputs) if (isControl(output)) controlCount = Math.max(controlCount, placeControlOutput(cell, output, sent) + 1);
    if (shown.length === 0) return;
    if (!cleared) {
      // The old outputs stay until the new ones come, and their height until the run ends: the page
      // does not jump while a slider re-runs the cell. (Read here, not when the run starts: by now a
      // frame has laid the page out, so the read forces no layout inside the control's input event.)
      cell.output.style.minHeight = `${cell.output.offsetHeight}px`;
      cell.output.textContent = "";
    }
    cleared = true;
    cell.show(shown as Exclude<Output, ControlOutput>[]);
  });
  const done = started.done.then(
    (summary): RunOutcome => {
      cell.output.style.minHeight = "";
      if (summary.cancelled || superseded) {
        cell.root.dataset.state = "queued"; // it runs again with the newer value
        return "cancelled";
      }
      if (!cleared) cell.output.textContent = "";
      if (summary.ok) pruneControls(cell.controls, controlCount);
      if (summary.names) analysed.set(source, summary.names);
      cell.count.textContent = String(++executionCount);
      defined.set(i, summary.defined);
      cell.root.dataset.state = summary.ok ? "ok" : "error";
      return summary.ok ? "ok" : "error";
    },
    (error: unknown) => {
      cell.output.style.minHeight = "";
      cell.count.textContent = " ";
      cell.root.dataset.state = "interrupted";
      if (!(error instanceof Interrupted)) say(error instanceof Error ? error.message : String(error));
      throw error;
    },
  );
  void done.catch(() => undefined).finally(() => {
    setRunButton(cell, false);
    showUses();
    showMarks();
  });
  setRunButton(cell, true);
  const cancel = () => {
    superseded = true;
    kernel.cancel(started.runId);
  };
  return { cancel, done };
}

/** A control from the kernel into the cell; returns its key. */
function placeControlOutput(cell: CellView, output: ControlOutput, sent: Record<number, ControlValue>): number {
  const mine = values.get(cell.index);
  const current = mine?.get(output.key);
  const asked = sent[output.key];
  // The kernel refused a saved or shared value that no longer fits the control: the default stands.
  if (asked !== undefined && current !== undefined && sameValue(current, asked) && !sameValue(asked, output.value)) mine?.delete(output.key);
  placeControl(cell.controls, output, cell.index, mine?.get(output.key));
  return output.key;
}

function setRunButton(cell: CellView, on: boolean): void {
  const button = cell.root.querySelector<HTMLButtonElement>("[data-action=run]")!;
  button.textContent = on ? "Stop" : "Run";
  button.title = on ? "Interrupt: restarts the kernel" : "Run this cell (Shift+Enter)";
}

function restart(reason: string): void {
  const lost = [...defined.entries()].sort(([a], [b]) => a - b);
  const names = lost.flatMap(([, n]) => n);
  defined.clear();
  kernel.restart();
  scheduler.reset();
  showMarks();
  const cellsText = lost.map(([i]) => i + 1).join(", ");
  say(`${reason} The kernel restarted: ${names.length ? `lost ${names.join(", ")} (from cell${lost.length > 1 ? "s" : ""} ${cellsText}). Run the cells above again to restore them.` : "no names were defined yet."}`);
}

function interrupt(): void {
  const running = scheduler.running;
  restart(running !== null ? `Interrupted cell ${running + 1}.` : "Interrupted.");
}

// ── Control values ───────────────────────────────────────────────────────────────────────────────

/** Records the value the reader gave a control (the element is theirs from then on) and saves the page. */
function setValue(cell: CellView, key: number, value: ControlValue): void {
  values.set(cell.index, (values.get(cell.index) ?? new Map<number, ControlValue>()).set(key, value));
  save();
}

function onControl(cell: CellView, target: HTMLElement, type: string): void {
  const changed = controlEvent(target, type);
  if (!changed) return;
  setValue(cell, keyOf(changed.control), changed.value);
  scheduler.changed(cell.index);
}

// ── Editing ──────────────────────────────────────────────────────────────────────────────────────

async function openEditor(cell: CellView, doc: string, focus: boolean): Promise<void> {
  if (cell.editor) return focus ? cell.editor.focus() : undefined;
  const { createEditor } = await import("./editor.ts");
  if (cell.editor) return;
  const host = document.createElement("div");
  host.className = "nb-editor";
  cell.code.replaceWith(host);
  cell.editor = createEditor(host, doc, `Code of cell ${cell.index + 1}`, {
    run: () => scheduler.request([cell.index], false),
    leave: () => cell.root.querySelector<HTMLButtonElement>("[data-action=run]")?.focus(),
    change: () => saveSoon(),
  });
  if (focus) cell.editor.focus();
}

/** The published code changed since the reader edited the cell: the reader chooses. */
function offerUpdate(cell: CellView): void {
  cell.notice(
    `The published version of this cell has changed since you edited it. ` +
      `<button type="button" data-action="keep-mine">Keep mine</button> <button type="button" data-action="take-new">Take the new version</button>`,
  );
}

async function act(cell: CellView, action: string): Promise<void> {
  switch (action) {
    case "run":
      return scheduler.running === cell.index ? interrupt() : scheduler.request([cell.index], false);
    case "above":
      return scheduler.request(cells.slice(0, cell.index).map((c) => c.index), true);
    case "edit":
      return openEditor(cell, cell.published, true);
    case "reset":
      return resetCell(cell);
    case "keep-mine":
      cell.editedAgainst = cell.publishedHash;
      cell.notice(null);
      save();
      return say(`Cell ${cell.index + 1} keeps your version.`);
    case "take-new":
      cell.editor?.setValue(cell.published);
      cell.editedAgainst = cell.publishedHash;
      cell.notice(null);
      save();
      return say(`Cell ${cell.index + 1} now has the published version.`);
    case "copy":
      // The clipboard API exists only in secure contexts (https, localhost) and may be refused.
      return Promise.resolve()
        .then(() => navigator.clipboard.writeText(cell.source))
        .then(() => say(`Copied cell ${cell.index + 1}.`))
        .catch((error: unknown) => say(`Could not copy cell ${cell.index + 1}: ${error instanceof Error ? error.message : String(error)}`));
  }
}

/** Back to the published code and the controls' defaults; what the controls affected runs again. */
function resetCell(cell: CellView): void {
  cell.editor?.setValue(cell.published);
  cell.editedAgainst = cell.publishedHash;
  cell.notice(null);
  const moved = values.has(cell.index);
  values.delete(cell.index);
  for (const control of controlsIn(cell.controls)) writeControl(control, specOf(control).value);
  save();
  if (moved) scheduler.changed(cell.index);
  say(`Cell ${cell.index + 1} is back to its published code${moved ? " and its controls to their defaults" : ""}.`);
}

function resetPage(): void {
  localStorage.removeItem(STORAGE_KEY);
  values.clear();
  for (const cell of cells) {
    cell.editor?.setValue(cell.published);
    cell.editedAgainst = cell.publishedHash;
    cell.restoreBaked();
    enableControls(cell.controls);
  }
  if (kernel.started) restart("The page was reset.");
  showUses();
  say("The page is back to its published state: code, controls and outputs as built.");
}

// ── Saving and sharing ───────────────────────────────────────────────────────────────────────────

/**
 * What the reader changed, cell by cell: edited code, and control values other than the defaults
 * (buttons are actions, not state: their clicks are not kept).
 */
function changes(): SavedCells {
  const saved: SavedCells = {};
  for (const cell of cells) {
    const specs = new Map(controlsIn(cell.controls).map((c) => [keyOf(c), specOf(c)]));
    const kept = ([key, value]: [number, ControlValue]) => {
      const spec = specs.get(key);
      return spec !== undefined && spec.type !== "button" && !sameValue(value, spec.value);
    };
    const controls = Object.fromEntries([...(values.get(cell.index) ?? [])].filter(kept));
    const edited = cell.source !== cell.published;
    if (!edited && Object.keys(controls).length === 0) continue;
    saved[cell.key] = { published: edited ? cell.editedAgainst : cell.publishedHash, ...(edited ? { source: cell.source } : {}), ...(Object.keys(controls).length ? { controls } : {}) };
  }
  return saved;
}

function save(): void {
  try {
    const saved = changes();
    if (Object.keys(saved).length === 0) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
  } catch (error) {
    say(`Your changes could not be saved in this browser: ${error instanceof Error ? error.message : String(error)}`);
  }
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** After an edit: saves the code, and updates the "uses" labels once the kernel has read it. */
function saveSoon(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    save();
    if (kernel.started) void analyseEdits().catch(() => undefined);
  }, 400);
}

async function copyLink(): Promise<void> {
  const saved = changes();
  const link = `${location.href.split("#")[0]}${Object.keys(saved).length ? `#${await encodeShared(saved)}` : ""}`;
  const controls = Object.values(saved).reduce((n, cell) => n + Object.keys(cell.controls ?? {}).length, 0);
  const edits = Object.values(saved).filter((cell) => cell.source !== undefined).length;
  const what = controls + edits === 0 ? "to this page as published (nothing has been changed)" : `with ${controls} control value${controls === 1 ? "" : "s"} and ${edits} edited cell${edits === 1 ? "" : "s"}`;
  try {
    await navigator.clipboard.writeText(link);
    say(`Copied a link ${what}.`);
  } catch {
    say(`Could not copy to the clipboard; here is the link ${what}: ${link}`);
  }
}

/** Puts saved or shared changes on the page; returns the cells whose controls moved. */
async function restore(saved: SavedCells): Promise<number[]> {
  const moved: number[] = [];
  for (const cell of cells) {
    const entry = saved[cell.key];
    if (!entry) continue;
    if (entry.source !== undefined && entry.source !== cell.published) {
      cell.editedAgainst = entry.published;
      await openEditor(cell, entry.source, false);
      if (entry.published !== cell.publishedHash) offerUpdate(cell);
    }
    for (const [key, value] of Object.entries(entry.controls ?? {})) {
      const control = controlsIn(cell.controls).find((c) => keyOf(c) === Number(key));
      const spec = control && specOf(control);
      if (!control || !spec || spec.type === "button" || !acceptsValue(spec, value) || sameValue(value, spec.value)) continue;
      writeControl(control, value);
      values.set(cell.index, (values.get(cell.index) ?? new Map()).set(Number(key), value));
      if (!moved.includes(cell.index)) moved.push(cell.index);
    }
  }
  return moved;
}

function readStorage(): SavedCells {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text ? parseSavedCells(JSON.parse(text)) : {};
  } catch (error) {
    say(`Your saved changes to this page could not be read (${error instanceof Error ? error.message : String(error)}); the page shows its published state.`);
    return {};
  }
}

/** Puts the reader's saved changes, and a shared link's, on the page; runs what their controls affect. */
export async function start(): Promise<void> {
  let saved = readStorage();
  let shared = false;
  if (isShared(location.hash)) {
    try {
      saved = { ...saved, ...(await decodeShared(location.hash)) };
      shared = true;
    } catch (error) {
      say(`This link's notebook settings could not be read: ${error instanceof Error ? error.message : String(error)}. The page shows its published state.`);
    }
    history.replaceState(null, "", location.href.split("#")[0]);
  }
  const moved = await restore(saved);
  save();
  showUses();
  if (shared) say(`Opened a shared link: ${moved.length ? `running the cells its control values affect` : "its edits are in place"}.`);
  for (const i of moved) scheduler.changed(i);
}

/** A reader's action, as notebook.ts caught it. */
export function handle(action: PageAction): void {
  if (action.type === "toolbar") {
    if (action.action === "run-all") scheduler.request(cells.map((c) => c.index), true);
    else if (action.action === "interrupt") interrupt();
    else if (action.action === "restart") restart("Restarted on request.");
    else if (action.action === "copy-link") void copyLink();
    else if (action.action === "reset-page") resetPage();
    return;
  }
  const cell = cells[action.cell];
  if (action.type === "control") onControl(cell, action.target, action.event);
  else if (action.type === "edit") void openEditor(cell, cell.published, true);
  else if (action.type === "run") scheduler.request([cell.index], false);
  else if (action.type === "act") void act(cell, action.action);
}
