// Astro integration for the notebook runtime:
//  - the kernel worker is built as an ES module (it loads tfjs, Plot, ntk with dynamic imports);
//  - tfjs-backend-wasm's .wasm binaries are served by the site itself under <base>tfjs-wasm/;
//  - after the build, every page with cells gets notebooks/<file>.ipynb and notebooks/<file>.ts.
import { copyFileSync, createReadStream, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { scanPage } from "./cells.mjs";
import { toIpynb, toScript } from "./export.mjs";
import { notebookFiles } from "./remark-cells.mjs";

const require = createRequire(import.meta.url);
const WASM_DIR = join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist");
// The client (client/notebook.ts) and the toolbar use the same two paths.
const WASM_ROUTE = "tfjs-wasm/";
const NOTEBOOK_ROUTE = "notebooks/";
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

/** @param {string} name */
function versionOf(name) {
  // Not require.resolve(`${name}/package.json`): packages with an "exports" map hide it.
  return JSON.parse(readFileSync(join(process.cwd(), "node_modules", name, "package.json"), "utf8")).version;
}

/** @param {string} file */
function titleOf(file) {
  const match = /^title:\s*(.+)$/m.exec(readFileSync(file, "utf8"));
  return match ? match[1].replace(/^["']|["']$/g, "") : basename(file, ".mdx");
}

/** @returns {import("astro").AstroIntegration} */
export default function notebook() {
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
      "astro:build:done": ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        mkdirSync(join(out, WASM_ROUTE), { recursive: true });
        for (const file of readdirSync(WASM_DIR).filter((f) => f.endsWith(".wasm"))) copyFileSync(join(WASM_DIR, file), join(out, WASM_ROUTE, file));
        const versions = Object.fromEntries(["@tensorflow/tfjs", "@observablehq/plot", "linkedom"].map((name) => [name, versionOf(name)]));
        mkdirSync(join(out, NOTEBOOK_ROUTE), { recursive: true });
        for (const file of notebookFiles) {
          const blocks = scanPage(readFileSync(file, "utf8"));
          const name = basename(file, ".mdx");
          writeFileSync(join(out, NOTEBOOK_ROUTE, `${name}.ipynb`), toIpynb(titleOf(file), blocks, versions));
          writeFileSync(join(out, NOTEBOOK_ROUTE, `${name}.ts`), toScript(titleOf(file), blocks, versions));
        }
        logger.info(`tfjs wasm binaries and ${notebookFiles.size} notebook downloads written`);
      },
    },
  };
}
