// "Download notebook": a page as a Jupyter notebook for the Deno kernel and as a plain .ts script
// (`deno run -A`), both runnable with no checkout. A prelude imports from the site that published
// the page what its kernel gives cells (display, progress, a document for Plot, the tfjs backend:
// src/publish/runtime.ts); cells import tfjs from npm and Plot and `ntk` from that site
// (src/publish/library.mjs, denoModules). A cell's last expression is shown with display(), as the
// page shows it; a control a cell makes (`Inputs.range(…)`) becomes a constant: the value it had at
// build, with a comment naming it. The .ipynb keeps the page's outputs, as a saved notebook does.
import { parse } from "@babel/parser";
import { MODULES } from "./kernel/transform.ts";
import { lineColumnToOffset } from "./kernel/positions.ts";
import { cellsAsProgram } from "./program.mjs";
import { notebookOutputs } from "../publish/mime.ts";

/** @typedef {ReturnType<typeof import("./cells.mjs").scanPage>[number]} Block */
/** @typedef {import("./kernel/transform.ts").ModuleName} ModuleName */
/**
 * @typedef {object} Published where the download's imports come from
 * @property {string} notebook absolute URL of the notebook runtime (src/publish/runtime.ts)
 * @property {Record<ModuleName, string>} modules each module a cell may import → its Deno specifier
 */

/**
 * The first code cell: starts the runtime that gives cells what the page's kernel gives them.
 * Its names are `var`, not `const`: in Deno's Jupyter kernel a cell's top-level `const` is a global binding
 * that stays uninitialised until the cell's `await startNotebook(…)` returns, and tfjs-wasm's loader, run
 * meanwhile, reads `typeof document`, which then threw "document is not defined": tfjs-wasm did not start
 * in Jupyter (measured with Deno 2.9.6). A `var` is `undefined` until then; in `deno run` it is the module's.
 * @param {string} name the page's file name (figures are saved under <name>-figures/ outside Jupyter)
 * @param {Published} published
 * @returns {string}
 */
export function prelude(name, published) {
  return [
    "// What the page's kernel gives every cell: display(), progress(), a document for Plot figures, and",
    "// the tfjs backend the site builds with (wasm, else cpu). In Jupyter, tables and figures show as HTML",
    "// and SVG (each cell ends with `await flush()`, which waits until its outputs have reached Jupyter);",
    "// in a terminal as text, each figure saved under ./" + name + "-figures/. (`var`, so that in Jupyter",
    "// `document` is undefined, not unreadable, while tfjs-wasm starts.)",
    `import { startNotebook } from ${JSON.stringify(published.notebook)};`,
    `var { display, flush, progress, document } = await startNotebook({ name: ${JSON.stringify(name)}, backend: "wasm" });`,
  ].join("\n");
}

const MODULE_IMPORT = new RegExp(`(\\bfrom\\s*|\\bimport\\s*)(["'])(${MODULES.map((m) => m.replace(/[/.]/g, "\\$&")).join("|")})\\2`, "g");

/**
 * Cell imports → the specifiers Deno resolves.
 * @param {string} source @param {Record<ModuleName, string>} modules
 */
export function denoImports(source, modules) {
  return source.replace(MODULE_IMPORT, (_, keyword, quote, /** @type {ModuleName} */ name) => `${keyword}${quote}${modules[name]}${quote}`);
}

/**
 * The cell's last statement, when it is an expression, wrapped in display(…): the value the page
 * shows as the cell's result, shown the same way (a sequence `a, b` is left alone).
 * @param {string} source a cell's TypeScript
 * @returns {string}
 */
export function displayLastValue(source) {
  const body = parse(source, { sourceType: "module", plugins: ["typescript"], allowAwaitOutsideFunction: true }).program.body;
  const last = body[body.length - 1];
  if (last?.type !== "ExpressionStatement" || last.expression.type === "SequenceExpression") return source;
  const { start, end } = /** @type {{ start: number, end: number }} */ (last.expression);
  const text = source.slice(start, end);
  // parentheses around the expression (`({ a: 1 })`) lie outside its range and stay around display(…)
  return `${source.slice(0, start)}display(${text})${source.slice(end)}`;
}

/** @param {string} text */
function lines(text) {
  return text.split("\n").map((line, i, all) => (i < all.length - 1 ? `${line}\n` : line));
}

