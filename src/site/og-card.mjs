// Sharing cards (Open Graph / Twitter images): where they live, and the card itself as an SVG.
// Pure: no file system, no renderer. The layouts import the paths; src/site/og-images.mjs renders
// the SVG to PNG after the build, with the text measured by the renderer (`measure`).
import { escapeHtml } from "./escape-html.mjs";

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
export const CARD_ROUTE = "og/";

/** The card of a chapter (`slug`) or of the site (no slug), relative to the base: "og/<slug>.png". */
export function cardPath(slug = "index") {
  return `${CARD_ROUTE}${slug}.png`;
}

/** The fonts the card names; og-images.mjs loads exactly these (from the site's bundled fonts). */
export const FONTS = { sans: "Inter", serif: "Source Serif 4" };

// The site's light theme (src/styles/global.css).
const COLORS = { bg: "#fdfcf9", panel: "#ffffff", text: "#1d1d1f", soft: "#555149", accent: "#1f4e79", border: "#dcd8cc" };

/**
 * @typedef {{ family: string, size: number, weight?: number }} TextStyle
 * @typedef {(text: string, style: TextStyle) => number} Measure  width of `text` in px
 * @typedef {{ site: string, kicker?: string, title: string, footer?: string, figure?: string | null }} Card
 */


/**
 * Greedy word wrap to `maxWidth`; a single word wider than the line gets a line of its own.
 * @param {string} text @param {number} maxWidth @param {TextStyle} style @param {Measure} measure
 */
