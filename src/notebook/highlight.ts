// Syntax highlighting of a cell: Lezer's TypeScript parser, with one highlighter for the code baked at
// build time and the editor a reader opens (editor.ts), so the code looks the same before and after
// editing. It names only the token kinds Cell.astro colours: punctuation, plain names and operators
// stay bare text, not a <span> each (about two thirds of a cell's tokens; fewer elements to lay out).
import { parser } from "@lezer/javascript";
import { highlightCode, tagHighlighter, tags } from "@lezer/highlight";
import { escapeHtml } from "../site/escape-html.mjs";

const tsParser = parser.configure({ dialect: "ts" });

/** Token kind → class; each class has its colours in Cell.astro (light and dark). */
export const cellHighlighter = tagHighlighter([
  { tag: tags.keyword, class: "tok-keyword" },
  { tag: [tags.string, tags.regexp, tags.escape, tags.special(tags.string)], class: "tok-string" },
  { tag: [tags.number, tags.bool, tags.atom], class: "tok-constant" },
  { tag: tags.comment, class: "tok-comment" },
  { tag: [tags.typeName, tags.className], class: "tok-type" },
  { tag: [tags.definition(tags.variableName), tags.definition(tags.propertyName)], class: "tok-definition" },
]);

/** A cell's code as HTML, with a span for each token Cell.astro colours. */
export function highlightTs(code: string): string {
  let html = "";
  highlightCode(
    code,
    tsParser.parse(code),
    cellHighlighter,
    (text, classes) => {
      html += classes ? `<span class="${classes}">${escapeHtml(text)}</span>` : escapeHtml(text);
    },
    () => {
      html += "\n";
    },
  );
  return html;
}
