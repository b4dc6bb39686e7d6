// A page's cells as ONE TypeScript module with the notebook's semantics: each cell opens a block
// nested in the previous one, so later cells see earlier names and may redeclare them (`const x`
// twice is shadowing, as re-running a cell is). Imports are hoisted to the top (deduplicated).
// Used to type-check the cells with tsc and for the .ts download.

/**
 * @param {{ id: string | null, source: string }[]} cells
 * @returns {{ text: string, origin: ({ cell: number, line: number } | null)[] }}
 *   origin[i]: where line i+1 of the text comes from (0-based cell, 1-based line), null for glue
 */
export function cellsAsProgram(cells) {
  /** @type {string[]} */
  const imports = [];
  /** @type {({ cell: number, line: number } | null)[]} */
  const importOrigin = [];
  /** @type {string[]} */
  const body = [];
  /** @type {({ cell: number, line: number } | null)[]} */
  const bodyOrigin = [];
  cells.forEach((cell, c) => {
    body.push(`{ // cell ${c + 1}${cell.id ? ` (id=${cell.id})` : ""}`);
    bodyOrigin.push(null);
    const lines = cell.source.split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!/^import\b/.test(lines[i])) {
        body.push(lines[i]);
        bodyOrigin.push({ cell: c, line: i + 1 });
        continue;
      }
      let end = i;
      while (end < lines.length - 1 && !/["'](\s*with\s*\{[^}]*\})?\s*;?\s*(\/\/.*)?$/.test(lines[end])) end++;
      const statement = lines.slice(i, end + 1);
      if (!imports.includes(statement.join("\n"))) {
        imports.push(statement.join("\n"));
        statement.forEach((_, k) => importOrigin.push({ cell: c, line: i + k + 1 }));
      }
      for (let k = i; k <= end; k++) {
        body.push(""); // keep the cell's line numbers
        bodyOrigin.push({ cell: c, line: k + 1 });
      }
      i = end;
    }
  });
  const close = "}".repeat(cells.length);
  return {
    text: [...imports, "export {};", ...body, close].join("\n") + "\n",
    origin: [...importOrigin, null, ...bodyOrigin, null],
  };
}
