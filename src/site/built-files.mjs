// The files under a folder: a build folder's, for the steps after the build (font subsets, sharing
// cards), and the page folders' (src/notebook/cells.mjs).
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** Every file under `dir`, at any depth, as full paths. @param {string} dir @returns {string[]} */
export function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
