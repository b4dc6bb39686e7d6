// Turns values into outputs: tensors (shape, dtype, elided values), arrays of records as tables,
// DOM nodes (Plot figures, made with the kernel's linkedom document) as HTML, anything else as text.
import type { Tensor } from "@tensorflow/tfjs";
import type { Output } from "../protocol.ts";
import { formatNumber, inspect } from "./inspect.ts";

const MAX_ROWS = 20;
const MAX_COLUMNS = 20;

/** What display needs from tfjs, injected so this module does not load it. */
export interface TensorSupport {
  isTensor(value: unknown): value is Tensor;
}

export function tensorText(tensor: Tensor): string {
  if (tensor.isDisposed) return "(disposed tensor)";
  // tfjs's own printer already elides large dimensions with "..."; drop its "Tensor" header line.
  return tensor.toString().replace(/^Tensor\n/, "").replace(/^ {4}/gm, "");
}

export function toOutput(value: unknown, tensors: TensorSupport): Output {
  if (tensors.isTensor(value)) return { kind: "tensor", dtype: value.dtype, shape: value.shape.slice(), text: tensorText(value) };
  if (isDomNode(value)) return { kind: "html", html: drawnNearViewport(accessibleFigure(minusSigns(roundedGeometry(value)))).outerHTML };
  if (isRecordArray(value)) return toTable(value);
  return { kind: "text", text: inspectValue(value, tensors) };
}

/** console.log-style: strings as they are, other values inspected, separated by spaces. */
export function formatArgs(args: unknown[], tensors: TensorSupport): string {
  return args.map((arg) => (typeof arg === "string" ? arg : inspectValue(arg, tensors))).join(" ");
}

function inspectValue(value: unknown, tensors: TensorSupport): string {
  return inspect(value, (x) => (tensors.isTensor(x) ? `Tensor ${x.dtype} [${x.shape.join(", ")}]\n${tensorText(x)}` : null));
}

interface DomNodeLike {
  nodeType: number;
  outerHTML: string;
  textContent: string | null;
  tagName: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  querySelector(selector: string): DomNodeLike | null;
  querySelectorAll(selector: string): Iterable<DomNodeLike>;
}

/**
 * Gives every SVG of a figure a text alternative: role="img" and a label saying what it shows (the
 * figure's title, subtitle and caption, else "y against x" from its axis labels). Plot's labels on
 * inner marks ("dot", "rule") name no content and are not allowed on <g>: they are dropped.
 */
export function accessibleFigure<T extends DomNodeLike>(node: T): T {
  const text = (el: DomNodeLike | null) => el?.textContent?.replace(/\s+/g, " ").trim() ?? "";
  const described = ["h2", "h3", "figcaption"].map((tag) => text(node.querySelector(tag))).filter(Boolean).join(". ");
  const { svgs, swatches } = figureSvgs(node);
  for (const svg of svgs) {
    if (swatches.has(svg)) {
      svg.setAttribute("aria-hidden", "true"); // a colour chip beside its own text
      continue;
    }
    if (svg.getAttribute("class")?.includes("-ramp")) svg.setAttribute("aria-label", `Colour legend${text(svg.querySelector("text")) ? `: ${text(svg.querySelector("text"))}` : ""}`);
    if (!svg.getAttribute("aria-label")) {
      const [x, y] = ["x", "y"].map((axis) => text(svg.querySelector(`[aria-label="${axis}-axis label"]`)).replace(/^[↑↓←→\s]+|[↑↓←→\s]+$/g, ""));
      const axes = x && y ? `${y} against ${x}` : x || y;
      svg.setAttribute("aria-label", described || (axes ? `Figure: ${axes}` : "Figure"));
    }
    svg.setAttribute("role", "img");
    for (const inner of svg.querySelectorAll("[aria-label], [aria-description]")) {
      inner.removeAttribute("aria-label");
      inner.removeAttribute("aria-description");
    }
  }
  return node;
}

/**
 * A figure off screen is not styled or laid out until it nears the viewport (content-visibility), as
 * off-screen prose is not: a scatter of a few thousand marks costs a long task on a phone otherwise.
 * Its box keeps the drawn size meanwhile (the width Plot gives it, and its aspect ratio), so drawing
 * it moves nothing. The width is a custom property, --nb-figure-width: the page's stylesheet
 * (components/Cell.astro) draws the figure at that width, at most the column's, and on a phone at that
 * width whatever the column (shrunk, its 10 px text would be drawn 5–6 px tall), its box scrolling
 * sideways instead (and taking keyboard focus to do so, src/layouts/Base.astro). Colour swatches (a few pixels) and colour ramps (whose
 * labels overflow their box, which containment would clip) are left alone.
 */
