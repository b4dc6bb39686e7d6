// The exact versions the published module and the downloads pin their npm dependencies to: the
// ones in package-lock.json, which `npm ci` installs and the site's own kernel runs.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** @type {Map<string, Record<string, { version?: string }>>} */
const locks = new Map();

/**
 * The locked version of a top-level dependency.
 * @param {string} name package name, e.g. "@tensorflow/tfjs"
 * @param {string} [root] the project folder
 * @returns {string}
 */
export function lockedVersion(name, root = process.cwd()) {
  let packages = locks.get(root);
  if (!packages) {
    packages = /** @type {{ packages: Record<string, { version?: string }> }} */ (JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"))).packages;
    locks.set(root, packages);
  }
  const version = packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`package-lock.json has no node_modules/${name}: add it to package.json and run npm install`);
  return version;
}

/**
 * `npm:<name>@<locked version><subpath>` for a bare import such as "@tensorflow/tfjs" or "linkedom/worker".
 * @param {string} specifier @param {string} [root]
 */
export function npmSpecifier(specifier, root) {
  const parts = specifier.split("/");
  const nameLength = specifier.startsWith("@") ? 2 : 1;
  const name = parts.slice(0, nameLength).join("/");
  const subpath = parts.slice(nameLength).join("/");
  return `npm:${name}@${lockedVersion(name, root)}${subpath ? `/${subpath}` : ""}`;
}

/** The library's version (src/ntk/package.json): the published module's. @param {string} [root] */
export function libraryVersion(root = process.cwd()) {
  return /** @type {{ version: string }} */ (JSON.parse(readFileSync(join(root, "src/ntk/package.json"), "utf8"))).version;
}
