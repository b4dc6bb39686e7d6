// The chapter list in reading order, with the URL of each chapter.
import { getCollection, type CollectionEntry } from "astro:content";
import { url } from "./paths.ts";

export type Chapter = CollectionEntry<"chapters">;

/** "03-wide-networks" → "wide-networks": the URL slug drops the ordering prefix. */
export function chapterSlug(chapter: Chapter): string {
  return chapter.id.replace(/^\d\d-/, "");
}

export function chapterHref(chapter: Chapter): string {
  return url(`chapters/${chapterSlug(chapter)}/`);
}

export async function chaptersInOrder(): Promise<Chapter[]> {
  const chapters = await getCollection("chapters");
  const byOrder = new Map<number, string>();
  for (const c of chapters) {
    const other = byOrder.get(c.data.order);
    if (other !== undefined) throw new Error(`content/chapters: chapters "${other}" and "${c.id}" both have order ${c.data.order}`);
    byOrder.set(c.data.order, c.id);
  }
  return chapters.sort((a, b) => a.data.order - b.data.order);
}

/** Human names of the five source notes the chapters follow, by number. */
export const noteTitles: Record<string, string> = {
  "000": "Neural tangent kernel (with “Second order”, “Score fns”, “Representation”)",
  "001": "NTK Proof / Infinite-width networks as GPs and linear models",
  "002": "Neural Tangent Kernel: kernel gradient descent",
  "003": "Gradient descent dynamics and the NTK recursion",
  "004": "Neural Tangont Kornel (handwritten, OCR)",
};
