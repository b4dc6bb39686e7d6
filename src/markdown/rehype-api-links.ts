// Names of the `ntk` library in a page's text link to their entries in the API reference: inline code
// whose text is exactly an export's name (`analyticKernels`, or `analyticKernels()`) becomes a link to
// api/<module>/#<name> under the site's base, and `ntk` to the reference's index. Code that names
// nothing the library exports, code in a block, and code already inside a link are left alone.
import type { Element, Root } from "hast";
import { SKIP, visitParents } from "unist-util-visit-parents";
import { codeLink } from "../api/model.ts";

const NAME = /^[A-Za-z_$][\w$]*(\(\))?$/;

export default function rehypeApiLinks(options: { base: string }) {
  return (tree: Root) => {
    visitParents(tree, "element", (node: Element, ancestors) => {
      if (node.tagName !== "code") return;
      const parent = ancestors[ancestors.length - 1];
      if (ancestors.some((a) => a.type === "element" && (a.tagName === "a" || a.tagName === "pre"))) return SKIP;
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (only?.type !== "text" || !NAME.test(only.value)) return SKIP;
      const href = codeLink(only.value, options.base);
      if (!href || !parent || !("children" in parent)) return SKIP;
      const link: Element = { type: "element", tagName: "a", properties: { href, className: ["api-link"] }, children: [node] };
      parent.children.splice(parent.children.indexOf(node), 1, link);
      return SKIP;
    });
  };
}
