// What a reader changed on a page — edited cells and control values — as it is saved in localStorage
// and carried in a shared link. Each cell's entry is keyed by the cell's id (or "#n", its place) and
// remembers a hash of the published source it was made against, so a site update that changes the
// cell is noticed, never silently applied over the reader's edit.
import type { ControlValue } from "../controls.ts";
import { fnv1a } from "../hash.ts";

export interface SavedCell {
  /** hashSource() of the published source the reader's change was made against */
  published: string;
  /** the reader's code, when it differs from the published code */
  source?: string;
  /** the reader's control values, by key */
  controls?: Record<number, ControlValue>;
}

export type SavedCells = Record<string, SavedCell>;

/** A hash of the source, in hex: enough to tell one version of a cell from the next. */
export function hashSource(source: string): string {
  return fnv1a(source).toString(16).padStart(8, "0");
}

/** A cell's key in the saved state: its id, else its place on the page. */
export function cellKey(index: number, id: string | null): string {
  return id ?? `#${index + 1}`;
}

function isControlValue(value: unknown): value is ControlValue {
  if (Array.isArray(value)) return value.every((item) => typeof item === "string");
  return (typeof value === "number" && Number.isFinite(value)) || typeof value === "string" || typeof value === "boolean";
}

/**
 * Checks that `value` has the shape of saved cells and returns it; throws an Error saying what is
 * wrong (a shared link may be truncated or hand-edited; saved state may come from an older site).
 */
export function parseSavedCells(value: unknown): SavedCells {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("it is not a set of cells");
  const cells: SavedCells = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== "object" || entry === null) throw new Error(`cell ${key} is not an object`);
    const { published, source, controls } = entry as Record<string, unknown>;
    if (typeof published !== "string" || !/^[0-9a-f]{8}$/.test(published)) throw new Error(`cell ${key} has no published-version hash`);
    if (source !== undefined && typeof source !== "string") throw new Error(`cell ${key}'s code is not text`);
    const saved: SavedCell = { published, ...(source === undefined ? {} : { source }) };
    if (controls !== undefined) {
      if (typeof controls !== "object" || controls === null) throw new Error(`cell ${key}'s controls are not an object`);
      saved.controls = {};
      for (const [k, v] of Object.entries(controls)) {
        if (!/^\d+$/.test(k) || !isControlValue(v)) throw new Error(`cell ${key}'s control ${k} has a value no control holds`);
        saved.controls[Number(k)] = v;
      }
    }
    cells[key] = saved;
  }
  return cells;
}
