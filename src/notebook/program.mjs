// A page's cells as ONE TypeScript module with the notebook's semantics: each cell opens a block
// nested in the previous one, so later cells see earlier names and may redeclare them (`const x`
// twice is shadowing, as re-running a cell is). Imports are hoisted to the top and merged per
// module (cells often import overlapping names from "ntk"). Used to type-check the cells with tsc
// and for the .ts download.

const IMPORT = /^import\s+(type\s+)?(?:([\w$]+)\s*,?\s*)?(?:\*\s*as\s+([\w$]+)\s*)?(?:\{([^}]*)\}\s*)?(?:from\s*)?(["'])([^"']+)\5/;

/**
 * @typedef {{ cell: number, line: number }} Origin 0-based cell, 1-based line in it
 * @typedef {{ module: string, typeOnly: boolean, defaults: string[], namespaces: string[], named: string[], origin: Origin }} ImportGroup
 */

/**
 * @param {{ id: string | null, source: string }[]} cells
 * @returns {{ text: string, origin: (Origin | null)[] }} origin[i]: where line i+1 comes from (null: glue)
 */
export function cellsAsProgram(cells) {
  /** @type {Map<string, ImportGroup>} */
  const groups = new Map();
  /** @type {string[]} */
  const body = [];
  /** @type {(Origin | null)[]} */
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
      while (end < lines.length - 1 && !IMPORT.test(lines.slice(i, end + 1).join(" "))) end++;
      addImport(groups, lines.slice(i, end + 1).join(" "), { cell: c, line: i + 1 });
      for (let k = i; k <= end; k++) {
        body.push(""); // keep the cell's line numbers
        bodyOrigin.push({ cell: c, line: k + 1 });
      }
      i = end;
    }
  });
  const imports = [...groups.values()].flatMap((group) => importLines(group).map((line) => ({ line, origin: group.origin })));
  return {
    text: [...imports.map((i) => i.line), "export {};", ...body, "}".repeat(cells.length)].join("\n") + "\n",
    origin: [...imports.map((i) => i.origin), null, ...bodyOrigin, null],
  };
}

/** @param {Map<string, ImportGroup>} groups @param {string} statement @param {Origin} origin */
function addImport(groups, statement, origin) {
  const match = IMPORT.exec(statement);
  if (!match) throw new Error(`cell ${origin.cell + 1}, line ${origin.line}: cannot read this import: ${statement}`);
  const [, typeOnly, defaultName, namespace, named, , module] = match;
  const key = `${typeOnly ? "type " : ""}${module}`;
  const group = groups.get(key) ?? { module, typeOnly: Boolean(typeOnly), defaults: [], namespaces: [], named: [], origin };
  groups.set(key, group);
  const add = (/** @type {string[]} */ list, /** @type {string | undefined} */ item) => {
    if (item && !list.includes(item)) list.push(item);
  };
  add(group.defaults, defaultName);
  add(group.namespaces, namespace);
  for (const specifier of (named ?? "").split(",")) add(group.named, specifier.trim().replace(/\s+/g, " "));
}

/** @param {ImportGroup} group @returns {string[]} */
function importLines({ module, typeOnly, defaults, namespaces, named }) {
  const from = JSON.stringify(module);
  const type = typeOnly ? "type " : "";
  const lines = [
    ...defaults.map((name) => `import ${type}${name} from ${from};`),
    ...namespaces.map((name) => `import ${type}* as ${name} from ${from};`),
  ];
  if (named.length > 0) lines.push(`import ${type}{ ${named.join(", ")} } from ${from};`);
  if (lines.length === 0) lines.push(`import ${from};`);
  return lines;
}
