// Reading what a downloaded notebook showed, for the export tests: the text of a notebook's outputs
// (the page's, saved in the .ipynb by the build, or Jupyter's after running it), the text a script
// printed, the numbers in them, and whether two runs' numbers agree.

/**
 * @typedef {{ output_type: string, name?: string, text?: string | string[], data?: Record<string, string | string[]> }} NbOutput
 * @typedef {{ cell_type: string, id?: string, outputs?: NbOutput[] }} NbCell
 * @typedef {{ cells: NbCell[] }} Notebook
 */

const join = (/** @type {string | string[] | undefined} */ text) => (Array.isArray(text) ? text.join("") : (text ?? ""));

/**
 * What each code cell showed as text: stdout lines and the text/plain of its display data (a figure's
 * label), the prelude's first cell left out.
 * @param {Notebook} notebook
 * @returns {{ id: string, text: string }[]}
 */
export function cellTexts(notebook) {
  return notebook.cells
    .filter((cell) => cell.cell_type === "code" && cell.id !== "prelude")
    .map((cell) => ({
      id: cell.id ?? "?",
      text: (cell.outputs ?? [])
        .map((output) => (output.output_type === "stream" ? (output.name === "stdout" ? join(output.text) : "") : join(output.data?.["text/plain"])))
        .filter(Boolean)
        .join("\n"),
    }));
}

/**
 * The figures among a notebook's outputs: display data whose SVG or HTML holds an <svg>.
 * @param {Notebook} notebook @returns {string[]}
 */
export function svgFigures(notebook) {
  return notebook.cells.flatMap((cell) =>
    (cell.outputs ?? []).flatMap((output) => {
      const figure = join(output.data?.["image/svg+xml"]) || join(output.data?.["text/html"]);
      return /<svg[\s>]/.test(figure) ? [figure] : [];
    }),
  );
}

/** A figure line a script prints: "[figure 2: <label> — saved as <file>]". */
const FIGURE_LINE = /^\[figure \d+: (.*) — saved as \S+\]$/;

/**
 * What a downloaded script printed, as the notebook's text shows it: each figure line becomes its label.
 * @param {string} stdout @returns {string}
 */
export function scriptText(stdout) {
  return stdout
    .split("\n")
    .map((line) => FIGURE_LINE.exec(line)?.[1] ?? line)
    .join("\n");
}

/** Saved figure files a script wrote, from its figure lines. @param {string} stdout @returns {string[]} */
export function scriptFigures(stdout) {
  return stdout.split("\n").flatMap((line) => {
    const file = /^\[figure \d+: .* — saved as (\S+)\]$/.exec(line)?.[1];
    return file ? [file] : [];
  });
}

const NUMBER = /(?<![\w.])[-+−]?(?:\d+\.?\d*|\.\d+)(?:e[-+−]?\d+)?(?![\d.]|e[-+−]?\d|\s*m?s\b)/gi;

/**
 * The numbers in a text, each with the unit of its last printed digit ("0.125" → 0.001, "3e-5" → 1e-5).
 * Durations ("in 0.80 s", "12 ms") are measured, not computed, and are left out.
 * @param {string} text @returns {{ value: number, unit: number, written: string }[]}
 */
export function numbersIn(text) {
  return [...text.matchAll(NUMBER)].map(([written]) => {
    const [mantissa, exponent = "0"] = written.replace(/−/g, "-").toLowerCase().split("e");
    const decimals = mantissa.includes(".") ? mantissa.length - mantissa.indexOf(".") - 1 : 0;
    return { value: Number(written.replace(/−/g, "-")), unit: Number(`1e${Number(exponent) - decimals}`), written };
  });
}

/** Below this, both numbers are round-off (a "largest difference" of 8e-16 or 1e-9): any two agree. */
const ROUND_OFF = 1e-6;

/**
 * Whether two runs printed the same numbers: as many, in the same order, each pair within `relative`
 * of the larger or within one unit of the last digit either printed (a rounded 0.1235 may print as 0.123
 * or 0.124), or both round-off. Returns the problems found, each naming where.
 * @param {string} expected @param {string} actual @param {string} where @param {number} relative
 * @returns {string[]}
 */
export function compareNumbers(expected, actual, where, relative) {
  const want = numbersIn(expected);
  const got = numbersIn(actual);
  if (want.length !== got.length) {
    return [`${where}: printed ${got.length} numbers where the page shows ${want.length}\n  page: ${expected.slice(0, 400)}\n  run:  ${actual.slice(0, 400)}`];
  }
  return want.flatMap((w, i) => {
    const g = got[i];
    const tolerance = Math.max(relative * Math.max(Math.abs(w.value), Math.abs(g.value)), w.unit, g.unit);
    const agree = Math.abs(w.value - g.value) <= tolerance || Math.max(Math.abs(w.value), Math.abs(g.value)) < ROUND_OFF;
    return agree ? [] : [`${where}: number ${i + 1} is ${g.written}, the page shows ${w.written} (tolerance ${tolerance.toExponential(1)})`];
  });
}
