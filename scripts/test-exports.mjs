// The downloads, run as a reader would run them, against the built site served on this machine:
//  (a) every page's notebooks/<page>.ts with `deno run -A`, from an empty folder, fetched over HTTP;
//      its printed numbers must be the page's (the outputs the build saved in the page's .ipynb) within
//      RELATIVE, and each figure it saves must be an SVG;
//  (b) every page's .ipynb (but the benchmarks page, which prints timings) executed by the real Jupyter
//      client (`jupyter nbconvert --execute`, Deno's kernel): it must run on tfjs-wasm, as the page
//      does, each cell's numbers must be the page's, and the outputs must hold the page's SVG figures.
// The site must have been built for this server: SITE_URL=http://127.0.0.1:<EXPORTS_PORT> and
// BASE_PATH=/ntk-notebook/ (scripts/test.mjs does so). Deno starts with an empty cache (DENO_DIR), so
// it fetches the site's modules as built and tfjs, Plot and linkedom from the npm registry, as a
// reader's first run does (Deno's --reload=<site> did not refetch a changed module, measured on 2.9.6).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ensureJupyter } from "./ensure-jupyter.mjs";
import { cellTexts, compareNumbers, scriptFigures, scriptText, svgFigures } from "./export-outputs.mjs";
import { serveSite } from "./static-server.mjs";

const EXPORTS_PORT = Number(process.env.EXPORTS_PORT ?? 4393);
const BASE_PATH = "/ntk-notebook/";
const DIST = resolve(process.env.EXPORTS_DIST ?? "dist");
/** A number the page prints and the download prints must agree to this, relative (or to its last digit). */
const RELATIVE = 1e-3;
/** How many notebooks Jupyter executes (default all; fewer: the quickest ones with a figure, by their Deno run times). */
const JUPYTER_NOTEBOOKS = Number(process.env.EXPORTS_JUPYTER_NOTEBOOKS ?? Infinity);
const RUN_TIMEOUT_MS = 300_000;
/** Pages whose numbers are not compared, only run: the benchmarks page prints timings. */
const TIMED_PAGES = ["benchmarks"];
const DENO = resolve("node_modules/.bin/deno");
const DENO_DIR = mkdtempSync(join(tmpdir(), "ntk-deno-dir-"));

/** @typedef {import("./export-outputs.mjs").Notebook} Notebook */

/**
 * Runs a command, collecting its output, with a time limit.
 * @param {string} command @param {string[]} args @param {{ cwd: string, env: Record<string, string | undefined> }} options
 * @returns {Promise<{ status: number | null, stdout: string, stderr: string, seconds: number }>}
 */
