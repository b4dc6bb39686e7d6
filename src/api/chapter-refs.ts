// What an export's `@chapter` tag points at: a chapter by its number, and equations of it by their
// labels, resolved against the chapter files (content/chapters/NN-slug.mdx) so that a tag naming a
// chapter or an equation that does not exist fails the build.
//   @chapter 6 nngp-recursion ntk-recursion   → chapter 6, equations (C3) and (C9), linked
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface ChapterInfo {
  order: number;
  /** the URL slug: the file name without its NN- prefix and .mdx */
  slug: string;
  title: string;
  /** equation label → its \tag text ("C3") */
  tags: Map<string, string>;
}

/** One `@chapter` tag, as written. */
export interface ChapterTag {
  chapter: number;
  labels: string[];
}

/** A `@chapter` tag resolved: the chapter, and each equation with its number. */
export interface ChapterRef {
  chapter: ChapterInfo;
  equations: { label: string; tag: string }[];
}

const LABEL = /\\label\{([^}]*)\}/g;
const TAG = /\\tag\*?\{([^}]*)\}/;

/** "6 nngp-recursion ntk-recursion" → {chapter: 6, labels: [...]}; null when it does not start with a number. */
export function parseChapterTag(text: string): ChapterTag | null {
  const [first, ...labels] = text.trim().split(/[\s,]+/);
  if (!/^\d+$/.test(first ?? "")) return null;
  return { chapter: Number(first), labels: labels.filter(Boolean) };
}

/** Every chapter's number, slug, title and equation tags, read from the chapter files. */
export function readChapters(dir = join(process.cwd(), "content/chapters")): ChapterInfo[] {
  return readdirSync(dir)
    .filter((f) => /^\d\d-.+\.mdx$/.test(f))
    .map((file) => {
      const text = readFileSync(join(dir, file), "utf8");
      const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "";
      const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, "m").exec(front)?.[1].trim().replace(/^(["'])(.*)\1$/, "$2") ?? "";
      const tags = new Map<string, string>();
      // A label names the \tag on its own row of the display (rows split by \\), as remark-equations pairs them.
      for (const row of text.split(/\\\\|\n/)) {
        const tag = TAG.exec(row)?.[1];
        if (tag !== undefined) for (const m of row.matchAll(LABEL)) tags.set(m[1], tag);
      }
      return { order: Number(field("order")), slug: file.replace(/^\d\d-/, "").replace(/\.mdx$/, ""), title: field("title"), tags };
    })
    .sort((a, b) => a.order - b.order);
}

/** The tag resolved against the chapters, or the reason it cannot be. */
export function resolveChapterTag(tag: ChapterTag, chapters: readonly ChapterInfo[]): ChapterRef | string {
  const chapter = chapters.find((c) => c.order === tag.chapter);
  if (!chapter) return `there is no chapter ${tag.chapter}`;
  const unknown = tag.labels.filter((label) => !chapter.tags.has(label));
  if (unknown.length > 0) return `chapter ${tag.chapter} has no equation labelled ${unknown.join(", ")}`;
  return { chapter, equations: tag.labels.map((label) => ({ label, tag: chapter.tags.get(label)! })) };
}
