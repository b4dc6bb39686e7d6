// Serves a built site under its base path, with the content types GitHub Pages sends (.ts and .d.ts
// as video/mp2t, which Deno reads as TypeScript), for the export tests and the page benchmarks. Only GET and HEAD; loopback only.
// `headers` go on every response (bench/browser.bench.ts serves its page cross-origin isolated with them).
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "application/javascript; charset=utf-8",
  ".mjs": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".ipynb": "application/x-ipynb+json",
  ".ts": "video/mp2t",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * @param {string} dir the built site @param {string} base e.g. "/ntk-notebook/" @param {number} port (0: any free port)
 * @param {Record<string, string>} [headers] sent with every response, e.g. COOP/COEP
 * @returns {Promise<{ url: string, close(): Promise<void> }>} url: the site's root, base included
 */
export function serveSite(dir, base, port, headers = {}) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? "/").split("?")[0]);
    let file = path.startsWith(base) ? normalize(join(dir, path.slice(base.length))) : null;
    if (file && !file.startsWith(normalize(dir))) file = null;
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file || !existsSync(file) || (request.method !== "GET" && request.method !== "HEAD")) {
      response.writeHead(404, { ...headers, "Content-Type": "text/plain" }).end(`not found: ${path}`);
      return;
    }
    response.writeHead(200, { ...headers, "Content-Type": TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? "application/octet-stream" });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once("error", (error) => reject(new Error(`cannot serve the site on 127.0.0.1:${port}: ${error.message}`)));
    server.listen(port, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (server.address()).port}${base}`, close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}
