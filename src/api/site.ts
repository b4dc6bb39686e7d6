// The API reference's pages, as the site builds them: links under the base path, and each export's
// `@chapter` tags resolved to chapter pages and equation anchors (an unknown chapter or label fails the build).
import { anchorId } from "../markdown/remark-equations.mjs";
import { url } from "../site/paths.ts";
import { type ChapterInfo, parseChapterTag, readChapters, resolveChapterTag } from "./chapter-refs.ts";
import type { DocLinks, Linker } from "./doc-html.ts";
import { type ApiDoc, type ApiExport, apiModel, exportPath, modulePath } from "./model.ts";

export { apiModel, modulePath };

/** Any export by name → its entry under the base (doc text: `code`, {@link}). */
export const linkAny: Linker = (name) => {
  const entry = apiModel().byName.get(name);
  return entry ? url(exportPath(entry)) : null;
};

/** Only types (classes, interfaces, aliases) → their entries: inside a type, `train` is a property, not the function. */
export const linkType: Linker = (name) => {
  const entry = apiModel().byName.get(name);
  return entry && entry.kind !== "function" && entry.kind !== "variable" ? url(exportPath(entry)) : null;
};

let chapters: ChapterInfo[] | undefined;

export interface ImplementsLink {
  href: string;
  text: string;
  equations: { href: string; tag: string }[];
}

/** An entry's `@chapter` tags as links; a tag that names no chapter or equation throws, naming the export's source. */
export function implementsLinks(doc: ApiDoc, where: Pick<ApiExport, "name" | "source">): ImplementsLink[] {
  chapters ??= readChapters();
  return doc.chapters.map((text) => {
    const tag = parseChapterTag(text);
    const ref = tag ? resolveChapterTag(tag, chapters!) : `"@chapter ${text}" does not start with a chapter number`;
    if (typeof ref === "string") throw new Error(`${where.source}: ${where.name}: ${ref}`);
    const page = url(`chapters/${ref.chapter.slug}/`);
    return {
      href: page,
      text: `Chapter ${ref.chapter.order}, ${ref.chapter.title}`,
      equations: ref.equations.map((eq) => ({ href: `${page}#${anchorId(eq.label)}`, tag: `(${eq.tag})` })),
    };
  });
}

/** Doc text's links (doc-html.ts): any export by `name()` or {@link name}, only types by a plain `name`. */
export const docLinks: DocLinks = { any: linkAny, plain: linkType };
