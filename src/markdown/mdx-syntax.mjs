// A Vite plugin that reads every .mdx page's syntax before the MDX compiler does: an unclosed
// <Erratum>, a stray `{` or `<` fails the build as file:line:column (the MDX step reports it as file:0:0).
// It parses as the chapters are parsed (Markdown, math, MDX), without compiling anything.
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkMath from "remark-math";
import remarkMdx from "remark-mdx";

const parser = unified().use(remarkParse).use(remarkMath).use(remarkMdx);

/** The page's text with its frontmatter blanked (kept as empty lines, so line numbers stay). */
/** @param {string} text */
function withoutFrontmatter(text) {
  return text.replace(/^---\n[\s\S]*?\n---\n/, (/** @type {string} */ front) => "\n".repeat(front.split("\n").length - 1));
}

/** @returns {import("vite").Plugin} */
export default function mdxSyntax() {
  return {
    name: "ntk-mdx-syntax",
    enforce: "pre",
    transform(code, id) {
      if (!id.endsWith(".mdx")) return null;
      try {
        parser.parse(withoutFrontmatter(code));
      } catch (error) {
        /** @type {{ reason?: string, message?: string, line?: number, column?: number, place?: { line?: number, column?: number, start?: { line: number, column: number } } }} */
        const e = /** @type {never} */ (error);
        const reason = e.reason ?? e.message ?? String(error);
        // Some messages carry their place only in their text: "Expected a closing tag for `<Erratum>` (12:1-12:31)".
        const inText = /\((\d+):(\d+)(?:-\d+:\d+)?\)$/.exec(reason);
        const start = e.place?.start ?? e.place;
        const line = e.line ?? start?.line ?? (inText ? Number(inText[1]) : 1);
        const column = e.column ?? start?.column ?? (inText ? Number(inText[2]) : 1);
        throw Object.assign(new Error(`${id}:${line}:${column}: ${reason}`), { loc: { file: id, line, column } });
      }
      return null;
    },
  };
}