export function wrapText(text, maxWidth, style, measure) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate, style) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A figure as the site bakes it (Plot's inline SVG) made self-contained for a renderer without CSS:
 * its <style> dropped, currentColor and CSS variables replaced by the card's colours, fonts by the
 * card's sans, XML namespace added. Returns the root's size and its attributes and content apart,
 * so the card can nest it at any place and size.
 * @param {string} svg
 * @returns {{ width: number, height: number, attributes: string, body: string }}
 */
export function normalizeFigure(svg) {
  const open = /^\s*<svg\b([^>]*?)\/?>/i.exec(svg);
  if (!open) throw new Error("the figure is not an <svg> element");
  const close = svg.lastIndexOf("</svg>");
  if (close < open[0].length && !open[0].endsWith("/>")) throw new Error("the figure's <svg> is not closed");
  /** @type {Record<string, string>} */
  const attrs = {};
  for (const [, name, value] of open[1].matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[name] = value;
  const viewBox = (attrs.viewBox ?? "").trim().split(/[\s,]+/).map(Number);
  const width = Number.parseFloat(attrs.width ?? "") || viewBox[2];
  const height = Number.parseFloat(attrs.height ?? "") || viewBox[3];
  if (!(width > 0 && height > 0)) throw new Error("the figure's <svg> has neither a width and height nor a viewBox");
  const kept = Object.entries(attrs)
    .filter(([name]) => !/^(width|height|x|y|viewBox|class|style|role|xmlns(:.*)?|aria-.*|preserveAspectRatio)$/.test(name))
    .map(([name, value]) => `${name}="${name === "font-family" ? FONTS.sans : value}"`);
  kept.push(`viewBox="${viewBox.length === 4 && viewBox.every(Number.isFinite) ? viewBox.join(" ") : `0 0 ${width} ${height}`}"`);
  const body = open[0].endsWith("/>") ? "" : svg.slice(open[0].length, close);
  return { width, height, attributes: kept.join(" "), body: colourAndFonts(body.replace(/<style\b[\s\S]*?<\/style>/gi, "")) };
}

/** @param {string} markup */
function colourAndFonts(markup) {
  return scripts(markup)
    .replace(/currentColor/gi, COLORS.text)
    .replace(/var\(\s*--plot-background\s*\)/g, COLORS.panel)
    .replace(/var\(\s*--[\w-]+\s*,\s*([^()]+?)\s*\)/g, "$1")
    .replace(/var\(\s*--[\w-]+\s*\)/g, COLORS.text)
    .replace(/font-family="[^"]*"/g, `font-family="${FONTS.sans}"`)
    .replace(/font-family:[^;"]*/g, `font-family:${FONTS.sans}`)
    .replace(/&nbsp;/g, "&#160;");
}

const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎";
const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾";
const PLAIN = "0123456789+-=()";

/**
 * Unicode sub- and superscript digits (Θ₁, x²) as shifted small text: none of the site's bundled
 * fonts has those glyphs (the browser takes them from a system font; the renderer would draw boxes).
 * @param {string} markup
 */
function scripts(markup) {
  const run = (/** @type {string} */ chars, /** @type {string} */ shift) =>
    (/** @type {string} */ text) => `<tspan baseline-shift="${shift}" font-size="70%">${[...text].map((c) => PLAIN[chars.indexOf(c)]).join("")}</tspan>`;
  const sub = new RegExp(`[${SUBSCRIPTS}]+`, "gu");
  const sup = new RegExp(`[${SUPERSCRIPTS}]+`, "gu");
  // In text content only (between tags), never in attribute values such as aria-label.
  return markup.replace(/>([^<]+)</g, (_, text) => `>${text.replace(sub, run(SUBSCRIPTS, "sub")).replace(sup, run(SUPERSCRIPTS, "super"))}<`);
}

/**
 * The card: site name, kicker ("Chapter 3"), the title wrapped (smaller when long), a footer line,
 * and the figure in a panel on the right; without a figure the text takes the whole width.
 * @param {Card} card @param {Measure} measure
 * @returns {string} an SVG document of CARD_WIDTH × CARD_HEIGHT
 */
export function composeCard(card, measure) {
  const margin = 64;
  const figure = card.figure ? normalizeFigure(card.figure) : null;
  const area = { x: 620, y: 48, width: CARD_WIDTH - 620 - 48, height: CARD_HEIGHT - 2 * 48 }; // the figure's
  const textWidth = (figure ? area.x - 40 : CARD_WIDTH - margin) - margin;

  // The largest title size that fits in four lines (three without a figure, where lines are long).
  const maxLines = figure ? 4 : 3;
  let size = figure ? 60 : 76;
  /** @type {TextStyle} */
  let style = { family: FONTS.serif, size, weight: 600 };
  let lines = wrapText(card.title, textWidth, style, measure);
  while ((lines.length > maxLines || lines.some((l) => measure(l, style) > textWidth)) && size > 36) {
    size -= 4;
    style = { ...style, size };
    lines = wrapText(card.title, textWidth, style, measure);
  }
  const lineHeight = Math.round(size * 1.15);
  const titleTop = 196 + size; // clear of the kicker at any size

  const text = (/** @type {number} */ x, /** @type {number} */ y, /** @type {string} */ content, /** @type {string} */ attrs) =>
    `<text x="${x}" y="${y}" ${attrs}>${escapeHtml(content)}</text>`;
  const parts = [
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${COLORS.bg}"/>`,
    `<rect width="${CARD_WIDTH}" height="10" fill="${COLORS.accent}"/>`,
    text(margin, 104, card.site, `font-family="${FONTS.sans}" font-size="34" fill="${COLORS.accent}"`),
  ];
  if (card.kicker) parts.push(text(margin, 190, card.kicker.toUpperCase(), `font-family="${FONTS.sans}" font-size="26" letter-spacing="2" fill="${COLORS.soft}"`));
  parts.push(
    `<text font-family="${FONTS.serif}" font-weight="600" font-size="${size}" fill="${COLORS.text}">` +
      lines.map((line, i) => `<tspan x="${margin}" y="${titleTop + i * lineHeight}">${escapeHtml(line)}</tspan>`).join("") +
      "</text>",
  );
  if (card.footer) {
    const footerStyle = { family: FONTS.sans, size: 24 };
    const footer = wrapText(card.footer, textWidth, footerStyle, measure).slice(0, 2);
    footer.forEach((line, i) =>
      parts.push(text(margin, CARD_HEIGHT - 64 - (footer.length - 1 - i) * 32, line, `font-family="${FONTS.sans}" font-size="${footerStyle.size}" fill="${COLORS.soft}"`)));
  }
  if (figure) {
    // The figure as large as the area allows, in a white panel cut to its shape.
    const pad = 20;
    const scale = Math.min((area.width - 2 * pad) / figure.width, (area.height - 2 * pad) / figure.height);
    const [width, height] = [figure.width * scale, figure.height * scale];
    const [x, y] = [area.x + (area.width - width) / 2, area.y + (area.height - height) / 2];
    parts.push(
      `<rect x="${x - pad}" y="${y - pad}" width="${width + 2 * pad}" height="${height + 2 * pad}" rx="12" fill="${COLORS.panel}" stroke="${COLORS.border}" stroke-width="2"/>`,
      `<svg x="${x}" y="${y}" width="${width}" height="${height}" preserveAspectRatio="xMidYMid meet" color="${COLORS.text}" ${figure.attributes}>${figure.body}</svg>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">${parts.join("")}</svg>`;
}
