// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import { unified } from "@astrojs/markdown-remark";
import remarkMath from "remark-math";
import remarkEquations from "./src/markdown/remark-equations.mjs";
import remarkOutline from "./src/markdown/remark-outline.mjs";
import rehypeTemml from "./src/markdown/rehype-temml.mjs";
import mdxSyntax from "./src/markdown/mdx-syntax.mjs";
// names of the ntk library in the text link to the API reference (src/pages/api/)
import rehypeApiLinks from "./src/markdown/rehype-api-links.ts";
import { deployTarget } from "./src/site/deploy.mjs";
// notebook runtime: ```ts cell fences → <Cell>, wasm binaries, worker format, notebook downloads
import remarkCells from "./src/notebook/remark-cells.mjs";
import notebook from "./src/notebook/integration.mjs";
// sharing cards: og/<chapter>.png and og/index.png, rendered from the built pages
import ogImages from "./src/site/og-images.mjs";
// the ntk library published under lib/ for Deno, browsers and the downloaded notebooks
import publishedLibrary from "./src/publish/integration.mjs";
// web fonts cut to the characters the built pages use, the whole files kept for any other
import fontSubsets from "./src/site/font-subsets.mjs";

const { site, base } = deployTarget(process.env);

export default defineConfig({
  site,
  base,
  trailingSlash: "always",
  integrations: [notebook(), mdx(), publishedLibrary(), ogImages(), fontSubsets()],
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath, remarkEquations, remarkOutline, remarkCells],
      rehypePlugins: [rehypeTemml, [rehypeApiLinks, { base }]],
    }),
  },
  vite: {
    // An .mdx page's syntax errors fail the build at their line and column
    plugins: [mdxSyntax()],
    // Keep client scripts as files: Vite leaves its __VITE_PRELOAD__ placeholder unreplaced in
    // scripts Astro inlines, which breaks every dynamic import() (search, editor, kernel).
    build: { assetsInlineLimit: 0 },
    resolve: {
      alias: [
        // Temml's STIX2 stylesheet names a font file it does not ship; this is that font, STIX Two Math,
        // from @fontsource (whole: fontsource's own CSS limits it to Latin). The build cuts it to the site's characters.
        { find: /^\.\/STIXTwoMath\.woff2$/, replacement: "@fontsource/stix-two-math/files/stix-two-math-latin-400-normal.woff2" },
      ],
    },
  },
});
