// Equation labels and references, resolved at build: Temml draws the \tag, and this plugin turns each
// \label into the equation's id and each reference into its tag, checked against the chapter's labels.
//   $$ f = g \tag{10}\label{ntk-step} $$   → the display equation gets id="eq-ntk-step"
//   … as equation $\eqref{ntk-step}$ shows  → a link "(10)" to #eq-ntk-step ($\ref{…}$: "10")
//   $f = \eqref{ntk-step} + 1$, anywhere in a formula → the tag as text, "(10)" (MathML has no links)
// An unknown label (anywhere in any formula), a duplicate label (both places named), or a \label
// without a \tag fails the build with file, line and column.
import { visit, SKIP } from "unist-util-visit";

/** @typedef {import("mdast-util-math").Math} Math @typedef {import("mdast-util-math").InlineMath} InlineMath */

const LABEL = /\\label\{([^}]*)\}/g;
const TAG = /\\tag\*?\{([^}]*)\}/g;
/** A formula that is only a reference: $\eqref{x}$ or $\ref{x}$. */
const ONLY_REF = /^\s*\\(eqref|ref)\{([^}]*)\}\s*$/;
/** A reference anywhere in a formula. */
const ANY_REF = /\\(eqref|ref)\{([^}]*)\}/g;

/** @param {import("vfile").VFile} file @param {{start?: {line: number, column: number}} | undefined} position */
export function where(file, position) {
  const line = position?.start?.line ?? 0;
  const column = position?.start?.column ?? 0;
  return `${file.path}:${line}:${column}`;
}

/** The element id of an equation's label. @param {string} label */
export function anchorId(label) {
  return `eq-${label.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/**
 * remark-math copies the TeX into data.hChildren at parse time; keep both in step.
 * @param {InlineMath | Math} node @param {string} value
 */
function setMathText(node, value) {
  node.value = value;
  /** @type {import("hast").ElementContent[]} */
  const stack = [...(node.data?.hChildren ?? [])];
  for (let child = stack.pop(); child !== undefined; child = stack.pop()) {
    if (child.type === "text") child.value = value;
    else if (child.type === "element") stack.push(...child.children);
  }
}

export default function remarkEquations() {
  /** @param {import("mdast").Root} tree @param {import("vfile").VFile} file */
  return (tree, file) => {
    /** @type {Map<string, string>} label → tag text */
    const tags = new Map();
    /** @type {Map<string, string>} label → where it is defined */
    const definedAt = new Map();

    // Pass 1: display math. Pair each \label with the \tag on the same row (rows split by \\).
    visit(tree, "math", (node, index, parent) => {
      const rows = node.value.split(/\\\\/);
      const labels = [];
      for (const row of rows) {
        const rowLabels = [...row.matchAll(LABEL)].map((m) => m[1]);
        if (rowLabels.length === 0) continue;
        const rowTags = [...row.matchAll(TAG)].map((m) => m[1]);
        if (rowTags.length !== 1 || rowLabels.length !== 1) {
          throw new Error(`${where(file, node.position)}: each \\label{…} needs exactly one \\tag{…} on the same row (found labels [${rowLabels.join(", ")}], tags [${rowTags.join(", ")}])`);
        }
        const [label] = rowLabels;
        if (tags.has(label)) throw new Error(`${where(file, node.position)}: equation label "${label}" is defined twice: first at ${definedAt.get(label)}, again here`);
        tags.set(label, rowTags[0]);
        definedAt.set(label, where(file, node.position));
        labels.push(label);
      }
      if (labels.length === 0 || parent === undefined || index === undefined) return;
      setMathText(node, node.value.replace(LABEL, ""));
      const anchors = labels.slice(1).map((label) => ({
        type: "equationAnchor",
        data: { hName: "span", hProperties: { id: anchorId(label), className: ["eq-anchor"] } },
        children: [],
      }));
      // A node of our own: remark-rehype turns it into data.hName (a <div>) with the math inside.
      parent.children[index] = /** @type {import("mdast").RootContent} */ (/** @type {unknown} */ ({
        type: "equation",
        data: { hName: "div", hProperties: { id: anchorId(labels[0]), className: ["equation"] } },
        children: [...anchors, node],
      }));
      return SKIP;
    });

    /** The tag of `label`, or an error naming the formula's place and the labels there are. */
    /** @param {string} kind @param {string} label @param {import("mdast").Node} node @returns {string} */
    const tagOf = (kind, label, node) => {
      const tag = tags.get(label);
      if (tag === undefined) throw new Error(`${where(file, node.position)}: \\${kind}{${label}} names no equation in this chapter (known: ${[...tags.keys()].join(", ") || "none"})`);
      return tag;
    };

    // Pass 2: a formula that is only a reference becomes a link to the equation; a reference inside a
    // formula becomes its tag as text.
    visit(tree, (node) => node.type === "inlineMath" || node.type === "math", (found, index, parent) => {
      const node = /** @type {InlineMath | Math} */ (found);
      const only = node.type === "inlineMath" ? ONLY_REF.exec(node.value) : null;
      if (only && parent !== undefined && index !== undefined) {
        const [, kind, label] = only;
        const tag = tagOf(kind, label, node);
        parent.children[index] = {
          type: "link",
          url: `#${anchorId(label)}`,
          data: { hProperties: { className: ["eqref"] } },
          children: [{ type: "text", value: kind === "eqref" ? `(${tag})` : tag }],
        };
        return;
      }
      const resolved = node.value.replace(ANY_REF, (/** @type {string} */ _, /** @type {string} */ kind, /** @type {string} */ label) => `\\text{${kind === "eqref" ? `(${tagOf(kind, label, node)})` : tagOf(kind, label, node)}}`);
      if (resolved !== node.value) setMathText(node, resolved);
    });
  };
}
