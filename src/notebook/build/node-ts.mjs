// Running the notebook kernel's TypeScript in plain Node (the bake's child process, bench/page.bench.ts):
// the flags Node needs for it, and the "ntk" import that astro.config.mjs and vitest.config.ts alias.
import { register } from "node:module";
import { pathToFileURL } from "node:url";

/** The kernel's classes use TypeScript parameter properties, which plain type stripping rejects. */
export const TS_FLAGS = ["--experimental-transform-types", "--disable-warning=ExperimentalWarning"];

/** Cells import the library as "ntk": resolve it to src/ntk/index.ts under `root`. Call before importing the kernel. */
export function registerNtkAlias(root = process.cwd()) {
  const ntk = pathToFileURL(`${root}/src/ntk/index.ts`).href;
  const hook = `export async function resolve(specifier, context, next) {
  return specifier === "ntk" ? { url: ${JSON.stringify(ntk)}, shortCircuit: true } : next(specifier, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
