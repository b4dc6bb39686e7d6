// TSDoc text as HTML for the API pages: paragraphs, `code` (a link when it names an export),
// {@link name}, "- " lists, and ```ts fences highlighted as the cells are. Types get their exported
// names linked. Everything else is escaped text.
import { escapeHtml } from "../site/escape-html.mjs";
import { highlightTs } from "../notebook/highlight.ts";

/** name → its entry's URL, or null for a name the library does not export. */
export type Linker = (name: string) => string | null;

/**
 * How doc text links: `name()` and {@link name} to any export, and plain `name` only to a type or class
 * (`mean` in "the posterior `mean`" is a property, not the function).
 */
export interface DocLinks {
  any: Linker;
  plain: Linker;
}

function inline(text: string, link: DocLinks): string {
  const parts = text.split(/(`[^`]+`|\{@link\s+[^}\s]+(?:\s+[^}]*)?\})/g);
  return parts
    .map((part, i) => {
      if (i % 2 === 0) return escapeHtml(part);
      if (part.startsWith("`")) {
        const code = part.slice(1, -1);
        const href = code.endsWith("()") ? link.any(code.slice(0, -2)) : link.plain(code);
        return href ? `<a href="${escapeHtml(href)}"><code>${escapeHtml(code)}</code></a>` : `<code>${escapeHtml(code)}</code>`;
      }
      const [, name, label] = /^\{@link\s+([^}\s]+)\s*([^}]*)\}$/.exec(part)!;
      const href = link.any(name);
      const shown = `<code>${escapeHtml(label.replace(/^\|\s*/, "") || name)}</code>`;
      return href ? `<a href="${escapeHtml(href)}">${shown}</a>` : shown;
    })
    .join("");
}

/** A code block, highlighted (TypeScript, its imports from "ntk" linked by `link`) or plain. */
export function codeBlock(code: string, lang = "ts", link?: Linker): string {
  const body = /^(ts|typescript|js|javascript)$/.test(lang) ? highlightTs(code, link) : escapeHtml(code);
  return `<pre class="api-code"><code>${body}</code></pre>`;
}

/** A doc comment's text (or a tag's) as HTML blocks. */
export function docHtml(text: string, link: DocLinks): string {
  const blocks: string[] = [];
  const fence = /^```(\w*)\n([\s\S]*?)\n```$/gm;
  let at = 0;
  const prose = (chunk: string) => {
    for (const para of chunk.split(/\n\s*\n/)) {
      const lines = para.split("\n").map((l) => l.trim()).filter(Boolean);
      if (lines.length === 0) continue;
      if (lines.every((l) => l.startsWith("- "))) blocks.push(`<ul>${lines.map((l) => `<li>${inline(l.slice(2), link)}</li>`).join("")}</ul>`);
      else blocks.push(`<p>${inline(lines.join(" "), link)}</p>`);
    }
  };
  for (const m of text.matchAll(fence)) {
    prose(text.slice(at, m.index));
    blocks.push(codeBlock(m[2], m[1] || "ts", link.any));
    at = m.index + m[0].length;
  }
  prose(text.slice(at));
  return blocks.join("\n");
}

/** A doc text as one line of inline HTML (a parameter's or a property's description). */
export function inlineHtml(text: string, link: DocLinks): string {
  return inline(text.split("\n").map((l) => l.trim()).join(" ").trim(), link);
}

/** A type or signature as HTML: exported names link to their entries; string literals stay text. */
export function typeHtml(text: string, link: Linker): string {
  return text
    .split(/("(?:[^"\\]|\\.)*"|[A-Za-z_$][\w$]*)/g)
    .map((part, i) => {
      if (i % 2 === 0 || part.startsWith('"')) return escapeHtml(part);
      const href = link(part);
      return href ? `<a href="${escapeHtml(href)}">${escapeHtml(part)}</a>` : escapeHtml(part);
    })
    .join("");
}
