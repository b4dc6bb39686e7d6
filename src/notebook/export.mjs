// "Download notebook": a page as a Jupyter notebook for the Deno kernel (TypeScript, imports as
// npm: specifiers) and as a plain .ts script. A prelude cell gives Deno what the site's kernel
// provides: display(), progress() and a DOM document for Plot. A control a cell makes
// (`Inputs.range(…)`) becomes a constant: the value it had at build, with a comment naming it.
import { lineColumnToOffset } from "./kernel/positions.ts";
import { cellsAsProgram } from "./program.mjs";

/** @typedef {ReturnType<typeof import("./cells.mjs").scanPage>[number]} Block */

/**
 * @param {Record<string, string>} versions package name → exact version for npm: specifiers
 * @returns {string} TypeScript for the first code cell
 */
export function prelude(versions) {
  return [
    "// Prelude: what the ntk-notebook kernel provides to cells. `ntk` is the library in this",
    "// repository: run the notebook from the repository root (deno jupyter), with node_modules installed.",
    `import { parseHTML } from "npm:linkedom@${versions.linkedom}";`,
    'const { document } = parseHTML("<!doctype html><html><body></body></html>");',
    "Object.assign(globalThis, { document });",
    "function display(...values: unknown[]): void {",
    "  for (const value of values) {",
    '    const html = (value as { outerHTML?: unknown } | null)?.outerHTML;',
    '    if (typeof html === "string") Deno.jupyter.display({ "text/html": html }, { raw: true });',
    "    else console.log(value);",
    "  }",
    "}",
    "function* progress<T>(items: Iterable<T> | number): Generator<T | number> {",
    '  yield* typeof items === "number" ? Array.from({ length: items }, (_, i) => i) : items;',
    "}",
  ].join("\n");
}

/**
 * Cell imports → specifiers Deno resolves.
 * @param {string} source @param {Record<string, string>} versions
 */
export function denoImports(source, versions) {
  return source.replace(/(\bfrom\s*|\bimport\s*)(["'])(@tensorflow\/tfjs|@observablehq\/plot|ntk)\2/g, (_, keyword, quote, name) => {
    const target = name === "ntk" ? "./src/ntk/index.ts" : `npm:${name}@${versions[name]}`;
    return `${keyword}${quote}${target}${quote}`;
  });
}

/** @param {string} text */
function lines(text) {
  return text.split("\n").map((line, i, all) => (i < all.length - 1 ? `${line}\n` : line));
}

/**
 * @param {string} title @param {Block[]} blocks @param {Record<string, string>} versions
 */
export function toIpynb(title, blocks, versions) {
  let n = 0;
  const code = (/** @type {string} */ source, /** @type {string} */ id) => ({ cell_type: "code", id, execution_count: null, metadata: {}, outputs: [], source: lines(source) });
  const cells = [
    { cell_type: "markdown", id: "title", metadata: {}, source: lines(`# ${title}`) },
    code(prelude(versions), "prelude"),
    ...blocks.map((block) =>
      block.kind === "markdown"
        ? { cell_type: "markdown", id: `md-${++n}`, metadata: {}, source: lines(block.text) }
        : code(denoImports(block.source, versions), block.id ?? `cell-${++n}`),
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
 * @param {string} title @param {Block[]} blocks @param {Record<string, string>} versions
 */
export function toScript(title, blocks, versions) {
  const cells = blocks.flatMap((block) => (block.kind === "cell" ? [{ id: block.id, source: denoImports(block.source, versions) }] : []));
  return `// ${title}: the cells of this page as one script (deno run -A this-file.ts).\n${prelude(versions)}\n\n${cellsAsProgram(cells).text}`;
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
