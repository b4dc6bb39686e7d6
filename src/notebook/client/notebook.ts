// The page side of the notebook, kept small (no tfjs, no editor, no session until needed): catches the
// reader's actions on cells, controls and the toolbar, and hands them to the notebook session
// (session.ts), loaded on the first action — or at once when the page has saved or shared changes.
// A moved control marks its cell at once, before the session has loaded.
import { isShared, storageKey } from "./state-keys.ts";

export type PageAction =
  | { type: "toolbar"; action: string }
  | { type: "act"; cell: number; action: string }
  | { type: "run" | "edit"; cell: number }
  | { type: "control"; cell: number; target: HTMLElement; event: string };

type Session = typeof import("./session.ts");
let session: Promise<Session> | null = null;

function load(): Promise<Session> {
  session ??= import("./session.ts").then(async (s) => {
    await s.start();
    return s;
  });
  return session;
}

function send(action: PageAction): void {
  void load().then((s) => s.handle(action));
}

const roots = [...document.querySelectorAll<HTMLElement>(".nb-cell")];
roots.forEach((root, cell) => {
  const code = root.querySelector<HTMLElement>(".nb-code")!;
  const controls = root.querySelector<HTMLElement>(".nb-controls")!;
  root.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest<HTMLElement>("[data-action]");
    if (button) send({ type: "act", cell, action: button.dataset.action! });
  });
  code.addEventListener("click", (event) => {
    // A name imported from "ntk" is a link to the API reference: following it does not open the editor.
    if (!(event.target as HTMLElement).closest("a[href]")) send({ type: "edit", cell });
  });
  root.addEventListener("keydown", (event) => {
    if (event.defaultPrevented) return; // the editor already handled it
    if (event.key === "Enter" && event.shiftKey) {
      event.preventDefault();
      send({ type: "run", cell });
    } else if (event.key === "Enter" && event.target === code) {
      event.preventDefault();
      send({ type: "edit", cell });
    }
  });
  for (const type of ["input", "click"]) {
    controls.addEventListener(type, (event) => {
      const target = event.target as HTMLElement;
      if (type === "input" && root.dataset.state === undefined) {
        root.dataset.state = "queued"; // the first visible reaction, before the session has loaded
        root.classList.add("nb-queued");
      }
      send({ type: "control", cell, target, event: type });
    });
  }
  // Baked controls are disabled (so they are without JavaScript): the page listens to them now.
  for (const element of controls.querySelectorAll<HTMLInputElement>("[disabled]")) element.disabled = false;
});

document.querySelector<HTMLElement>(".nb-toolbar")?.addEventListener("click", (event) => {
  const action = (event.target as HTMLElement).closest<HTMLElement>("[data-nb]")?.dataset.nb;
  if (action) send({ type: "toolbar", action });
});

// Every control is wired: show them (global.css kept their room hidden until now).
document.documentElement.dataset.notebook = "ready";
if (localStorage.getItem(storageKey(location.pathname)) !== null || isShared(location.hash)) void load();
