// Remark plugin: owns "this page is a notebook". It records the page's cells once, in the page's
// frontmatter (`notebook`: the page file, its name for the downloads, and every cell's id, code, line
// and timeout; as remark-outline records the outline), and turns every ```ts cell fence into
// <Cell index={i} notebook={frontmatter.notebook} />. The component highlights that cell's code and
// bakes the outputs the build computed; the first Cell rendered runs the whole page once. Layouts read
// the same record (Chapter.astro, NotebookPage.astro: whether to show the notebook bar, and its name).
import { isAbsolute, relative, resolve } from "node:path";
import { parseCellInfo } from "./cells.mjs";
import { notebookName } from "./routes.ts";

/** @param {string} name @param {string} value @returns {import("mdast-util-mdx-jsx").MdxJsxAttribute} */
function attribute(name, value) {
  return { type: "mdxJsxAttribute", name, value };
}

/**
 * `name={frontmatter.notebook}`: an attribute whose value is the page's own record, as MDX compiles
 * an expression (the estree is what the compiler reads; the text is for humans).
 * @param {string} name @returns {import("mdast-util-mdx-jsx").MdxJsxAttribute}
 */
function notebookAttribute(name) {
  /** @type {import("estree").Expression} */
  const expression = { type: "MemberExpression", object: { type: "Identifier", name: "frontmatter" }, property: { type: "Identifier", name: "notebook" }, computed: false, optional: false };
  return {
    type: "mdxJsxAttribute",
    name,
    value: {
      type: "mdxJsxAttributeValueExpression",
      value: "frontmatter.notebook",
      data: { estree: { type: "Program", sourceType: "module", body: [{ type: "ExpressionStatement", expression }] } },
    },
  };
}

/** A page's path for messages: relative to the project when inside it, else absolute. @param {string} path */
function projectPath(path) {
  const inside = relative(process.cwd(), path);
  return inside.startsWith("..") || isAbsolute(inside) ? resolve(path) : inside;
}

/** @typedef {import("mdast").Parent} Parent */
/** @typedef {import("mdast").RootContent} Node */

export default function remarkCells() {
  return (/** @type {import("mdast").Root} */ tree, /** @type {import("vfile").VFile} */ file) => {
    /** @type {{ parent: Parent, index: number, id: string | null, timeout: number | null, source: string, line: number }[]} */
    const cells = [];
    const where = (/** @type {Node} */ node) => `${file.path}:${node.position?.start?.line ?? 0}`;
    const walk = (/** @type {Parent} */ parent) => {
      parent.children.forEach((node, index) => {
        if (node.type === "code") {
          let info;
          try {
            info = parseCellInfo(node.lang, node.meta);
          } catch (error) {
            throw new Error(`${where(node)}: ${error instanceof Error ? error.message : error}`);
          }
          if (info) {
            if (info.id && cells.some((cell) => cell.id === info.id)) throw new Error(`${where(node)}: cell id "${info.id}" is used twice in this page`);
            // line: the page line of the cell's first line of code (the fence is the line before)
            cells.push({ parent, index, id: info.id, timeout: info.timeout, source: node.value, line: (node.position?.start?.line ?? 0) + 1 });
          }
        } else if ("children" in node) walk(node);
      });
    };
    walk(tree);
    if (cells.length === 0) return;
    if (!file.path.endsWith(".mdx")) throw new Error(`${file.path}: cells need an .mdx page (they render as the Cell component)`);
    /** @type {import("./build/bake.ts").PageNotebook} */
    const notebook = {
      file: projectPath(file.path),
      name: notebookName(file.path),
      cells: cells.map(({ id, timeout, source, line }) => ({ id, source, line, ...(timeout === null ? {} : { timeout }) })),
    };
    file.data.astro ??= {};
    file.data.astro.frontmatter = { ...file.data.astro.frontmatter, notebook };
    cells.forEach(({ parent, index }, i) => {
      /** @type {import("mdast-util-mdx-jsx").MdxJsxFlowElement} */
      const element = { type: "mdxJsxFlowElement", name: "Cell", attributes: [attribute("index", String(i)), notebookAttribute("notebook")], children: [] };
      parent.children[index] = element;
    });
  };
}
