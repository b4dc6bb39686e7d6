// Sharing cards: a built page in, a 1200×630 PNG out (src/site/og-card.mjs composes, og-images.mjs renders).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CARD_HEIGHT, CARD_WIDTH, cardPath, composeCard, normalizeFigure, wrapText } from "../../../src/site/og-card.mjs";
import ogImages, { cardOfPage, renderPageCard, sliceElement } from "../../../src/site/og-images.mjs";

/** A plot as Plot bakes it: a <style>, currentColor, and a CSS variable resvg cannot resolve. */
const PLOT =
  '<svg viewBox="0 0 400 300" width="400" height="300" fill="currentColor" font-family="system-ui, sans-serif" class="plot-x" role="img" aria-label="Θ₁">' +
  "<style>:where(.plot-x) { --plot-background: white; display: block; }</style>" +
  '<rect width="400" height="150" fill="var(--plot-background)"/><rect y="150" width="400" height="150"/>' +
  '<text x="10" y="20" stroke="var(--plot-background)">Θ₁ (layer 1)</text></svg>';
const LEGEND = '<svg viewBox="0 0 240 50" width="240" height="50" class="plot-x-ramp"><rect width="240" height="50" fill="red"/></svg>';

function chapterPage(figure: string | null): string {
  return `<!doctype html><html><head><title>x</title></head><body><main id="main" class="chapter">
    <header class="chapter-header"><p class="chapter-kicker">Chapter 4</p><h1>Gradient flow of the MSE</h1><p class="chapter-summary">Summary.</p></header>
    <article class="prose"><p>Text with <div>nested</div> markup.</p>
    ${figure === null ? "" : `<div class="nb-out nb-figure"><figure><h2>A figure</h2>${figure}</figure></div>
    <div class="nb-out nb-figure"><svg width="500" height="500"><rect width="500" height="500" fill="red"/></svg></div>`}</article></main></body></html>`;
}

/** RGBA pixels of a non-interlaced 8-bit RGBA PNG (what resvg writes). */
function decodePng(png: Uint8Array): { width: number; height: number; at: (x: number, y: number) => number[] } {
  const bytes = Buffer.from(png);
  expect(bytes.subarray(1, 4).toString()).toBe("PNG");
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  expect([bytes[24], bytes[25], bytes[28]], "bit depth 8, RGBA, not interlaced").toEqual([8, 6, 0]);
  const idat: Buffer[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    if (bytes.toString("latin1", offset + 4, offset + 8) === "IDAT") idat.push(bytes.subarray(offset + 8, offset + 8 + length));
    offset += length + 12;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i];
      const a = i >= 4 ? pixels[y * stride + i - 4] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const c = i >= 4 && y > 0 ? pixels[(y - 1) * stride + i - 4] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      pixels[y * stride + i] = (x + [0, a, b, (a + b) >> 1, paeth][filter]) & 0xff;
    }
  }
  return { width, height, at: (x, y) => [...pixels.subarray(y * stride + x * 4, y * stride + x * 4 + 4)] };
}

/** Pixels darker than the card's background inside a box: text (the title is #1d1d1f ink). */
function inkIn(image: ReturnType<typeof decodePng>, [x0, y0, x1, y1]: number[]): number {
  let count = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (image.at(x, y).slice(0, 3).every((v) => v < 100)) count++;
  return count;
}

const TITLE_BOX = [64, 200, 580, 480];
const FIGURE_BOX = [640, 60, 1140, 570];