export function drawnNearViewport<T extends DomNodeLike>(node: T): T {
  const { svgs, swatches } = figureSvgs(node);
  for (const svg of svgs) {
    const [width, height] = ["width", "height"].map((name) => Number(svg.getAttribute(name)));
    if (swatches.has(svg) || svg.getAttribute("class")?.includes("-ramp") || !(width > 0 && height > 0)) continue;
    const style = svg.getAttribute("style")?.replace(/;?\s*$/, "; ") ?? "";
    svg.setAttribute("style", `${style}content-visibility: auto; --nb-figure-width: ${width}px; height: auto; aspect-ratio: ${width} / ${height}`);
  }
  return node;
}

/** The attributes that place and shape SVG marks: the only ones whose numbers are rounded. */
const GEOMETRY = ["d", "points", "transform", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height", "dx", "dy"];
/** A number written with three or more decimals (and maybe an exponent, as JavaScript prints 1e-7). */
const LONG_NUMBER = /-?\d*\.\d{3,}(?:e[-+]?\d+)?/gi;

/**
 * Plot writes coordinates at full double precision (`155.70448656507386`). A hundredth of a unit is
 * a hundredth of a pixel at the drawn size, below what a screen shows, so a figure keeps two decimals:
 * its geometry attributes only, never its text (tick labels, titles) or data. A built chapter is
 * 2–15 KB gzipped smaller for it (docs/performance.md, "Audits").
 */
export function roundedGeometry<T extends DomNodeLike>(node: T): T {
  const round = (n: string) => String(Math.round(Number(n) * 100) / 100);
  for (const svg of figureSvgs(node).svgs) {
    for (const el of [svg, ...svg.querySelectorAll("*")]) {
      for (const name of GEOMETRY) {
        const value = el.getAttribute(name);
        if (value === null) continue;
        const rounded = value.replace(LONG_NUMBER, round);
        if (rounded !== value) el.setAttribute(name, rounded);
      }
    }
  }
  return node;
}

/** A hyphen-minus meant as a minus sign: before a number, at the start or after a space, bracket or separator. */
const HYPHEN_MINUS = /(^|[\s([{=,:;/])-(?=\.?\d)/g;

/**
 * A figure's text writes a negative number with the minus sign (−), as Plot's own tick labels do, even
 * where a cell formatted it with toFixed or String (which write a hyphen-minus): tick labels, text marks,
 * titles, legends. Only elements holding text alone are touched (never a <style>), so no markup changes.
 */
export function minusSigns<T extends DomNodeLike>(node: T): T {
  for (const el of [node, ...node.querySelectorAll("*")]) {
    if (el.querySelector("*") !== null || !el.textContent?.includes("-") || /^(style|script)$/i.test(el.tagName)) continue;
    const typeset = el.textContent.replace(HYPHEN_MINUS, "$1−");
    if (typeset !== el.textContent) el.textContent = typeset;
  }
  return node;
}

/** The SVGs of a figure (the node itself if it is one), and which of them are colour-legend swatches. */
function figureSvgs(node: DomNodeLike): { svgs: DomNodeLike[]; swatches: Set<DomNodeLike> } {
  const svgs = node.tagName.toLowerCase() === "svg" ? [node] : [...node.querySelectorAll("svg")];
  return { svgs, swatches: new Set(node.querySelectorAll('[class*="-swatch"] svg')) };
}

function isDomNode(value: unknown): value is DomNodeLike {
  return typeof value === "object" && value !== null && (value as Partial<DomNodeLike>).nodeType === 1 && typeof (value as Partial<DomNodeLike>).outerHTML === "string";
}

type Cell = string | number | boolean | null | undefined | bigint;
type RecordRow = Record<string, Cell>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isRecordArray(value: unknown): value is RecordRow[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  return value.slice(0, MAX_ROWS).every((row) => isPlainObject(row) && Object.values(row).every((cell) => cell === null || typeof cell !== "object"));
}

function toTable(records: RecordRow[]): Output {
  const columns: string[] = [];
  const shown = records.slice(0, MAX_ROWS);
  for (const record of shown) for (const key of Object.keys(record)) if (!columns.includes(key) && columns.length < MAX_COLUMNS) columns.push(key);
  const rows = shown.map((record) => columns.map((column) => formatCell(record[column])));
  return { kind: "table", columns, rows, more: records.length - shown.length };
}

function formatCell(cell: unknown): string {
  if (cell === undefined) return "";
  if (typeof cell === "number") return Number.isInteger(cell) ? String(cell) : formatNumber(Number(cell.toPrecision(6)));
  return typeof cell === "string" ? cell : inspect(cell);
}
