// `npm test`: every test, in order — unit tests (vitest), the project's type-check, the cells'
// type-check, the site build under the GitHub Pages sub-path (its URL a local server's, so the
// downloads import the library from it), the downloads run by Deno and Jupyter against that server,
// then the browser tests (Playwright) against the build. Stops at the first failing step.
import { spawnSync } from "node:child_process";
import { ensureBrowser } from "./ensure-browser.mjs";

const BASE_PATH = "/ntk-notebook/";
// scripts/test-exports.mjs serves the build here; the downloads import from this URL.
const EXPORTS_PORT = process.env.EXPORTS_PORT ?? "4393";
const SITE_URL = `http://127.0.0.1:${EXPORTS_PORT}`;
const bin = (/** @type {string} */ name) => `node_modules/.bin/${name}`;

/** @type {{name: string, command: string, args: string[], env?: Record<string, string>}[]} */
const steps = [
  { name: "unit tests", command: bin("vitest"), args: ["run"] },
  { name: "type-check (astro sync, tsc)", command: "npm", args: ["run", "-s", "typecheck"] }, // src, components, tests, bench, scripts
  { name: "cell type-check", command: "node", args: ["scripts/check-cells.mjs"] }, // notebook runtime
  { name: `build (${SITE_URL}${BASE_PATH})`, command: "npm", args: ["run", "-s", "build"], env: { BASE_PATH, SITE_URL } },
  { name: "downloads run by Deno and Jupyter", command: "node", args: ["scripts/test-exports.mjs"], env: { EXPORTS_PORT } },
  { name: "browser tests", command: bin("playwright"), args: ["test"] },
];

let passed = 0;
const started = Date.now();
try {
  console.log(`Chromium for the browser tests: ${ensureBrowser()}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
for (const step of steps) {
  console.log(`\n▶ ${step.name}`);
  const t0 = Date.now();
  const result = spawnSync(step.command, step.args, { stdio: "inherit", env: { ...process.env, ...step.env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${step.name} failed after ${seconds} s`);
    console.log(`steps: ${passed} passed, 1 failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${step.name} (${seconds} s)`);
  passed += 1;
}
console.log(`\nAll test steps passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
console.log(`steps: ${passed} passed, 0 failed`);
