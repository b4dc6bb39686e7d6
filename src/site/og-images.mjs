// Sharing cards, rendered after the build: one 1200×630 PNG per chapter (its title and its first
// baked figure) at og/<slug>.png and a site card at og/index.png, the images the layouts name in
// og:image / twitter:image (src/layouts/Base.astro). Rendered by resvg (WebAssembly, no native
// binary) with the site's own fonts, which fontsource ships as WOFF2 only: wawoff2 turns them
// back into the TrueType resvg reads. A card that cannot be rendered fails the build, naming the page.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Resvg, initWasm } from "@resvg/resvg-wasm";
import decompress from "wawoff2/decompress.js";
import { parseHTML } from "linkedom";
import { filesUnder } from "./built-files.mjs";
import { normalizeBase } from "./deploy.mjs";
import { CARD_ROUTE, FONTS, cardPath, composeCard } from "./og-card.mjs";

const require = createRequire(import.meta.url);
const FONT_FILES = [
  "@fontsource/source-serif-4/files/source-serif-4-latin-600-normal.woff2", // titles
  "@fontsource-variable/inter/files/inter-latin-wght-normal.woff2", // everything else
  // fallbacks for what figures label with: Greek (Θ, η), Latin extended, math symbols (STIX Two Math, as the pages' math)
  "@fontsource-variable/inter/files/inter-greek-wght-normal.woff2",
  "@fontsource-variable/inter/files/inter-latin-ext-wght-normal.woff2",
  "@fontsource/stix-two-math/files/stix-two-math-latin-400-normal.woff2",
];
const SITE = "ntk·notebook";
const TAGLINE = "The Neural Tangent Kernel, derived and run";

/** @type {Promise<Uint8Array[]> | undefined} */
let ready;
/** Starts the wasm renderer once and loads the fonts (TrueType, decompressed from WOFF2). */
function setup() {
  ready ??= (async () => {
    await initWasm(readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));
    const fonts = [];
    for (const file of FONT_FILES) {
      const data = readFileSync(require.resolve(file));
      // Copied at once: wawoff2 hands back a view of its wasm memory, which the next call overwrites.
      fonts.push(new Uint8Array(await decompress(data)));
    }
    return fonts;
  })();
  return ready;
}

/** @param {Uint8Array[]} fonts */
function options(fonts) {
  return { font: { fontBuffers: fonts, loadSystemFonts: false, defaultFontFamily: FONTS.sans, sansSerifFamily: FONTS.sans, serifFamily: FONTS.serif } };
}

