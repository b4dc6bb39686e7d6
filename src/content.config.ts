// The chapters are a content collection: content/chapters/NN-slug.mdx, validated by this schema.
// A missing or malformed field fails the build naming the file, the field, and its line and column.
import { defineCollection } from "astro:content";
import { z } from "astro/zod";
import { placedGlob } from "./site/placed-loader.ts";

/** Shown as written (titles, the chapter's lede and Sources box, the index, link previews): TeX would show as its source. */
const plainText = z.string().superRefine((text, ctx) => {
  const tex = /[_^{}\\$]/.exec(text);
  if (tex) ctx.addIssue({ code: "custom", message: `plain text only: "${tex[0]}" at character ${tex.index + 1} is TeX, which would show as typed; write math in Unicode (θ₀, Θ⁻¹, ∂ℓ/∂f)` });
});

/** Which source note (000–004) and which of its sections a chapter follows. */
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

const chapter = z.object({
  title: plainText.min(1),
  order: z.number().int().positive(),
  summary: plainText.min(20).max(300),
  mirrors: z.array(mirror).min(1),
  /** true when the chapter mirrors no note but continues the listed sections past where they stop (chapter 10) */
  continues: z.boolean().default(false),
  papers: z.array(paper).default([]),
});

const chapters = defineCollection({
  loader: placedGlob({ pattern: "[0-9][0-9]-*.mdx", base: process.env.CHAPTERS_DIR ?? "./content/chapters" }, chapter),
  schema: chapter,
});

export const collections = { chapters };
