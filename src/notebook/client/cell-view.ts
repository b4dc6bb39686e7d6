// One cell on the page: its elements, what the build baked into it, and how a run, a queue mark or a
// stale mark shows on it.
import type { CellNames } from "../protocol.ts";
import { renderOutput, type ShownOutput } from "../render.ts";
import type { CellEditor } from "./editor.ts";
import { cellKey, hashSource } from "./saved-state.ts";

export type CellMark = "queued" | "running" | "stale" | "";

export class CellView {
  readonly id: string | null;
  readonly key: string;
  readonly code: HTMLElement;
  readonly controls: HTMLElement;
  readonly output: HTMLElement;
  readonly count: HTMLElement;
  readonly published: string;
  readonly publishedHash: string;
  /** What the published code defines and reads (worked out at build; null: it does not compile). */
  readonly publishedNames: CellNames | null;
  editor: CellEditor | null = null;
  /** The reader's edit was made against this published version (a site update may have changed it since). */
  editedAgainst: string;
  /** The cell as the build left it, for "Reset page". */
  private readonly baked: { controls: string; output: string; count: string };

  constructor(
    readonly index: number,
    readonly root: HTMLElement,
  ) {
    this.id = root.dataset.cellId ?? null;
    this.key = cellKey(index, this.id);
    this.code = root.querySelector<HTMLElement>(".nb-code")!;
    this.controls = root.querySelector<HTMLElement>(".nb-controls")!;
    this.output = root.querySelector<HTMLElement>(".nb-output")!;
    this.count = root.querySelector<HTMLElement>(".nb-count")!;
    this.published = this.code.textContent ?? "";
    this.publishedHash = hashSource(this.published);
    this.editedAgainst = this.publishedHash;
    this.publishedNames = root.dataset.names ? (JSON.parse(root.dataset.names) as CellNames) : null;
    this.baked = { controls: this.controls.innerHTML, output: this.output.innerHTML, count: this.count.textContent ?? "" };
  }

  get source(): string {
    return this.editor ? this.editor.value() : this.published;
  }

  get label(): string {
    return `cell ${this.index + 1}`;
  }

  /** Shows a mark on the cell: waiting its turn, running, or stale (a cell it uses ran since). */
  mark(mark: CellMark): void {
    const text = { queued: "queued", running: "running…", stale: "stale: a cell it uses has changed", "": "" }[mark];
    const shown = this.root.querySelector<HTMLElement>(".nb-mark");
    if (shown && shown.textContent !== text) shown.textContent = text;
    this.root.classList.toggle("nb-running", mark === "running");
    this.root.classList.toggle("nb-queued", mark === "queued");
    this.root.classList.toggle("nb-stale", mark === "stale");
  }

  /** "uses n, squares (cell 1)": what the cell reads from the cells above. */
  showUses(text: string): void {
    const uses = this.root.querySelector<HTMLElement>(".nb-uses");
    if (uses && uses.textContent !== text) uses.textContent = text;
  }

  /** Appends outputs (a progress bar replaces its earlier state). */
  show(outputs: readonly ShownOutput[]): void {
    for (const output of outputs) {
      const html = renderOutput(output);
      const bar = output.kind === "progress" ? this.output.querySelector(`[data-progress-id="${output.id}"]`) : null;
      if (bar) bar.outerHTML = html;
      else this.output.insertAdjacentHTML("beforeend", html);
    }
  }

  /** Back to what the build baked: controls, outputs, count, no marks. */
  restoreBaked(): void {
    this.controls.innerHTML = this.baked.controls;
    this.output.innerHTML = this.baked.output;
    this.count.textContent = this.baked.count;
    delete this.root.dataset.state;
    this.mark("");
    this.notice(null);
  }

  /** A notice inside the cell (the published code changed under the reader's edit), or none. */
  notice(html: string | null): void {
    this.root.querySelector(".nb-cell-notice")?.remove();
    if (html !== null) this.root.querySelector(".nb-input")!.insertAdjacentHTML("beforebegin", `<div class="nb-cell-notice" role="status">${html}</div>`);
  }
}
