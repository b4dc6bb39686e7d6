// Astro integration for the notebook runtime:
//  - the kernel worker is built as an ES module (it loads tfjs, Plot, ntk with dynamic imports);
//  - tfjs-backend-wasm's .wasm binaries are served by the site itself under <base>tfjs-wasm/;
//  - after the build, baked outputs no page used any more are pruned from the cache.
// (The notebook downloads are a route: src/pages/notebooks/[file].ts.)
import { copyFileSync, createReadStream, mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pruneBakeCache } from "./build/bake-cache.mjs";
import { WASM_ROUTE } from "./routes.ts";

const require = createRequire(import.meta.url);
const WASM_DIR = join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist");
const OPTIMIZED_DEPS = [
  "@tensorflow/tfjs",
  "@tensorflow/tfjs-backend-wasm",
  "@observablehq/plot",
  "linkedom",
  "sucrase",
  "acorn",
  "@codemirror/state",
  "@codemirror/view",
  "@codemirror/commands",
  "@codemirror/language",
  "@codemirror/lang-javascript",
  "@lezer/highlight",
];

/** @returns {import("astro").AstroIntegration} */
export default function notebook() {
  let buildStarted = Date.now();
  return {
    name: "ntk-notebook",
    hooks: {
      "astro:config:setup": ({ updateConfig }) => {
        updateConfig({
          vite: {
            worker: { format: "es" },
            // Dev server: pre-bundle what the worker and the editor import, or Vite discovers them
            // on first use and the worker's request fails with "504 Outdated Optimize Dep".
            optimizeDeps: { include: OPTIMIZED_DEPS },
          },
        });
      },
      "astro:server:setup": ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const match = /\/tfjs-wasm\/([\w-]+\.wasm)$/.exec(request.url ?? "");
          if (!match) return next();
          response.setHeader("Content-Type", "application/wasm");
          createReadStream(join(WASM_DIR, match[1])).on("error", () => next()).pipe(response);
        });
      },
      "astro:build:start": () => {
        buildStarted = Date.now();
      },
      "astro:build:done": ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        mkdirSync(join(out, WASM_ROUTE), { recursive: true });
        for (const file of readdirSync(WASM_DIR).filter((f) => f.endsWith(".wasm"))) copyFileSync(join(WASM_DIR, file), join(out, WASM_ROUTE, file));
        const pruned = pruneBakeCache(buildStarted);
        logger.info(`tfjs wasm binaries written; ${pruned} unused baked page${pruned === 1 ? "" : "s"} pruned from the cache`);
      },
    },
  };
}
