// The page outline ("On this page") for headings that contain math. Astro's own heading list takes
// the text of every node, the MathML's included, so this plugin gives each h2/h3 a stable id from its
// source text (the TeX of its math) and a label with its math rendered as MathML by Temml,
// passed to the page as frontmatter `outline`.
import GithubSlugger from "github-slugger";
import { toHtml } from "hast-util-to-html";
import { mathml } from "./rehype-temml.mjs";
import { escapeHtml } from "../site/escape-html.mjs";


/** A heading's formula as the page draws it; its TeX if it does not parse (rehype-temml then fails the build, naming the place). @param {string} tex */
function mathLabel(tex) {
  try {
    return toHtml(mathml(tex, false));
  } catch {
    return `<code>${escapeHtml(tex)}</code>`;
  }
}

/**
 * Plain text (math as its TeX) for the id, and HTML (math rendered) for the label.
 * @param {import("mdast").PhrasingContent[]} nodes @returns {{ text: string, html: string }}
 */
function label(nodes) {
  let text = "";
  let html = "";
  for (const node of nodes) {
    if (node.type === "text") {
      text += node.value;
      html += escapeHtml(node.value);
    } else if (node.type === "inlineCode") {
      text += node.value;
      html += `<code>${escapeHtml(node.value)}</code>`;
    } else if (node.type === "inlineMath") {
      text += node.value;
      html += mathLabel(node.value);
    } else if ("children" in node) {
      const inner = label(node.children);
      text += inner.text;
      html += inner.html;
    }
  }
  return { text, html };
}

export default function remarkOutline() {
  /** @param {import("mdast").Root} tree @param {import("vfile").VFile} file */
  return (tree, file) => {
    const slugger = new GithubSlugger();
    const outline = [];
    for (const node of tree.children) {
      if (node.type !== "heading") continue;
      const { text, html } = label(node.children);
      const id = slugger.slug(text);
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } };
      if (node.depth === 2 || node.depth === 3) outline.push({ depth: node.depth, id, html });
    }
    file.data.astro ??= {};
    file.data.astro.frontmatter = { ...file.data.astro.frontmatter, outline };
  };
}