/** @param {Uint8Array[]} fonts @returns {import("./og-card.mjs").Measure} */
function measurer(fonts) {
  const cache = new Map();
  return (text, { family, size, weight = 400 }) => {
    const key = `${family}|${size}|${weight}|${text}`;
    if (!cache.has(key)) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text x="0" y="${size}" font-family="${family}" font-size="${size}" font-weight="${weight}">${text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</text></svg>`;
      const resvg = new Resvg(svg, options(fonts));
      cache.set(key, resvg.getBBox()?.width ?? 0);
      resvg.free();
    }
    return cache.get(key);
  };
}

/**
 * The outer HTML of the first element whose opening tag matches `open` (e.g. /<main\b/), found by
 * counting that tag's openings and closings: parsing a whole chapter (up to 1.5 MB of math and
 * figures) to read three elements takes half a second, these slices a few milliseconds.
 * @param {string} html @param {RegExp} open @returns {string | null}
 */
export function sliceElement(html, open) {
  const start = html.search(open);
  if (start < 0) return null;
  const tag = /^<([\w-]+)/.exec(html.slice(start))?.[1];
  if (!tag) return null;
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, "gi");
  tags.lastIndex = start;
  let depth = 0;
  for (let match; (match = tags.exec(html)); ) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, match.index + match[0].length);
  }
  return null;
}

/**
 * What a built page puts on its card: a chapter its kicker, title and first figure (the largest
 * <svg> of its first `.nb-figure`, i.e. the plot, not its legend); the index the site's headline.
 * @param {string} html
 * @returns {import("./og-card.mjs").Card}
 */
export function cardOfPage(html) {
  const header = sliceElement(html, /<header\b[^>]*\bclass="[^"]*\bchapter-header\b/);
  const figureBox = sliceElement(html, /<div\b[^>]*\bclass="[^"]*\bnb-figure\b/);
  const { document } = parseHTML(`<!doctype html><html><body>${header ?? sliceElement(html, /<main\b/) ?? ""}${figureBox ?? ""}</body></html>`);
  const text = (/** @type {string} */ selector) => document.querySelector(selector)?.textContent?.replace(/\s+/g, " ").trim() ?? "";
  const title = text("h1");
  if (!title) throw new Error("the page has no <h1> to title its card");
  const svgs = [...document.querySelectorAll(".nb-figure svg")];
  const area = (/** @type {Element} */ svg) => (Number.parseFloat(svg.getAttribute("width") ?? "") || 0) * (Number.parseFloat(svg.getAttribute("height") ?? "") || 0);
  const plot = svgs.sort((a, b) => area(b) - area(a))[0];
  const chapters = document.querySelectorAll(".chapter-map > li").length;
  return {
    site: SITE,
    kicker: text(".chapter-kicker") || (chapters ? `A notebook in ${chapters} chapters` : undefined),
    title,
    footer: header ? TAGLINE : "Live TypeScript cells with TensorFlow.js, in your browser",
    figure: plot ? plot.outerHTML : null,
  };
}

/**
 * The card of one built page as a PNG; any failure names the page.
 * @param {string} html the page's built HTML @param {string} page its path, for messages
 * @returns {Promise<Uint8Array>}
 */
export async function renderPageCard(html, page) {
  const fonts = await setup();
  try {
    const svg = composeCard(cardOfPage(html), measurer(fonts));
    const resvg = new Resvg(svg, options(fonts));
    const image = resvg.render();
    const png = image.asPng();
    image.free();
    resvg.free();
    return png;
  } catch (error) {
    throw new Error(`sharing card of ${page}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** @returns {import("astro").AstroIntegration} */
export default function ogImages() {
  let base = "/";
  return {
    name: "ntk-og-images",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = normalizeBase(config.base);
      },
      "astro:build:done": async ({ dir, logger }) => {
        const started = performance.now();
        const out = fileURLToPath(dir);
        mkdirSync(join(out, CARD_ROUTE), { recursive: true });
        const chapterDir = join(out, "chapters");
        const sources = [
          { page: "index.html", card: cardPath() },
          ...readdirSync(chapterDir, { withFileTypes: true })
            .filter((entry) => entry.isDirectory() && existsSync(join(chapterDir, entry.name, "index.html")))
            .map((entry) => ({ page: `chapters/${entry.name}/index.html`, card: cardPath(entry.name) })),
        ];
        for (const { page, card } of sources) writeFileSync(join(out, card), await renderPageCard(readFileSync(join(out, page), "utf8"), page));

        // Every page's og:image must be one of the files just written (the layouts compute the paths).
        const missing = [];
        for (const file of filesUnder(out).filter((f) => f.endsWith(".html"))) {
          const html = readFileSync(file, "utf8");
          for (const [, content] of html.matchAll(/<meta (?:property="og:image"|name="twitter:image") content="([^"]+)"/g)) {
            const path = decodeURIComponent(new URL(content).pathname);
            if (!path.startsWith(base) || !existsSync(join(out, path.slice(base.length)))) missing.push(`${relative(out, file)}: ${content}`);
          }
        }
        if (missing.length > 0) throw new Error(`sharing cards: pages name images that were not written:\n  ${missing.join("\n  ")}`);
        logger.info(`${sources.length} sharing cards written to ${CARD_ROUTE} in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
