// What the build and its bake child process (bake-child.ts) say to each other over IPC.
import type { Output } from "../protocol.ts";

export interface BakeCell {
  id: string | null;
  source: string;
}

/** Run a page's cells, in order, in a fresh kernel. */
export interface ToBake {
  cells: BakeCell[];
}

export type FromBake =
  /** The child is up; its inspector's WebSocket URL lets the build ask where a stuck cell is. */
  | { type: "ready"; inspector: string }
  | { type: "start"; index: number }
  | { type: "done"; index: number; outputs: Output[]; ok: boolean }
  /** Every cell of the page ran. */
  | { type: "page"; backend: string }
  | { type: "crash"; message: string };
