// Font subsets (src/site/font-subsets.mjs): the characters a built site uses, the unicode-range
// arithmetic, and the build step on a small site with one real font.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cssContentCodepoints, fontName, formatUnicodeRange, hashedName, mathItalic, pageCodepoints, parseUnicodeRange, splitRange, subsetFontFaces, subsetSiteFonts, withFontPreloads } from "../../../src/site/font-subsets.mjs";

const require = createRequire(import.meta.url);
const cp = (s: string) => new Set([...s].map((c) => c.codePointAt(0) as number));

describe("characters used", () => {
  it("counts a page's visible text in both cases, not its scripts or styles", () => {
    const used = pageCodepoints('<html><head><style>.x{content:"Ж"}</style><script>"ю"</script></head><body><p>Kernel θ &amp; é</p><template>ф</template></body></html>');
    for (const c of "KERNELkernelθΘ&éÉ") expect(used.has(c.codePointAt(0) as number), c).toBe(true);
    for (const c of "ЖюФф") expect(used.has(c.codePointAt(0) as number), c).toBe(false);
  });

  it("counts the italic letter the browser draws for a one-letter <mi>, and no other", () => {
    const used = pageCodepoints('<p><math><mi>x</mi><mi>θ</mi><mi mathvariant="normal">Θ</mi><mi>sin</mi><mi>h</mi></math></p>');
    for (const c of "𝑥𝜃ℎ") expect(used.has(c.codePointAt(0) as number), c).toBe(true);
    for (const c of "𝛩𝑠𝑖𝑛𝑋") expect(used.has(c.codePointAt(0) as number), c).toBe(false); // upright Θ, a word, no other case
  });

  it("maps letters to MathML Core's italics, with its exceptions", () => {
    const italic = (c: string) => {
      const point = mathItalic(c.codePointAt(0) as number);
      return point === undefined ? undefined : String.fromCodePoint(point);
    };
    expect([..."AZazhΓΩαωı∂∇ϕϵ"].map(italic).join("")).toBe("𝐴𝑍𝑎𝑧ℎ𝛤𝛺𝛼𝜔𝚤𝜕𝛻𝜙𝜖");
    for (const c of "1+ℝ𝒟") expect(italic(c), c).toBeUndefined();
  });

  it("counts the strings a stylesheet draws with content:", () => {
    expect(cssContentCodepoints('.eq::before{content:"("}.b::after{content:\'→\'}.c{color:red}')).toEqual(cp("(→"));
  });
});

describe("unicode-range", () => {
  it("reads single points, spans and wildcards, and absent as every code point", () => {
    expect(parseUnicodeRange("U+0000-00FF, U+0131,U+4??")).toEqual([[0, 0xff], [0x131, 0x131], [0x400, 0x4ff]]);
    expect(parseUnicodeRange(undefined)).toEqual([[0, 0x10ffff]]);
    expect(() => parseUnicodeRange("U+00ZZ")).toThrow(/cannot read "U\+00ZZ"/);
  });

  it("splits a declared range into the used characters and the rest, which together cover it exactly", () => {
    const declared: [number, number][] = [[0, 0xff], [0x2000, 0x206f]];
    const { kept, rest } = splitRange(declared, cp("ABC é—θ"));
    expect(kept).toEqual([[0x20, 0x20], [0x41, 0x43], [0xe9, 0xe9], [0x2014, 0x2014]]); // θ lies outside
    expect(rest).toEqual([[0, 0x1f], [0x21, 0x40], [0x44, 0xe8], [0xea, 0xff], [0x2000, 0x2013], [0x2015, 0x206f]]);
    expect(formatUnicodeRange(kept)).toBe("U+20, U+41-43, U+E9, U+2014");
  });

  it("leaves nothing for the rest when every declared character is used", () => {
    expect(splitRange([[0x41, 0x43]], cp("ABCD"))).toEqual({ kept: [[0x41, 0x43]], rest: [] });
  });
});

it("names new content as Vite names assets: the stem, then a hash of the bytes", () => {
  expect(hashedName("inter-latin-wght-normal.Dx4kXJAl.woff2", "a", "-subset")).toMatch(/^inter-latin-wght-normal-subset\.[\w-]{8}\.woff2$/);
  expect(hashedName("Base.CJqdTIjO.css", "a")).not.toBe(hashedName("Base.CJqdTIjO.css", "b"));
});

it("names a built font without its hash or subset tag", () => {
  expect(fontName("/b/_astro/stix-two-math-latin-400-normal-subset.-Tt7E7Ec.woff2")).toBe("stix-two-math-latin-400-normal");
  expect(fontName("ibm-plex-mono-latin-400-normal.DMJ8VG8y.woff2")).toBe("ibm-plex-mono-latin-400-normal");
  expect(fontName("inter-latin-wght-normal.Dx4kXJAl.woff2")).toBe("inter-latin-wght-normal");
});

it("puts font preloads before a page's first stylesheet or script", () => {
  const link = (href: string) => `<link rel="preload" href="${href}" as="font" type="font/woff2" crossorigin>`;
  expect(withFontPreloads('<head><meta charset="utf-8"><script>x</script><link rel="stylesheet" href="s.css"></head>', ["a.woff2", "b.woff2"])).toBe(
    `<head><meta charset="utf-8">${link("a.woff2")}${link("b.woff2")}<script>x</script><link rel="stylesheet" href="s.css"></head>`,
  );
  expect(withFontPreloads("<head><title>t</title></head><body><script></script></body>", ["a.woff2"])).toBe(`<head><title>t</title>${link("a.woff2")}</head><body><script></script></body>`);
  expect(withFontPreloads("<head></head>", [])).toBe("<head></head>");
  expect(() => withFontPreloads("<p>no head</p>", ["a.woff2"])).toThrow(/without a <head>/);
});

