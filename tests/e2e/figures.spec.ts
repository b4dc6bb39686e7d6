// Figures a reader can read on a phone: on a 390 px screen every figure's text is drawn at least 10 CSS px
// tall (a figure wider than the column scrolls sideways instead of shrinking), and no figure text shows raw
// TeX (x_i, Θ_{l}, e^{…}, \Sigma) or a hyphen-minus where a minus sign is meant.
import { expect, test } from "@playwright/test";
import { sitemapPages } from "../../scripts/built-pages.mjs";

const PAGES = sitemapPages(process.env.E2E_DIST).filter((p) => p.startsWith("chapters/") || p === "benchmarks/");
const PHONE = { width: 390, height: 844 };
const MIN_TEXT_PX = 10;
/**
 * TeX that was meant to be typeset: a sub- or superscript in braces, a backslash command, a superscript
 * digit or letter, or a subscript Unicode can write (xᵢ, λₘₐₓ, Θₗ, r₀): letters it has no subscript for
 * (σ_w, θ_T, Θ_φ) stay as they are.
 */
const RAW_TEX = /[_^]\{|\\[A-Za-z]+|\^[0-9A-Za-z]|_[aehijklmnoprstuvx0-9]+(?![A-Za-z])/;
/** A hyphen-minus used as a minus sign: before a digit, after a space, an opening bracket or the start. */
const HYPHEN_MINUS = /(^|[\s(\[=,])-\d/;

interface FigureText {
  figure: number;
  text: string;
  drawnPx: number;
}

for (const path of PAGES) {
  test(`figure text is legible on a phone and typeset: ${path}`, async ({ browser }) => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(path);
    await page.evaluate(() => document.fonts.ready);
    const texts: FigureText[] = await page.evaluate(() =>
      [...document.querySelectorAll<SVGSVGElement>(".nb-figure svg[width]")]
        .filter((svg) => !svg.closest("svg:not(:scope)") && Number(svg.getAttribute("width")) > 40) // not a legend's swatch
        .flatMap((svg, figure) => {
          const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute("width"));
          return [...svg.querySelectorAll("text")].map((text) => ({ figure, text: text.textContent ?? "", drawnPx: parseFloat(getComputedStyle(text).fontSize) * scale }));
        }),
    );
    expect(texts.length, `${path} has figures`).toBeGreaterThan(0);
    const small = texts.filter((t) => t.text.trim() !== "" && t.drawnPx < MIN_TEXT_PX - 0.01);
    expect(small.slice(0, 5).map((t) => `figure ${t.figure}: "${t.text}" drawn ${t.drawnPx.toFixed(1)} px`), `${path}: figure text under ${MIN_TEXT_PX} px at 390 px`).toEqual([]);
    // Titles, subtitles, legends and captions are HTML around the SVG; marks and axes are SVG text.
    const words: string[] = await page.evaluate(() =>
      [...document.querySelectorAll(".nb-figure")].flatMap((figure) => [
        ...[...figure.querySelectorAll("text")].map((t) => t.textContent ?? ""),
        ...[...figure.querySelectorAll("h2, h3, figcaption, span, div")].filter((el) => el.children.length === 0).map((el) => el.textContent ?? ""),
      ]),
    );
    expect(words.filter((w) => RAW_TEX.test(w)), `${path}: raw TeX in figure text`).toEqual([]);
    expect(words.filter((w) => HYPHEN_MINUS.test(w)), `${path}: a hyphen-minus for a minus sign in figure text`).toEqual([]);
    await page.close();
  });
}
