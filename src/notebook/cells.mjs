// What counts as a cell in a page's source: a fenced block ```ts cell  or  ```ts cell id=name, and
// where such pages live. Shared by the remark plugin (rendering), the type-checker and the downloads.
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { filesUnder } from "../site/built-files.mjs";

/** Where pages that may have cells live: the chapters and the site's own .mdx pages. */
export const PAGE_DIRS = ["content/chapters", "src/pages"];

/**
 * The .mdx pages under `dirs`, relative to `root`, sorted.
 * @param {string} root @param {readonly string[]} dirs @returns {string[]}
 */
export function pageFiles(root, dirs = PAGE_DIRS) {
  return dirs
    .flatMap((dir) => (existsSync(resolve(root, dir)) ? filesUnder(resolve(root, dir)) : []))
    .filter((file) => file.endsWith(".mdx"))
    .map((file) => relative(root, file))
    .sort();
}

const OPTION = /^(id|timeout)=(.*)$/;

/**
 * A fence's info: `ts cell`, then optionally id=name (letters, digits, - and _) and timeout=seconds
 * (how long the cell may run at build; 60 s when not given).
 * @param {string | null | undefined} lang
 * @param {string | null | undefined} meta
 * @returns {{ id: string | null, timeout: number | null } | null} null for code that is not a cell
 */
export function parseCellInfo(lang, meta) {
  if (lang !== "ts" || !meta || !/^cell\b/.test(meta.trim())) return null;
  const bad = () => new Error(`bad cell header "\`\`\`ts ${meta}": write \`\`\`ts cell, optionally with id=name (letters, digits, - and _) and timeout=seconds`);
  /** @type {{ id: string | null, timeout: number | null }} */
  const info = { id: null, timeout: null };
  for (const word of meta.trim().split(/\s+/).slice(1)) {
    const [, key, value] = OPTION.exec(word) ?? [];
    if (key === "id" && /^[A-Za-z][\w-]*$/.test(value) && info.id === null) info.id = value;
    else if (key === "timeout" && /^\d+$/.test(value) && Number(value) > 0 && info.timeout === null) info.timeout = Number(value);
    else throw bad();
  }
  if (meta.trim().split(/\s+/)[0] !== "cell") throw bad();
  return info;
}

/**
 * Splits a page's source into markdown and cells, line-based (fences at the start of a line). The
 * frontmatter and the MDX imports and exports that open the page (`import … from "…"`, `export const …`)
 * are not markdown: they become empty lines, so line numbers stay.
 * @param {string} text
 * @returns {({ kind: "markdown", text: string } | { kind: "cell", id: string | null, timeout: number | null, source: string, line: number })[]}
 */
export function scanPage(text) {
  const lines = text.replace(/^---\n[\s\S]*?\n---\n/, (front) => "\n".repeat(front.split("\n").length - 1)).split("\n");
  for (let i = 0; i < lines.length && /^\s*$|^(import|export)\s/.test(lines[i]); i++) lines[i] = "";
  /** @type {ReturnType<typeof scanPage>} */
  const blocks = [];
  let markdown = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*(\w+)\s*(.*)$/.exec(lines[i]);
    const info = open ? parseCellInfo(open[2], open[3]) : null;
    if (!open || !info) {
      markdown.push(lines[i]);
      continue;
    }
    const fence = open[1];
    const closes = (/** @type {string} */ line) => line.trim().length >= fence.length && line.trim() === fence[0].repeat(line.trim().length);
    const body = [];
    let j = i + 1;
    while (j < lines.length && !closes(lines[j])) body.push(lines[j++]);
    if (markdown.join("\n").trim()) blocks.push({ kind: "markdown", text: markdown.join("\n").trim() });
    markdown = [];
    blocks.push({ kind: "cell", id: info.id, timeout: info.timeout, source: body.join("\n"), line: i + 2 });
    i = j;
  }
  if (markdown.join("\n").trim()) blocks.push({ kind: "markdown", text: markdown.join("\n").trim() });
  return blocks;
}
