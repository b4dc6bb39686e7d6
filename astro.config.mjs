// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import { unified } from "@astrojs/markdown-remark";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import { fileURLToPath } from "node:url";
import remarkEquations from "./src/markdown/remark-equations.mjs";
import remarkOutline from "./src/markdown/remark-outline.mjs";
import rehypeMathErrors from "./src/markdown/rehype-math-errors.mjs";
import { deployTarget } from "./src/site/deploy.mjs";
// notebook runtime: ```ts cell fences → <Cell>, wasm binaries, worker format, notebook downloads
import remarkCells from "./src/notebook/remark-cells.mjs";
import notebook from "./src/notebook/integration.mjs";
// sharing cards: og/<chapter>.png and og/index.png, rendered from the built pages
import ogImages from "./src/site/og-images.mjs";
// web fonts cut to the characters the built pages use, the whole files kept for any other
import fontSubsets from "./src/site/font-subsets.mjs";

const { site, base } = deployTarget(process.env);

export default defineConfig({
  site,
  base,
  trailingSlash: "always",
  integrations: [notebook(), mdx(), ogImages(), fontSubsets()],
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath, remarkEquations, remarkOutline, remarkCells],
      rehypePlugins: [[rehypeKatex, { output: "htmlAndMathml" }], rehypeMathErrors],
    }),
  },
  vite: {
    // Keep client scripts as files: Vite leaves its __VITE_PRELOAD__ placeholder unreplaced in
    // scripts Astro inlines, which breaks every dynamic import() (search, editor, kernel).
    build: { assetsInlineLimit: 0 },
    resolve: {
      alias: { ntk: fileURLToPath(new URL("./src/ntk/index.ts", import.meta.url)) },
    },
  },
});