it("cuts a face whose sources start with local() names, and draws the used characters with the subset alone", async () => {
  const css = "@font-face{font-family:STIX2;src:local(STIXTwoMath),url(/b/_astro/stix.AAAAAAAA.woff2)}";
  const out = await subsetFontFaces(css, cp("x"), async (url) => url.replace(".AAAAAAAA", "-subset.BBBBBBBB"));
  const faces = [...out.matchAll(/@font-face\s*\{([^}]*)\}/g)].map((m) => m[1]);
  expect(faces).toHaveLength(2);
  expect(faces[0]).toContain('src:url(/b/_astro/stix-subset.BBBBBBBB.woff2) format("woff2")');
  expect(faces[0]).not.toContain("local(");
  expect(faces[0]).toContain("unicode-range:U+78");
  expect(faces[1]).toContain("src:local(STIXTwoMath),url(/b/_astro/stix.AAAAAAAA.woff2)"); // the rest as before
});

describe("the build step", () => {
  it("cuts a font to the site's characters, keeps the whole file for the rest, and renames what points at them", async () => {
    const dist = mkdtempSync(join(tmpdir(), "font-subsets-"));
    try {
      mkdirSync(join(dist, "_astro"));
      mkdirSync(join(dist, "chapter"));
      const font = readFileSync(require.resolve("@fontsource/source-serif-4/files/source-serif-4-latin-400-normal.woff2"));
      writeFileSync(join(dist, "_astro/serif.AAAAAAAA.woff2"), font);
      const url = "/base/_astro/serif.AAAAAAAA.woff2";
      writeFileSync(join(dist, "_astro/Base.BBBBBBBB.css"), `@font-face{font-family:Serif;font-display:swap;src:url(${url})format("woff2");unicode-range:U+0000-00FF}p{font-family:Serif}`);
      writeFileSync(join(dist, "_astro/page.CCCCCCCC.js"), 'import("./x.js");const css=["_astro/Base.BBBBBBBB.css"];');
      writeFileSync(join(dist, "chapter/index.html"), `<html><head><link rel="stylesheet" href="/base/_astro/Base.BBBBBBBB.css"></head><body><p>Width → ∞ ½</p></body></html>`);
      writeFileSync(join(dist, "index.html"), `<html><head><link rel="stylesheet" href="/base/_astro/Base.BBBBBBBB.css"></head><body><p>Index</p></body></html>`);
      writeFileSync(join(dist, "404.html"), `<html><head><link rel="stylesheet" href="/base/_astro/Base.BBBBBBBB.css"></head><body><p>Lost</p></body></html>`);

      const pageFonts = { "chapter/": ["serif", "serif"], "": ["serif", "gone"] }; // a font listed twice is preloaded once
      const result = await subsetSiteFonts(dist, "/base/", pageFonts);
      expect({ ...result, stale: result.stale.sort() }).toEqual({ used: expect.any(Number), subsets: 1, sheets: 1, preloads: 2, stale: ["(index): no font gone", "404.html: not listed"] });

      const files = readdirSync(join(dist, "_astro"));
      const subset = files.find((f) => /^serif-subset\.[\w-]{8}\.woff2$/.test(f));
      const sheet = files.find((f) => /^Base\.[\w-]{8}\.css$/.test(f));
      expect(subset, files.join(", ")).toBeDefined();
      expect(sheet).not.toBe("Base.BBBBBBBB.css");
      expect(existsSync(join(dist, "_astro/serif.AAAAAAAA.woff2")), "the whole font stays for the rest").toBe(true);
      expect(statSync(join(dist, "_astro", subset!)).size).toBeLessThan(font.length * 0.8);

      const css = readFileSync(join(dist, "_astro", sheet!), "utf8");
      const faces = [...css.matchAll(/@font-face\{([^}]*)\}/g)].map((m) => m[1]);
      expect(faces).toHaveLength(2);
      expect(faces[0]).toContain(`url(/base/_astro/${subset}) format("woff2")`);
      expect(faces[0]).toContain("unicode-range:U+9-A, U+D, U+20-7E, U+BD"); // ASCII, ½ (→ and ∞ lie outside U+0000–00FF)
      expect(faces[1]).toContain(`url(${url})format("woff2")`);
      expect(faces[1]).toContain("unicode-range:U+0-8, U+B-C, U+E-1F, U+7F-BC, U+BE-FF");
      expect(css).toContain("p{font-family:Serif}");

      const html = readFileSync(join(dist, "chapter/index.html"), "utf8");
      expect(html).toContain(`<head><link rel="preload" href="/base/_astro/${subset}" as="font" type="font/woff2" crossorigin><link rel="stylesheet"`);
      expect(readFileSync(join(dist, "index.html"), "utf8")).toContain(`<link rel="preload" href="/base/_astro/${subset}"`);
      expect(readFileSync(join(dist, "404.html"), "utf8")).not.toContain("preload");
      expect(html).toContain(`href="/base/_astro/${sheet}"`);
      expect(readFileSync(join(dist, "_astro/page.CCCCCCCC.js"), "utf8")).toContain(`"_astro/${sheet}"`);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
