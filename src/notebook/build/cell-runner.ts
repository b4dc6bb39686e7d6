// Runs a page's cells at build in a child process (bake-child.ts), under limits, so that no cell can
// hang the build or exhaust the machine:
//  - a time limit per cell (60 s, or the fence's timeout=seconds): past it the process is stopped, and
//    the error says which line the cell was running (asked of the child's inspector, over CDP);
//  - a memory limit for the process (NTK_BAKE_MEMORY_MB, 2048 MB): its resident memory is read from
//    /proc every 200 ms (Linux; elsewhere only V8's heap is capped, by --max-old-space-size);
//  - a cell still running after 5 s is named in the log.
// One process serves the pages of a build one after another; a stopped one is replaced for the next page.
import { fork, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Output } from "../protocol.ts";
import type { BakeCell, FromBake, ToBake } from "./bake-protocol.ts";
import { TS_FLAGS } from "./node-ts.mjs";

export const DEFAULT_TIMEOUT_S = 60;
const SLOW_S = 5;
/** The bake process's memory limit in MB: NTK_BAKE_MEMORY_MB, read for each page. */
function memoryLimitMb(): number {
  const mb = Number(process.env.NTK_BAKE_MEMORY_MB ?? 2048);
  if (!(mb > 0)) throw new Error(`NTK_BAKE_MEMORY_MB must be a positive number of megabytes (got "${process.env.NTK_BAKE_MEMORY_MB}")`);
  return mb;
}
const MEMORY_POLL_MS = 200;
const LOCATE_MS = 3000;

export interface RunnableCell extends BakeCell {
  /** seconds this cell may run (the fence's timeout=) */
  timeout?: number;
}

export interface PageRun {
  /** each cell's outputs, up to and including the first that failed */
  outputs: Output[][];
  backend: string;
}

/** A cell went past a limit: `cell` is its index, `message` says which limit and where it was. */
export class CellLimitError extends Error {
  constructor(
    readonly cell: number,
    message: string,
  ) {
    super(message);
    this.name = "CellLimitError";
  }
}

interface Child {
  process: ChildProcess;
  inspector: string;
}

let current: Promise<Child> | null = null;

function startChild(): Promise<Child> {
  const child = fork(join(process.cwd(), "src/notebook/build/bake-child.ts"), [], {
    // The inspector's URL reaches the build over IPC, not as a "Debugger listening" line in its log.
    execArgv: [...TS_FLAGS, `--max-old-space-size=${memoryLimitMb()}`, "--inspect-publish-uid=http"],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", (message: FromBake) => (message.type === "ready" ? resolve({ process: child, inspector: message.inspector }) : reject(new Error(`the bake process did not start: ${JSON.stringify(message)}`))));
    child.once("exit", (code, signal) => reject(new Error(`the bake process did not start (exit ${signal ?? code}); it needs Node ≥ 22.7 (${process.execPath} is ${process.version})`)));
  });
}

/** Between pages the child must not keep the build's process alive (while it starts or runs a page, it must). */
function idle(child: ChildProcess): void {
  child.unref();
  (child.channel as { unref?: () => void } | undefined)?.unref?.();
}

function busy(child: ChildProcess): void {
  child.ref();
  (child.channel as { ref?: () => void } | undefined)?.ref?.();
}

/** Resident memory of a process in MB, where /proc tells (Linux). */
function residentMb(pid: number): number | null {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return null;
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(status, "utf8"))?.[1];
  return kb === undefined ? null : Number(kb) / 1024;
}

/**
 * Pauses the child through its inspector and asks it where the running cell is: "cell 3 (id=fit),
 * line 5:9", or null when it cannot tell (in library code, or the inspector did not answer in time).
 */
