// Syntax highlighting of a cell: Lezer's TypeScript parser, with one highlighter for the code baked at
// build time and the editor a reader opens (editor.ts), so the code looks the same before and after
// editing. It names only the token kinds src/styles/highlight.css colours: punctuation, plain names and operators
// stay bare text, not a <span> each (about two thirds of a cell's tokens; fewer elements to lay out).
import { parser } from "@lezer/javascript";
import { highlightCode, tagHighlighter, tags } from "@lezer/highlight";
import { escapeHtml } from "../site/escape-html.mjs";

const tsParser = parser.configure({ dialect: "ts" });

/** Token kind → class; each class has its colours in src/styles/highlight.css (light and dark). */
export const cellHighlighter = tagHighlighter([
  { tag: tags.keyword, class: "tok-keyword" },
  { tag: [tags.string, tags.regexp, tags.escape, tags.special(tags.string)], class: "tok-string" },
  { tag: [tags.number, tags.bool, tags.atom], class: "tok-constant" },
  { tag: tags.comment, class: "tok-comment" },
  { tag: [tags.typeName, tags.className], class: "tok-type" },
  { tag: [tags.definition(tags.variableName), tags.definition(tags.propertyName)], class: "tok-definition" },
]);

/** Where a cell names an export of "ntk" in its import (`import { mlp, empiricalNTK as e } from "ntk"`: mlp and empiricalNTK). */
function ntkImports(code: string, tree: ReturnType<typeof tsParser.parse>): { from: number; to: number; name: string }[] {
  const found: { from: number; to: number; name: string }[] = [];
  tree.iterate({
    enter(node) {
      if (node.name !== "ImportDeclaration") return;
      const source = node.node.getChild("String");
      if (!source || !/^["']ntk["']$/.test(code.slice(source.from, source.to))) return false;
      const group = node.node.getChild("ImportGroup");
      for (let child = group?.firstChild; child; child = child.nextSibling) {
        // `name` alone is a VariableDefinition; in `name as local` the name is a VariableName.
        const alias = child.prevSibling?.name === "as";
        if ((child.name === "VariableDefinition" && !alias) || child.name === "VariableName") found.push({ from: child.from, to: child.to, name: code.slice(child.from, child.to) });
      }
      return false;
    },
  });
  return found;
}

/**
 * A cell's code as HTML, with a span for each token src/styles/highlight.css colours. With `link`, each
 * name the cell imports from "ntk" becomes a link to what `link` returns for it (null: left as text).
 */
export function highlightTs(code: string, link?: (name: string) => string | null): string {
  const tree = tsParser.parse(code);
  const links = link ? ntkImports(code, tree).flatMap((r) => { const href = link(r.name); return href ? [{ ...r, href }] : []; }) : [];
  let html = "";
  let at = 0;
  const piece = (text: string, classes: string) => (text === "" ? "" : classes ? `<span class="${classes}">${escapeHtml(text)}</span>` : escapeHtml(text));
  highlightCode(
    code,
    tree,
    cellHighlighter,
    (text, classes) => {
      // A link splits the run of text it falls in (a plain name is emitted together with its neighbours).
      let from = at;
      const end = at + text.length;
      for (const l of links.filter((l) => l.from >= at && l.to <= end)) {
        html += piece(code.slice(from, l.from), classes);
        html += `<a class="nb-api-link" href="${escapeHtml(l.href)}">${piece(l.name, classes)}</a>`;
        from = l.to;
      }
      html += piece(code.slice(from, end), classes);
      at = end;
    },
    () => {
      html += "\n";
      at += 1;
    },
  );
  return html;
}