describe("sharing cards", () => {
  it("render a chapter as a 1200×630 PNG with its title and its first figure, colours resolved", async () => {
    const image = decodePng(await renderPageCard(chapterPage(LEGEND + PLOT), "chapters/gradient-flow-mse/index.html"));
    expect([image.width, image.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
    expect(inkIn(image, TITLE_BOX), "the title's glyphs are drawn").toBeGreaterThan(2000);
    // The first figure's plot (not its legend, not a later figure: both red) fills the right half, centred: its upper
    // half is var(--plot-background) (white), its lower half currentColor (the card's ink).
    expect(image.at(886, 220).slice(0, 3)).toEqual([255, 255, 255]);
    expect(image.at(886, 410).slice(0, 3)).toEqual([0x1d, 0x1d, 0x1f]);
  });

  it("give a page without a figure a text-only card", async () => {
    const image = decodePng(await renderPageCard(chapterPage(null), "chapters/no-figure/index.html"));
    expect([image.width, image.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
    expect(inkIn(image, TITLE_BOX)).toBeGreaterThan(2000);
    expect(cardOfPage(chapterPage(null))).toMatchObject({ kicker: "Chapter 4", title: "Gradient flow of the MSE", figure: null });
  });

  it("fail naming the page when a figure or the page cannot make a card", async () => {
    // Not well-formed XML once out of the page (the HTML parser mends unclosed tags, not this).
    const broken = '<svg width="100" height="100"><rect ev:event="click" width="10" height="10"/></svg>';
    await expect(renderPageCard(chapterPage(broken), "chapters/broken/index.html")).rejects.toThrow(
      /^sharing card of chapters\/broken\/index\.html: .*unknown namespace prefix 'ev'/,
    );
    await expect(renderPageCard(chapterPage('<svg class="x"><rect/></svg>'), "chapters/sizeless/index.html")).rejects.toThrow(
      /chapters\/sizeless\/index\.html: .*neither a width and height nor a viewBox/,
    );
    await expect(renderPageCard("<html><body><main></main></body></html>", "untitled.html")).rejects.toThrow(/untitled\.html: .*no <h1>/);
  });

  it("make figures self-contained and wrap titles to the column", () => {
    const figure = normalizeFigure(PLOT);
    expect([figure.width, figure.height]).toEqual([400, 300]);
    expect(figure.body).not.toMatch(/<style|currentColor|var\(|system-ui/);
    expect(figure.body).toContain('Θ<tspan baseline-shift="sub" font-size="70%">1</tspan> (layer 1)');
    expect(figure.attributes).not.toMatch(/aria-label|class=|width=/);

    const measure = (text: string, style: { size: number }) => text.length * style.size * 0.5;
    const lines = wrapText("The infinite-width recursion of the kernel", 300, { family: "x", size: 30 }, measure);
    expect(lines).toEqual(["The infinite-width", "recursion of the", "kernel"]);
    const svg = composeCard({ site: "s", title: "A title & <more>", kicker: "Chapter 1" }, measure);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* width="1200" height="630"/);
    expect(svg).toContain("A title &amp; &lt;more&gt;");
    expect(cardPath("x")).toBe("og/x.png");
    expect(cardPath()).toBe("og/index.png");
  });

  it("are written after the build for the index and each chapter, and every page's og:image must exist", async () => {
    const out = mkdtempSync(join(tmpdir(), "og-"));
    const meta = (image: string) => `<meta property="og:image" content="https://example.org/site/${image}">`;
    const write = (file: string, html: string) => {
      mkdirSync(join(out, file, ".."), { recursive: true });
      writeFileSync(join(out, file), html);
    };
    write("index.html", `<html><head>${meta("og/index.png")}</head><body><main><h1>The site</h1></main></body></html>`);
    write("chapters/gradient-flow-mse/index.html", chapterPage(PLOT).replace("<title>", `${meta("og/gradient-flow-mse.png")}<title>`));
    const { hooks } = ogImages() as any;
    hooks["astro:config:done"]({ config: { base: "/site/" } });
    const done = () => hooks["astro:build:done"]({ dir: pathToFileURL(`${out}/`), logger: { info: () => {} } });
    try {
      await done();
      expect(existsSync(join(out, "og/index.png")) && existsSync(join(out, "og/gradient-flow-mse.png"))).toBe(true);
      expect(decodePng(readFileSync(join(out, "og/gradient-flow-mse.png"))).width).toBe(CARD_WIDTH);
      write("playground/index.html", `<html><head>${meta("og/playground.png")}</head><body></body></html>`);
      await expect(done()).rejects.toThrow(/playground\/index\.html: https:\/\/example\.org\/site\/og\/playground\.png/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("slice one element out of a page without parsing the page", () => {
    const html = '<main><div class="a"><div>one</div><div class="nb-figure"><div><svg/></div></div>tail</div></main>';
    expect(sliceElement(html, /<div\b[^>]*\bclass="[^"]*\bnb-figure\b/)).toBe('<div class="nb-figure"><div><svg/></div></div>');
    expect(sliceElement(html, /<section\b/)).toBeNull();
  });
});
