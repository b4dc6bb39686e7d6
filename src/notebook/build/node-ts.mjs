// Running the notebook kernel's TypeScript in plain Node (the bake's child process, bench/page.bench.ts).
// The cells' "ntk" resolves like any package: package.json links node_modules/ntk to src/ntk.

/** The kernel's classes use TypeScript parameter properties, which plain type stripping rejects. */
export const TS_FLAGS = ["--experimental-transform-types", "--disable-warning=ExperimentalWarning"];
