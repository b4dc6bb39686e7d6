// The chapters are a content collection: content/chapters/NN-slug.mdx, validated by this schema.
// A missing or malformed field fails the build naming the file and the field.
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";

/** Shown as written (titles, the chapter's lede and Sources box, the index, link previews): TeX would show as its source. */
const plainText = z.string().superRefine((text, ctx) => {
  const tex = /[_^{}\\$]/.exec(text);
  if (tex) ctx.addIssue({ code: "custom", message: `plain text only: "${tex[0]}" at character ${tex.index + 1} is TeX, which would show as typed; write math in Unicode (θ₀, Θ⁻¹, ∂ℓ/∂f)` });
});

/** Which source note (../shared/seeds/NNN_*.txt) and which of its sections a chapter follows. */
const mirror = z.object({
  note: z.string().regex(/^\d{3}$/, "a note number such as \"000\""),
  section: plainText.min(1),
});

/** A paper the chapter relies on. */
const paper = z.object({
  cite: z.string().min(1),
  title: plainText.min(1),
  url: z.string().url(),
});

const chapters = defineCollection({
  loader: glob({ pattern: "[0-9][0-9]-*.mdx", base: process.env.CHAPTERS_DIR ?? "./content/chapters" }),
  schema: z.object({
    title: plainText.min(1),
    order: z.number().int().positive(),
    summary: plainText.min(20).max(300),
    mirrors: z.array(mirror).min(1),
    papers: z.array(paper).default([]),
  }),
});

export const collections = { chapters };
