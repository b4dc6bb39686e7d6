// Astro integration: writes the published library (library.mjs) under <base>lib/ after the build,
// and serves it from the dev server (built on each request: esbuild takes well under a second).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildLibrary } from "./library.mjs";

const TYPES = { js: "text/javascript", ts: "application/typescript", map: "application/json" };

/** @returns {import("astro").AstroIntegration} */
export default function publishedLibrary() {
  /** @type {string} */
  let base = "/";
  return {
    name: "ntk-published-library",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base.endsWith("/") ? config.base : `${config.base}/`;
      },
      "astro:server:setup": ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const path = (request.url ?? "").split("?")[0];
          if (!path.startsWith(`${base}lib/`)) return next();
          buildLibrary()
            .then((files) => {
              const file = files.find((f) => `${base}${f.path}` === path);
              if (!file) return next();
              response.setHeader("Content-Type", TYPES[/** @type {keyof typeof TYPES} */ (path.split(".").pop())] ?? "application/octet-stream");
              response.end(file.contents);
            })
            .catch(next);
        });
      },
      "astro:build:done": async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const files = await buildLibrary();
        for (const file of files) {
          mkdirSync(dirname(join(out, file.path)), { recursive: true });
          writeFileSync(join(out, file.path), file.contents);
        }
        const size = (/** @type {string} */ path) => `${Math.round((files.find((f) => f.path === path)?.contents.length ?? 0) / 1024)} KB`;
        logger.info(`published under lib/: ${files.filter((f) => f.path.endsWith(".js")).map((f) => `${f.path.slice(4)} (${size(f.path)})`).join(", ")}`);
      },
    },
  };
}
