// Font subsets, made after the build. Every web font the built CSS declares (the text faces and
// the math font) is cut down to the characters the site's pages show, and the whole file stays behind a
// second @font-face for every other character, so a browser fetches it only for a page (or a cell's
// output) that needs one of those. Same glyphs, same metrics: nothing on the page changes but the
// bytes. Lighthouse's simulated slow 4G charges every font fetched before the first paint, about
// 5 ms per KB, and a chapter fetched ~195 KB of fonts before it (docs/performance.md, "Audits").
// Then each page gets a preload for every font its text is drawn with (page-fonts.json), so the
// fonts arrive with the stylesheet: a font the browser found only when its layout reached the text
// (the math font, the code font) laid the whole page out again once it came.
import { createHash } from "node:crypto";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import postcss from "postcss";
import subsetFont from "subset-font";
import { parseHTML } from "linkedom";
import { filesUnder } from "./built-files.mjs";
import { normalizeBase } from "./deploy.mjs";

/** Which fonts each page's text is drawn with, in the order they are preloaded: made by `npm run fonts` (font-preloads.spec.ts). */
const PAGE_FONTS = new URL("./page-fonts.json", import.meta.url);

/** Always kept: tab, line breaks, printable ASCII (what a cell prints) and the dashes, quotes and ellipsis of U+2010–2027. */
const ALWAYS = [0x09, 0x0a, 0x0d, ...range(0x20, 0x7e), ...range(0x2010, 0x2027)];
/** @type {[number, number][]} */
const ALL_CODEPOINTS = [[0, 0x10ffff]];

/** @param {number} lo @param {number} hi */
function range(lo, hi) {
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** @type {Record<number, number>} MathML Core's italics outside its runs: ı ȷ ϴ ∇ ∂ ϵ ϑ ϰ ϕ ϱ ϖ */
const OTHER_ITALICS = { 0x131: 0x1d6a4, 0x237: 0x1d6a5, 0x3f4: 0x1d6f3, 0x2207: 0x1d6fb, 0x2202: 0x1d715, 0x3f5: 0x1d716, 0x3d1: 0x1d717, 0x3f0: 0x1d718, 0x3d5: 0x1d719, 0x3f1: 0x1d71a, 0x3d6: 0x1d71b };

/** MathML Core's italic mapping, which the browser applies to a one-letter <mi>: x → 𝑥 (U+1D465). @param {number} c @returns {number | undefined} */
export function mathItalic(c) {
  if (c >= 0x41 && c <= 0x5a) return 0x1d434 + c - 0x41;
  if (c === 0x68) return 0x210e; // ℎ, the one Latin italic outside the block
  if (c >= 0x61 && c <= 0x7a) return 0x1d44e + c - 0x61;
  if (c >= 0x391 && c <= 0x3a9 && c !== 0x3a2) return 0x1d6e2 + c - 0x391;
  if (c >= 0x3b1 && c <= 0x3c9) return 0x1d6fc + c - 0x3b1;
  return OTHER_ITALICS[c];
}

/**
 * The code points of a page's visible text (not its scripts and styles), both cases of each
 * letter, and the italic letters its math is drawn with (a one-letter <mi> without mathvariant).
 * @param {string} html
 */
export function pageCodepoints(html) {
  const { document } = parseHTML(html);
  for (const hidden of document.querySelectorAll("script, style, template")) hidden.remove();
  const text = document.documentElement.textContent ?? "";
  const points = new Set([...text, ...text.toUpperCase(), ...text.toLowerCase()].map((c) => /** @type {number} */ (c.codePointAt(0))));
  for (const mi of document.querySelectorAll("mi:not([mathvariant])")) {
    const letters = [...(mi.textContent ?? "")];
    const italic = letters.length === 1 ? mathItalic(/** @type {number} */ (letters[0].codePointAt(0))) : undefined;
    if (italic !== undefined) points.add(italic);
  }
  return points;
}

/** The code points of the strings a stylesheet draws with `content:` (e.g. an equation's "("). @param {string} css */
export function cssContentCodepoints(css) {
  const points = new Set();
  postcss.parse(css).walkDecls("content", (decl) => {
    for (const [, double, single] of decl.value.matchAll(/"([^"]*)"|'([^']*)'/g)) {
      for (const c of double ?? single ?? "") points.add(/** @type {number} */ (c.codePointAt(0)));
    }
  });
  return points;
}