function run(command, args, options) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      stderr += `\n(stopped after ${RUN_TIMEOUT_MS / 1000} s)`;
      child.kill("SIGKILL");
    }, RUN_TIMEOUT_MS);
    child.on("close", (status) => {
      clearTimeout(timer);
      done({ status, stdout, stderr, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const denoEnv = () => ({ ...process.env, DENO_DIR, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" });

/**
 * The text at `url`, asked for a second time if the first request fails before any answer. Between
 * (a) and (b) the Jupyter install can leave the loopback server idle for a minute, and fetch may then
 * reuse a kept-alive socket that the server has just closed (read ECONNRESET, seen once in CI).
 * @param {string} url @returns {Promise<string>}
 */
async function fetchText(url) {
  const get = () => fetch(url);
  const response = await get().catch((error) => {
    console.log(`  (${url}: ${error.cause?.code ?? error.message}; asking again)`);
    return get();
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

/**
 * (a) One page's script in an empty folder. Returns the problems found and how long it ran.
 * @param {string} site @param {string} name @param {Notebook} saved
 */
async function runScript(site, name, saved) {
  const dir = mkdtempSync(join(tmpdir(), `ntk-export-${name}-`));
  try {
    writeFileSync(join(dir, `${name}.ts`), await fetchText(`${site}notebooks/${name}.ts`));
    const result = await run(DENO, ["run", "-A", `${name}.ts`], { cwd: dir, env: denoEnv() });
    if (result.status !== 0) return { seconds: result.seconds, problems: [`${name}.ts: deno run exited with ${result.status}:\n${result.stderr.slice(-3000)}`] };
    const page = cellTexts(saved).map((cell) => cell.text).join("\n");
    const problems = TIMED_PAGES.includes(name) ? [] : compareNumbers(page, scriptText(result.stdout), `${name}.ts`, RELATIVE);
    const figures = scriptFigures(result.stdout);
    const expected = svgFigures(saved).length;
    if (figures.length !== expected) problems.push(`${name}.ts: saved ${figures.length} figures, the page has ${expected}`);
    for (const file of figures) {
      const text = existsSync(join(dir, file)) ? readFileSync(join(dir, file), "utf8") : "";
      if (!/<svg[\s>]/.test(text)) problems.push(`${name}.ts: ${file} holds no SVG figure`);
    }
    return { seconds: result.seconds, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * (b) One page's notebook executed by Jupyter with Deno's kernel (kernelspec in `jupyterPath`).
 * @param {string} site @param {string} name @param {Notebook} saved @param {string} jupyterPath @param {string} jupyter
 */
async function runNotebook(site, name, saved, jupyterPath, jupyter) {
  const dir = mkdtempSync(join(tmpdir(), `ntk-ipynb-${name}-`));
  try {
    writeFileSync(join(dir, `${name}.ipynb`), await fetchText(`${site}notebooks/${name}.ipynb`));
    const args = ["nbconvert", "--to", "notebook", "--execute", `--ExecutePreprocessor.timeout=${RUN_TIMEOUT_MS / 1000}`, "--output", "executed", `${name}.ipynb`];
    const result = await run(jupyter, args, { cwd: dir, env: { ...denoEnv(), JUPYTER_PATH: jupyterPath, JUPYTER_PLATFORM_DIRS: "1" } });
    if (result.status !== 0) return { seconds: result.seconds, problems: [`${name}.ipynb: jupyter nbconvert --execute exited with ${result.status}:\n${result.stderr.slice(-3000)}`] };
    /** @type {Notebook} */
    const executed = JSON.parse(readFileSync(join(dir, "executed.ipynb"), "utf8"));
    const page = cellTexts(saved);
    const ran = cellTexts(executed);
    const problems = page.flatMap((cell, i) => compareNumbers(cell.text, ran[i]?.text ?? "", `${name}.ipynb cell ${cell.id}`, RELATIVE));
    // the runtime warns on stderr when tfjs-wasm does not start and it falls back to cpu
    const fellBack = executed.cells.flatMap((cell) => cell.outputs ?? []).map((o) => [o.text ?? ""].flat().join("")).find((text) => /backend did not start/.test(text));
    if (fellBack) problems.push(`${name}.ipynb: did not run on tfjs-wasm, as the page does: ${fellBack.trim().slice(0, 200)}`);
    const stray = executed.cells.flatMap((cell) => (cell.outputs ?? []).filter((o) => o.output_type === "execute_result")).map((o) => JSON.stringify(o.data).slice(0, 120));
    if (stray.length > 0) problems.push(`${name}.ipynb: cells returned values Jupyter printed as results (the page shows none): ${stray.join("; ")}`);
    const figures = svgFigures(executed).length;
    if (figures === 0 || figures !== svgFigures(saved).length) problems.push(`${name}.ipynb: ${figures} SVG figures after running, the page has ${svgFigures(saved).length}`);
    return { seconds: result.seconds, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The published declarations, as an editor or `deno check` reads them: usage type-checks, and a wrong
 * activation name is an error (so the types are really there, not `any`).
 * @param {string} ntkUrl
 */
async function checkTypes(ntkUrl) {
  const dir = mkdtempSync(join(tmpdir(), "ntk-types-"));
  try {
    const source = [
      `import { empiricalNTK, mlp } from ${JSON.stringify(ntkUrl)};`,
      'const net = mlp({ inputDim: 1, depth: 1, width: 8, activation: "relu" });',
      "const theta: number[][] = empiricalNTK(net, [[0]]);",
      "console.log(theta.length);",
      "// @ts-expect-error: the declarations name the activations",
      'mlp({ inputDim: 1, depth: 1, width: 8, activation: "nope" });',
    ].join("\n");
    writeFileSync(join(dir, "types.ts"), source);
    const result = await run(DENO, ["check", "--allow-import", "types.ts"], { cwd: dir, env: denoEnv() });
    return result.status === 0 ? [] : [`deno check of a script importing ${ntkUrl} failed:\n${result.stderr.slice(-2000)}`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Deno's kernelspec, in a folder of its own (JUPYTER_PATH), naming the project's deno. */
function kernelspec() {
  const dir = mkdtempSync(join(tmpdir(), "ntk-jupyter-"));
  mkdirSync(join(dir, "kernels", "deno"), { recursive: true });
  const spec = { argv: [DENO, "jupyter", "--kernel", "--conn", "{connection_file}"], display_name: "Deno", language: "typescript", env: { DENO_DIR, NO_COLOR: "1" } };
  writeFileSync(join(dir, "kernels", "deno", "kernel.json"), JSON.stringify(spec));
  return dir;
}

async function main() {
  const names = existsSync(join(DIST, "notebooks")) ? readdirSync(join(DIST, "notebooks")).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)).sort() : [];
  if (names.length === 0) throw new Error(`${DIST}/notebooks has no downloads: build the site first (npm run build)`);
  const server = await serveSite(DIST, BASE_PATH, EXPORTS_PORT);
  let failures = 0;
  try {
    const site = server.url;
    const sample = await fetchText(`${site}notebooks/${names[0]}.ts`);
    if (!sample.includes(`"${site}lib/`)) {
      throw new Error(`${DIST} was built for another site: its downloads do not import from ${site}lib/. Build with SITE_URL=http://127.0.0.1:${EXPORTS_PORT} BASE_PATH=${BASE_PATH}`);
    }
    /** @type {Map<string, Notebook>} */
    const saved = new Map();
    for (const name of names) saved.set(name, JSON.parse(await fetchText(`${site}notebooks/${name}.ipynb`)));

    console.log(`(a) deno run -A, every download (${names.length}), from an empty folder:`);
    /** @type {Map<string, number>} */
    const seconds = new Map();
    for (const name of names) {
      const result = await runScript(site, name, /** @type {Notebook} */ (saved.get(name)));
      seconds.set(name, result.seconds);
      failures += result.problems.length;
      console.log(`  ${result.problems.length === 0 ? "✓" : "✗"} ${name}.ts (${result.seconds.toFixed(1)} s)`);
      for (const problem of result.problems) console.error(`    ${problem}`);
    }

    const ntkUrl = /from "([^"]+\/lib\/ntk@[^"]+\.js)"/.exec(sample)?.[1];
    const typeProblems = ntkUrl ? await checkTypes(ntkUrl) : [`${names[0]}.ts imports no lib/ntk@<version>.js`];
    failures += typeProblems.length;
    console.log(`  ${typeProblems.length === 0 ? "✓" : "✗"} deno check: the published declarations type a script that uses ntk`);
    for (const problem of typeProblems) console.error(`    ${problem}`);

    const found = ensureJupyter();
    if ("missing" in found) {
      console.log(`(b) Jupyter: SKIPPED — ${found.missing}`);
    } else {
      const withFigures = names.filter((name) => !TIMED_PAGES.includes(name) && svgFigures(/** @type {Notebook} */ (saved.get(name))).length > 0);
      const chosen = withFigures.sort((a, b) => (seconds.get(a) ?? 0) - (seconds.get(b) ?? 0)).slice(0, JUPYTER_NOTEBOOKS).sort();
      console.log(`(b) jupyter nbconvert --execute, Deno kernel (${spawnSync(found.jupyter, ["nbconvert", "--version"], { encoding: "utf8" }).stdout.trim()}): ${chosen.join(", ")}`);
      const jupyterPath = kernelspec();
      try {
        for (const name of chosen) {
          const result = await runNotebook(site, name, /** @type {Notebook} */ (saved.get(name)), jupyterPath, found.jupyter);
          failures += result.problems.length;
          console.log(`  ${result.problems.length === 0 ? "✓" : "✗"} ${name}.ipynb (${result.seconds.toFixed(1)} s)`);
          for (const problem of result.problems) console.error(`    ${problem}`);
        }
      } finally {
        rmSync(jupyterPath, { recursive: true, force: true });
      }
    }
  } finally {
    await server.close();
    rmSync(DENO_DIR, { recursive: true, force: true });
  }
  if (failures > 0) {
    console.error(`\n${failures} problem(s) in the downloads`);
    process.exit(1);
  }
  console.log("\nThe downloads run and show the page's numbers.");
}

await main();
