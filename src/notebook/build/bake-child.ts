// The bake's child process (started by cell-runner.ts): runs a page's cells in the notebook kernel,
// one page at a time, telling the build as each cell starts and ends. Being a process of its own, a
// cell that loops or eats memory can be stopped without stopping the build; the inspector it opens
// lets the build ask where such a cell was when it stopped it (globalThis.__nbLocate).
// Run with node-ts.mjs's TS_FLAGS.
import inspector from "node:inspector";
import type { FromBake, ToBake } from "./bake-protocol.ts";
import { startNodeKernel } from "./node-kernel.ts";
import { appendOutput } from "../render.ts";
import type { Output } from "../protocol.ts";

function send(message: FromBake): void {
  if (process.connected) process.send?.(message);
}

inspector.open(0, "127.0.0.1", false);
process.on("disconnect", () => process.exit(0)); // the build is over (or was stopped)

process.on("message", async (message: ToBake) => {
  try {
    const kernel = await startNodeKernel();
    Object.assign(globalThis, { __nbLocate: (url: string, line: number, column: number) => kernel.locate(url, { line, column }) });
    for (const [index, cell] of message.cells.entries()) {
      send({ type: "start", index });
      const outputs: Output[] = [];
      const summary = await kernel.run(cell.source, { index, id: cell.id }, (output) => appendOutput(outputs, output));
      send({ type: "done", index, outputs, ok: summary.ok });
      if (!summary.ok) return;
    }
    send({ type: "page", backend: kernel.backend.name });
  } catch (error) {
    send({ type: "crash", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});

send({ type: "ready", inspector: inspector.url() ?? "" });