/**
 * `unicode-range` → sorted inclusive [lo, hi] pairs; absent means every code point.
 * @param {string | undefined} value @returns {[number, number][]}
 */
export function parseUnicodeRange(value) {
  if (value === undefined) return ALL_CODEPOINTS;
  return value.split(",").map((part) => {
    const m = /^\s*U\+([0-9A-F?]+)(?:-([0-9A-F]+))?\s*$/i.exec(part);
    if (!m) throw new Error(`unicode-range: cannot read "${part.trim()}"`);
    if (m[1].includes("?")) return /** @type {[number, number]} */ ([parseInt(m[1].replace(/\?/g, "0"), 16), parseInt(m[1].replace(/\?/g, "F"), 16)]);
    const lo = parseInt(m[1], 16);
    return /** @type {[number, number]} */ ([lo, m[2] ? parseInt(m[2], 16) : lo]);
  });
}

/** Code points → sorted inclusive [lo, hi] runs, neighbours merged. @param {Iterable<number>} points @returns {[number, number][]} */
function toRuns(points) {
  /** @type {[number, number][]} */
  const runs = [];
  for (const p of [...points].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && p <= last[1] + 1) last[1] = Math.max(last[1], p);
    else runs.push([p, p]);
  }
  return runs;
}

/** Runs → a `unicode-range` value. @param {[number, number][]} runs */
export function formatUnicodeRange(runs) {
  const hex = (/** @type {number} */ n) => n.toString(16).toUpperCase();
  return runs.map(([lo, hi]) => (lo === hi ? `U+${hex(lo)}` : `U+${hex(lo)}-${hex(hi)}`)).join(", ");
}

/**
 * Splits a declared range by the characters used: `kept` (used, inside the range) and `rest` (the
 * range without them), both as sorted, merged [lo, hi] runs.
 * @param {[number, number][]} declared @param {Set<number>} used
 */
export function splitRange(declared, used) {
  const inside = [...used].filter((p) => declared.some(([lo, hi]) => p >= lo && p <= hi)).sort((a, b) => a - b);
  /** @type {[number, number][]} */
  const rest = [];
  for (const [lo, hi] of declared) {
    let from = lo;
    for (const p of inside) {
      if (p < lo || p > hi) continue;
      if (p > from) rest.push([from, p - 1]);
      from = p + 1;
    }
    if (from <= hi) rest.push([from, hi]);
  }
  return { kept: toRuns(inside), rest };
}

/** A file name for new content: the old one's stem, then a hash of the bytes, as Vite names assets. @param {string} name @param {Buffer | string} bytes @param {string} [tag] */
export function hashedName(name, bytes, tag = "") {
  const m = /^(.*?)\.[\w-]{8}(\.\w+)$/.exec(name);
  const [stem, ext] = m ? [m[1], m[2]] : [name.replace(/(\.\w+)$/, ""), /(\.\w+)$/.exec(name)?.[1] ?? ""];
  return `${stem}${tag}.${createHash("sha256").update(bytes).digest("base64url").slice(0, 8)}${ext}`;
}

/** A built font's name without its hash or subset tag: "inter-greek-wght-normal-subset.UPlNSr-a.woff2" → "inter-greek-wght-normal". @param {string} url */
export function fontName(url) {
  return basename(url).replace(/\.[\w-]{8}\.\w+$/, "").replace(/-subset$/, "");
}