function locate(inspectorUrl: string): Promise<string | null> {
  if (!inspectorUrl || typeof WebSocket === "undefined") return Promise.resolve(null);
  return new Promise((resolve) => {
    const socket = new WebSocket(inspectorUrl);
    const scripts = new Map<string, string>();
    let done = false;
    const finish = (where: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      resolve(where);
    };
    const timer = setTimeout(() => finish(null), LOCATE_MS);
    let id = 0;
    const call = (method: string, params: object = {}) => socket.send(JSON.stringify({ id: ++id, method, params }));
    socket.onopen = () => {
      call("Debugger.enable");
      call("Debugger.pause");
    };
    socket.onerror = () => finish(null);
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as { method?: string; params?: Record<string, unknown>; result?: { result?: { value?: unknown } } };
      if (message.method === "Debugger.scriptParsed") {
        const { scriptId, url } = message.params as { scriptId: string; url: string };
        scripts.set(scriptId, url);
      } else if (message.method === "Debugger.paused") {
        type Frame = { callFrameId: string; url?: string; location: { scriptId: string; lineNumber: number; columnNumber: number } };
        const frames = (message.params as { callFrames: Frame[] }).callFrames.map((f) => ({ ...f, url: f.url || scripts.get(f.location.scriptId) || "" }));
        const frame = frames.find((f) => /^nb-run-\d+$/.test(f.url));
        if (!frame) return finish(null);
        const { lineNumber, columnNumber } = frame.location;
        call("Debugger.evaluateOnCallFrame", {
          callFrameId: frame.callFrameId,
          expression: `globalThis.__nbLocate(${JSON.stringify(frame.url)}, ${lineNumber + 1}, ${columnNumber + 1})`,
          returnByValue: true,
        });
      } else if (message.result?.result !== undefined) {
        const value = message.result.result.value;
        finish(typeof value === "string" ? value : null);
      }
    };
  });
}

/**
 * Runs `cells` in order in a fresh kernel of the bake process. Resolves with their outputs (stopping
 * after the first cell that fails); rejects with a CellLimitError for a cell past a limit.
 * `log` gets "still running" lines.
 */
export async function runPage(cells: readonly RunnableCell[], label: (index: number) => string, log: (line: string) => void): Promise<PageRun> {
  const limitMb = memoryLimitMb();
  current ??= startChild();
  const child = await current;
  busy(child.process);
  try {
    return await new Promise<PageRun>((resolve, reject) => {
      const outputs: Output[][] = [];
      let running = -1;
      let peakMb = 0;
      let timers: ReturnType<typeof setTimeout>[] = [];
      const clearTimers = () => {
        timers.forEach(clearTimeout);
        timers = [];
      };
      const settle = (result: PageRun | Error) => {
        clearTimers();
        clearInterval(memoryWatch);
        child.process.off("message", onMessage);
        child.process.off("exit", onExit);
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      /** A limit was passed: ask where the cell is, stop the process, fail naming the cell. */
      const stop = async (what: string) => {
        clearTimers();
        clearInterval(memoryWatch);
        const cell = running;
        const at = await locate(child.inspector);
        current = null;
        child.process.off("exit", onExit);
        child.process.kill("SIGKILL");
        settle(new CellLimitError(cell, `${label(cell)} ${what}${at ? ` (it was at ${at})` : ""}`));
      };
      const memoryWatch = setInterval(() => {
        const mb = residentMb(child.process.pid!);
        if (mb === null) return;
        peakMb = Math.max(peakMb, mb);
        if (mb > limitMb && running >= 0) void stop(`used more than ${limitMb} MB of memory (${Math.round(mb)} MB resident); the limit is NTK_BAKE_MEMORY_MB`);
      }, MEMORY_POLL_MS);
      const onMessage = (message: FromBake) => {
        if (message.type === "start") {
          running = message.index;
          const cell = cells[running];
          const seconds = cell.timeout ?? DEFAULT_TIMEOUT_S;
          const longer = `\`\`\`ts cell${cell.id ? ` id=${cell.id}` : ""} timeout=${seconds * 2}`;
          timers.push(setTimeout(() => log(`${label(running)} is still running after ${SLOW_S} s (its limit is ${seconds} s)`), SLOW_S * 1000));
          timers.push(setTimeout(() => void stop(`did not finish within its ${seconds} s limit; if it needs longer, say so in its fence: ${longer}`), seconds * 1000));
        } else if (message.type === "done") {
          clearTimers();
          outputs[message.index] = message.outputs;
          if (!message.ok) settle({ outputs, backend: "" });
        } else if (message.type === "page") {
          settle({ outputs, backend: message.backend });
        } else if (message.type === "crash") {
          settle(new Error(`the bake process failed: ${message.message}`));
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        current = null;
        const memory = peakMb > 0 ? `; ${Math.round(peakMb)} MB resident at the last reading` : "";
        settle(new CellLimitError(running, `${running >= 0 ? label(running) : "the page"} stopped the bake process (${signal ?? `exit ${code}`}${memory})`));
      };
      child.process.on("message", onMessage);
      child.process.once("exit", onExit);
      child.process.send({ cells: cells.map(({ id, source }) => ({ id, source })) } satisfies ToBake);
    });
  } finally {
    idle(child.process);
  }
}
