// What a downloaded notebook gets from the site's kernel, in Deno (`deno run` and the Deno Jupyter
// kernel): display() and console output formatted as the page formats them (kernel/display.ts),
// progress(), the kernel's DOM document, and an explicit tfjs backend (wasm, as the build runs the
// cells, else cpu). In Jupyter, values are shown as rich output (figures as SVG, tables as HTML);
// in a terminal as text, each figure saved as a file beside the script's working folder.
import * as tf from "@tensorflow/tfjs";
import { formatArgs, toOutput, type TensorSupport } from "../notebook/kernel/display.ts";
import { kernelDocument } from "../notebook/kernel/modules.ts";
import { makeProgress } from "../notebook/kernel/progress.ts";
import type { Output } from "../notebook/protocol.ts";
import { mimeBundle, plainText, type MimeBundle } from "./mime.ts";

/** The part of Deno's API used here (this module is type-checked without Deno's types). */
interface DenoLike {
  jupyter: {
    display(bundle: MimeBundle, options: { raw: true }): Promise<void>;
    broadcast(type: "stream", content: { name: "stdout" | "stderr"; text: string }): Promise<void>;
  };
  mkdirSync(path: string, options: { recursive: true }): void;
  writeTextFileSync(path: string, text: string): void;
}

export type Backend = "wasm" | "cpu";

export interface NotebookOptions {
  /** The page's file name: figures are saved under `<name>-figures/` when not in Jupyter. */
  name: string;
  /** The tfjs backend to use (default "wasm", the build's; "cpu" if wasm does not start). */
  backend?: Backend;
}

export interface Notebook {
  /** Shows each value as the page does (`undefined`, a cell's value when it has none, shows nothing). */
  display(...values: unknown[]): void;
  /** Resolves once every output so far has reached Jupyter (at once outside Jupyter). */
  flush(): Promise<void>;
  progress: ReturnType<typeof makeProgress>;
  /** The DOM document figures are drawn in (linkedom's). */
  document: Document;
  /** The backend tfjs runs on. */
  backend: Backend;
}

function deno(): DenoLike {
  const value = (globalThis as { Deno?: DenoLike }).Deno;
  if (!value) throw new Error("the ntk notebook runtime runs in Deno (deno run -A, or the Deno Jupyter kernel)");
  return value;
}

/** Deno.jupyter, or null outside `deno jupyter` (where reading it throws). */
function jupyter(): DenoLike["jupyter"] | null {
  try {
    return deno().jupyter;
  } catch {
    return null;
  }
}

async function useBackend(backend: Backend): Promise<Backend> {
  if (backend === "wasm") {
    try {
      await import("@tensorflow/tfjs-backend-wasm");
      if (await tf.setBackend("wasm")) return "wasm";
      console.warn("tfjs: the wasm backend did not start; using cpu");
    } catch (error) {
      console.warn(`tfjs: the wasm backend did not start (${error instanceof Error ? error.message : String(error)}); using cpu`);
    }
  }
  if (!(await tf.setBackend("cpu"))) throw new Error("tfjs: the cpu backend did not start");
  await tf.ready();
  return "cpu";
}

/**
 * Deno's Jupyter kernel drops messages sent in a burst (measured with Deno 2.9.6: 30 console.log lines in a
 * loop arrive as 5), and a message still in flight when a cell ends lands in no cell. So in Jupyter every
 * output goes through one queue, a few milliseconds apart, and each exported cell ends with
 * `await flush()`, which also gives the last message time to leave before the cell ends.
 */
const MESSAGE_GAP_MS = 2;
const SETTLE_MS = 50;

function jupyterQueue(jupyter: DenoLike["jupyter"]) {
  let queue: Promise<void> = Promise.resolve();
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const tick = () => wait(MESSAGE_GAP_MS);
  const enqueue = (send: () => Promise<void>) => {
    queue = queue.then(send).then(tick);
  };
  return {
    stream: (name: "stdout" | "stderr") => (text: string) => enqueue(() => jupyter.broadcast("stream", { name, text: `${text}\n` })),
    display: (bundle: MimeBundle) => enqueue(() => jupyter.display(bundle, { raw: true })),
    flush: () => queue.then(() => wait(SETTLE_MS)),
  };
}

/** Starts the notebook: picks the backend, routes console output through the page's formatting. */
export async function startNotebook({ name, backend = "wasm" }: NotebookOptions): Promise<Notebook> {
  const tensors: TensorSupport = { isTensor: (value): value is tf.Tensor => value instanceof tf.Tensor };
  const chosen = await useBackend(backend);
  const notebook = jupyter();
  const queue = notebook ? jupyterQueue(notebook) : null;
  const log = queue?.stream("stdout") ?? console.log.bind(console);
  const warn = queue?.stream("stderr") ?? console.warn.bind(console);
  const print = (write: (text: string) => void) => (...args: unknown[]) => write(formatArgs(args, tensors));
  Object.assign(console, { log: print(log), info: print(log), debug: print(log), warn: print(warn), error: print(warn) });

  let figures = 0;
  const show = (output: Output) => {
    const bundle = mimeBundle(output);
    if (queue && bundle) return queue.display(bundle);
    const text = plainText(output);
    if (text === null) return;
    if (queue || output.kind !== "html") return log(text);
    const file = `${name}-figures/figure-${++figures}.${output.html.startsWith("<svg") ? "svg" : "html"}`;
    deno().mkdirSync(`${name}-figures`, { recursive: true });
    deno().writeTextFileSync(file, output.html);
    log(`[figure ${figures}: ${text} — saved as ${file}]`);
  };
  let progressCount = 0;
  return {
    display: (...values) => values.forEach((value) => value !== undefined && show(toOutput(value, tensors))),
    flush: () => queue?.flush() ?? Promise.resolve(),
    progress: makeProgress(() => {}, () => ++progressCount),
    document: await kernelDocument(),
    backend: chosen,
  };
}
