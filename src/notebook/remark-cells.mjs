// Remark plugin: every ```ts cell fence becomes <Cell index cellId source notebook cells />.
// The component highlights the code, and bakes the outputs the build computed for it; `cells`
// (all of the page's cells, in order) lets the first Cell rendered run the whole page once.
import { relative } from "node:path";
import { parseCellInfo } from "./cells.mjs";

/** @param {string} name @param {string} value @returns {import("mdast-util-mdx-jsx").MdxJsxAttribute} */
function attribute(name, value) {
  return { type: "mdxJsxAttribute", name, value };
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
    const notebook = relative(process.cwd(), file.path);
    const all = JSON.stringify(cells.map(({ id, timeout, source, line }) => ({ id, source, line, ...(timeout === null ? {} : { timeout }) })));
    cells.forEach(({ parent, index, id, source }, i) => {
      /** @type {import("mdast-util-mdx-jsx").MdxJsxFlowElement} */
      const element = {
        type: "mdxJsxFlowElement",
        name: "Cell",
        attributes: [attribute("index", String(i)), attribute("cellId", id ?? ""), attribute("source", source), attribute("notebook", notebook), attribute("cells", all)],
        children: [],
      };
      parent.children[index] = element;
    });
  };
}
