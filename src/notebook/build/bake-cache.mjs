// Where the build keeps each page's baked outputs (src/notebook/build/bake.ts), and the pruning of
// entries no page of the latest build used. Plain JavaScript: the Astro integration runs it after the build.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

export const CACHE_DIR = join(process.cwd(), ".cache", "notebook");

/**
 * Removes cached pages not used since `since` (ms since the epoch): bake.ts touches an entry on every
 * use, so after a build this leaves exactly the entries its pages used.
 * @param {number} since @returns {number} how many were removed
 */
export function pruneBakeCache(since) {
  if (!existsSync(CACHE_DIR)) return 0;
  const stale = readdirSync(CACHE_DIR).filter((name) => statSync(join(CACHE_DIR, name)).mtimeMs < since);
  for (const name of stale) rmSync(join(CACHE_DIR, name), { force: true });
  return stale.length;
}
