// Build-time syntax highlighting of a cell: Lezer's TypeScript parser with the same tok-* classes
// CodeMirror uses when the reader edits, so the code looks the same before and after editing.
import { parser } from "@lezer/javascript";
import { classHighlighter, highlightCode } from "@lezer/highlight";
import { escapeHtml } from "./render.ts";

const tsParser = parser.configure({ dialect: "ts" });

export function highlightTs(code: string): string {
  let html = "";
  highlightCode(
    code,
    tsParser.parse(code),
    classHighlighter,
    (text, classes) => {
      html += classes ? `<span class="${classes}">${escapeHtml(text)}</span>` : escapeHtml(text);
    },
    () => {
      html += "\n";
    },
  );
  return html;
}