/**
 * A page with a preload for each font URL, put before its first stylesheet or script so the fonts
 * are fetched with the stylesheet rather than when a layout reaches their text.
 * @param {string} html @param {string[]} hrefs
 */
export function withFontPreloads(html, hrefs) {
  if (hrefs.length === 0) return html;
  const links = hrefs.map((href) => `<link rel="preload" href="${href}" as="font" type="font/woff2" crossorigin>`).join("");
  const end = html.indexOf("</head>");
  if (end < 0) throw new Error("a page without a <head>: nowhere to put its font preloads");
  const at = Math.min(end, ...[/<link rel="stylesheet"/, /<style[\s>]/, /<script[\s>]/].map((re) => re.exec(html.slice(0, end))?.index ?? Infinity));
  return html.slice(0, at) + links + html.slice(at);
}

/**
 * Rewrites each @font-face of a stylesheet whose first source is a WOFF2 file in the build: its
 * source becomes a subset of that file with the used characters, its unicode-range those
 * characters; a copy keeps the original sources for the rest of the declared range.
 * @param {string} css
 * @param {Set<number>} used
 * @param {(url: string) => Promise<string | undefined>} subset  the subset's URL, or undefined to leave the face as it is
 */
export async function subsetFontFaces(css, used, subset) {
  const root = postcss.parse(css);
  /** @type {import("postcss").AtRule[]} */
  const faces = [];
  root.walkAtRules("font-face", (face) => void faces.push(face));
  for (const face of faces) {
    /** @type {import("postcss").Declaration | undefined} */
    let src;
    /** @type {string | undefined} */
    let declared;
    face.walkDecls((decl) => {
      if (decl.prop === "src") src = decl;
      if (decl.prop === "unicode-range") declared = decl.value;
    });
    if (!src) continue;
    // The first WOFF2 file, after any local() names (Temml's STIX2 face starts with one): the subset
    // face names only its file, so every machine draws the page with the same glyphs.
    const first = /^(?:local\([^)]*\)\s*,\s*)*url\(\s*["']?([^"')]+\.woff2)["']?\s*\)\s*(format\([^)]*\))?/.exec(src.value);
    if (!first) continue;
    const { kept, rest } = splitRange(parseUnicodeRange(declared), used);
    if (kept.length === 0) continue;
    const url = await subset(first[1]);
    if (url === undefined) continue;
    const whole = face.clone();
    src.value = `url(${url}) ${first[2] ?? 'format("woff2")'}`;
    face.walkDecls("unicode-range", (decl) => void decl.remove());
    face.append({ prop: "unicode-range", value: formatUnicodeRange(kept) });
    if (rest.length === 0) continue;
    whole.walkDecls("unicode-range", (decl) => void decl.remove());
    whole.append({ prop: "unicode-range", value: formatUnicodeRange(rest) });
    face.after(whole);
  }
  return root.toString();
}

/**
 * The build step: collects the characters of every built page and stylesheet, writes the subsets
 * beside the fonts in _astro/, rewrites the stylesheets (renamed by their new hash), and gives each
 * page a preload for each font `pageFonts` lists for it. A page or font the list does not know is
 * reported in `stale`, not an error: the list is made from a build (`npm run fonts`), and the
 * browser test that pins it fails until it is.
 * @param {string} dist @param {string} base  e.g. "/ntk-notebook/"
 * @param {Record<string, string[]>} pageFonts  page path under the base ("" for the index) → font names (fontName)
 */
