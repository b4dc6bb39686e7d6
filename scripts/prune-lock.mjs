// Run after `npm install` changes package-lock.json. The registry these machines reach lacks some
// other platforms' optional binaries at the locked versions (e.g. @pagefind/darwin-arm64@1.6.0);
// npm leaves them out of the lock but still lists them under their parent, and `npm ci` then
// rejects the lock as out of sync. This drops exactly those dangling optional entries.
import { readFileSync, writeFileSync } from "node:fs";

const LOCK = "package-lock.json";
const lock = JSON.parse(readFileSync(LOCK, "utf8"));
const packages = lock.packages;

/**
 * Whether `name` resolves from the package at `from`, walking up nested node_modules like Node does.
 * @param {string} from a lock path, "node_modules/a/node_modules/b" @param {string} name
 */
function resolves(from, name) {
  let dir = from;
  for (;;) {
    if (packages[`${dir ? `${dir}/` : ""}node_modules/${name}`]) return true;
    if (!dir) return false;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i < 0 ? "" : dir.slice(0, i);
  }
}

const dropped = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!resolves(path, name)) {
      delete entry.optionalDependencies[name];
      dropped.push(`${path || "(root)"} → ${name}`);
    }
  }
}
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(dropped.length === 0 ? "package-lock.json: nothing to prune" : `package-lock.json: dropped ${dropped.length} optional entries the registry cannot serve:\n  ${dropped.join("\n  ")}`);