/**
 * A page's cells as the downloads run them: controls already constants (controlsAsConstants), each
 * last value displayed, imports from the published modules.
 * @param {Block[]} blocks @param {Published} published
 * @returns {Block[]}
 */
function runnable(blocks, published) {
  return blocks.map((block) => (block.kind === "cell" ? { ...block, source: denoImports(displayLastValue(block.source), published.modules) } : block));
}

/**
 * @param {string} title @param {string} name @param {Block[]} blocks
 * @param {Published} published
 * @param {import("./protocol.ts").Output[][]} outputs the page's outputs, one list per cell
 */
export function toIpynb(title, name, blocks, published, outputs) {
  let n = 0;
  let c = 0;
  const code = (/** @type {string} */ source, /** @type {string} */ id, /** @type {import("./protocol.ts").Output[]} */ out) => ({ cell_type: "code", id, execution_count: null, metadata: {}, outputs: notebookOutputs(out), source: lines(source) });
  const cells = [
    { cell_type: "markdown", id: "title", metadata: {}, source: lines(`# ${title}`) },
    code(prelude(name, published), "prelude", []),
    ...runnable(blocks, published).map((block) =>
      block.kind === "markdown" ? { cell_type: "markdown", id: `md-${++n}`, metadata: {}, source: lines(block.text) } : code(`${block.source}\nawait flush();`, block.id ?? `cell-${++n}`, outputs[c++] ?? []),
    ),
  ];
  const notebook = {
    cells,
    metadata: {
      kernelspec: { display_name: "Deno", language: "typescript", name: "deno" },
      language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/x.typescript", codemirror_mode: "typescript", pygments_lexer: "typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/**
 * The cells as one script, each nested in the block of the one before (see program.mjs).
 * @param {string} title @param {string} name @param {Block[]} blocks @param {Published} published
 */
export function toScript(title, name, blocks, published) {
  const cells = runnable(blocks, published).flatMap((block) => (block.kind === "cell" ? [{ id: block.id, source: block.source }] : []));
  return `// ${title}: the cells of this page as one script (deno run -A ${name}.ts).\n${prelude(name, published)}\n\n${cellsAsProgram(cells).text}`;
}

/**
 * Replaces each `Inputs.<type>(…)` call of a cell by the value the cell got from it at build (from the
 * baked control outputs), with a comment naming the control. Throws, naming the line, for a control
 * the download cannot write as one constant.
 * @param {string} source
 * @param {import("./protocol.ts").ControlOutput[]} controls the cell's baked control outputs
 * @returns {string}
 */
export function controlsAsConstants(source, controls) {
  /** @type {Map<string, import("./protocol.ts").ControlOutput>} */
  const bySite = new Map();
  for (const control of controls) {
    const where = control.site ? `line ${control.site.start.line}:${control.site.start.column}` : `control ${control.key + 1}`;
    if (control.site === null) throw new Error(`${where}: the control is not made by a call written Inputs.${control.spec.type}(…), so the download cannot replace it by its value`);
    if (control.literal === null) throw new Error(`${where}: the value of Inputs.${control.spec.type} "${control.spec.label}" is not a number, a string, a boolean or a list of them, so the download cannot write it as a constant`);
    const site = `${control.site.start.line}:${control.site.start.column}`;
    const earlier = bySite.get(site);
    if (earlier && earlier.literal !== control.literal) throw new Error(`${where}: Inputs.${control.spec.type} is called more than once here with different values (in a loop?), so the download cannot write it as one constant`);
    bySite.set(site, control);
  }
  const offset = (/** @type {import("./kernel/positions.ts").LineColumn} */ at) => lineColumnToOffset(source, at);
  return [...bySite.values()]
    .sort((a, b) => offset(/** @type {NonNullable<typeof b.site>} */ (b.site).start) - offset(/** @type {NonNullable<typeof a.site>} */ (a.site).start))
    .reduce((text, { site, literal, spec }) => {
      const range = /** @type {NonNullable<typeof site>} */ (site);
      return `${text.slice(0, offset(range.start))}${literal} /* Inputs.${spec.type} ${JSON.stringify(spec.label || spec.type)}: a control on the page */${text.slice(offset(range.end))}`;
    }, source);
}