export async function subsetSiteFonts(dist, base, pageFonts) {
  const files = filesUnder(dist);
  const pages = files.filter((f) => f.endsWith(".html"));
  const sheets = files.filter((f) => f.endsWith(".css") && f.startsWith(join(dist, "_astro")));
  const used = new Set(ALWAYS);
  for (const page of pages) for (const p of pageCodepoints(readFileSync(page, "utf8"))) used.add(p);
  for (const sheet of sheets) for (const p of cssContentCodepoints(readFileSync(sheet, "utf8"))) used.add(p);

  /** @type {Map<string, string | undefined>} a font's URL → its subset's (undefined: no smaller) */
  const subsets = new Map();
  const text = String.fromCodePoint(...used);
  const subset = async (/** @type {string} */ url) => {
    if (!url.startsWith(base)) return undefined;
    if (!subsets.has(url)) {
      const file = join(dist, url.slice(base.length));
      const original = readFileSync(file);
      const cut = Buffer.from(await subsetFont(original, text, { targetFormat: "woff2" }));
      if (cut.length >= original.length) subsets.set(url, undefined);
      else {
        const name = hashedName(basename(file), cut, "-subset");
        writeFileSync(join(file, "..", name), cut);
        subsets.set(url, url.slice(0, url.length - basename(file).length) + name);
      }
    }
    return subsets.get(url);
  };

  /** @type {Map<string, string>} old stylesheet name → new */
  const sheetNames = new Map();
  for (const sheet of sheets) {
    const css = readFileSync(sheet, "utf8");
    const rewritten = await subsetFontFaces(css, used, subset);
    if (rewritten === css) continue;
    const name = hashedName(basename(sheet), rewritten);
    writeFileSync(join(sheet, "..", name), rewritten);
    unlinkSync(sheet);
    sheetNames.set(basename(sheet), name);
  }
  // Each page preloads its fonts, as the stylesheets now name them (the subset where there is one).
  /** @type {Map<string, string>} */
  const fontUrls = new Map([...subsets].map(([url, cut]) => [fontName(url), cut ?? url]));
  /** @type {string[]} */
  const stale = [];
  let preloads = 0;
  /** The font URLs a built page preloads, as `pageFonts` lists them. @param {string} page @returns {string[]} */
  const preloadsOf = (page) => {
    const path = relative(dist, page).split(sep).join("/").replace(/(^|\/)index\.html$/, "$1");
    const names = pageFonts[path];
    if (!names) {
      stale.push(`${path || "(index)"}: not listed`);
      return [];
    }
    return [...new Set(names)].flatMap((name) => fontUrls.get(name) ?? (stale.push(`${path || "(index)"}: no font ${name}`), []));
  };
  // Pages and scripts name the stylesheets: those take the new names. Pages get their preloads in the same pass.
  for (const file of files.filter((f) => /\.(html|js)$/.test(f))) {
    const before = readFileSync(file, "utf8");
    let after = before;
    for (const [from, to] of sheetNames) after = after.replaceAll(`/${from}`, `/${to}`);
    if (file.endsWith(".html")) {
      const hrefs = preloadsOf(file);
      after = withFontPreloads(after, hrefs);
      preloads += hrefs.length;
    }
    if (after !== before) writeFileSync(file, after);
  }
  return { used: used.size, subsets: [...subsets.values()].filter(Boolean).length, sheets: sheetNames.size, preloads, stale };
}

/** @returns {import("astro").AstroIntegration} */
export default function fontSubsets() {
  let base = "/";
  return {
    name: "font-subsets",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = normalizeBase(config.base);
      },
      "astro:build:done": async ({ dir, logger }) => {
        const pageFonts = JSON.parse(readFileSync(PAGE_FONTS, "utf8"));
        const { used, subsets, sheets, preloads, stale } = await subsetSiteFonts(fileURLToPath(dir), base, pageFonts);
        logger.info(`${subsets} fonts cut to the ${used} characters the pages use (${sheets} stylesheet${sheets === 1 ? "" : "s"} rewritten); ${preloads} font preloads`);
        if (stale.length > 0) logger.warn(`${fileURLToPath(PAGE_FONTS)} is out of date (${stale.join("; ")}): run \`npm run fonts\``);
      },
    },
  };
}
