// Chapter math as MathML, rendered at build time by Temml (docs/performance.md, "Math as MathML"): the browser draws the
// MathML with STIX Two Math, and screen readers read the same <math> elements. remark-math leaves
//   $x$     → <code class="language-math math-inline">x</code>
//   $$x$$   → <pre><code class="language-math math-display">x</code></pre>
// and this plugin puts Temml's <math> in their place, a display formula inside <div class="math-display">
// (the box that scrolls sideways when the formula is wider than the page). A formula Temml cannot
// parse fails the build, every one of them listed with its file, line and column.
import temml from "temml";
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";
import { SKIP, visitParents } from "unist-util-visit-parents";

/** @typedef {import("hast").Element} Element @typedef {import("hast").Root} Root @typedef {import("hast").ElementContent} ElementContent */

/** @param {Element} node */
const classes = (node) => {
  const value = node.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
};

/** @param {ElementContent | undefined} node @returns {boolean} (not a type guard: an element that is no prime is still an element) */
const isPrime = (node) => node?.type === "element" && node.tagName === "mo" && classes(node).includes("tml-prime");

/**
 * x′ as the prime character after its base, not as a superscript. Temml writes x' as
 * <msup><mi>x</mi><mo>′</mo></msup>, which draws well only with the font's script-style prime
 * (OpenType feature ssty); the STIX Two Math on npm (@fontsource) has no ssty, and its plain prime, already
 * raised, came out small and a line too high. Unicode's own x′ is what the plain glyph is drawn for.
 * Handles x′, x″ (two primes) and x′ with a subscript (θ′ₚ becomes θₚ′); other superscripts stay.
 * @param {Element} node
 */
function unscriptPrimes(node) {
  for (const child of node.children) if (child.type === "element") unscriptPrimes(child);
  const [base, first, second] = node.children;
  const last = node.tagName === "msup" ? first : node.tagName === "msubsup" ? second : undefined;
  if (base === undefined || last?.type !== "element") return;
  const primes = isPrime(last) ? [last] : last.tagName === "mrow" && last.children.every(isPrime) ? last.children : [];
  if (primes.length === 0) return;
  const scripted = node.tagName === "msubsup" ? [{ type: "element", tagName: "msub", properties: {}, children: [base, first] }] : [base];
  node.tagName = "mrow";
  node.children = /** @type {ElementContent[]} */ ([...scripted, ...primes]);
}

/**
 * One formula's MathML as hast (the chapters' and the outline's). Throws Temml's ParseError for TeX it cannot read. Inline math may
 * break after a relation or a binary operator, as TeX's does (wrap "tex": Temml makes each piece a
 * top-level <mrow>, and its stylesheet lets <math> wrap them), so a long formula never widens a phone's page.
 * @param {string} tex @param {boolean} displayMode @returns {ElementContent[]}
 */
export function mathml(tex, displayMode) {
  const html = temml.renderToString(tex, { displayMode, throwOnError: true, annotate: false, wrap: displayMode ? "none" : "tex" });
  const nodes = /** @type {ElementContent[]} */ (fromHtml(html, { fragment: true }).children);
  for (const node of nodes) if (node.type === "element") unscriptPrimes(node);
  return nodes;
}

export default function rehypeTemml() {
  /** @param {Root} tree @param {import("vfile").VFile} file */
  return (tree, file) => {
    /** @type {string[]} */
    const errors = [];
    visitParents(tree, "element", (node, ancestors) => {
      const names = classes(node);
      if (node.tagName !== "code" || !names.includes("language-math")) return;
      const parent = ancestors.at(-1);
      const display = names.includes("math-display");
      // A display formula replaces its <pre>; remark-math's inner <code> has no position, its <pre> does.
      const target = display && parent?.type === "element" && parent.tagName === "pre" ? parent : node;
      const holder = target === node ? parent : ancestors.at(-2);
      if (holder === undefined || !("children" in holder)) return;
      const start = target.position?.start ?? node.position?.start;
      const tex = toText(node, { whitespace: "pre" });
      let rendered;
      try {
        rendered = mathml(tex, display);
      } catch (error) {
        const detail = error instanceof Error ? `${error.name}: ${error.message.trim().split("\n")[0]}` : String(error);
        errors.push(`${file.path}:${start?.line ?? 0}:${start?.column ?? 0}: ${detail}`);
        return SKIP;
      }
      // Search indexes the formula by its TeX, not by the MathML's text, which Pagefind flattens into
      // unreadable runs ("Θji=∑a∂zj∂θa…"): the <math> is left out of the index and its data-tex put in.
      for (const element of rendered) {
        if (element.type === "element" && element.tagName === "math") Object.assign(element.properties, { dataTex: tex, dataPagefindIndexAttrs: "data-tex", dataPagefindIgnore: "" });
      }
      const index = holder.children.indexOf(/** @type {ElementContent} */ (target));
      const math = display ? [{ type: "element", tagName: "div", properties: { className: ["math-display"] }, children: rendered, position: target.position }] : rendered;
      holder.children.splice(index, 1, .../** @type {ElementContent[]} */ (math));
      return SKIP;
    });
    if (errors.length > 0) throw new Error(`Math error${errors.length > 1 ? "s" : ""} (Temml):\n${errors.join("\n")}`);
  };
}
