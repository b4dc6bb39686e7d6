// The files of a build folder, for the steps that run after the build (font subsets, sharing cards).
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** Every file under `dir`, at any depth, as full paths. @param {string} dir @returns {string[]} */
export function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
