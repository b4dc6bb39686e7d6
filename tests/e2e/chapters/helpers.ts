// Shared by the chapter specs: find a cell, read the numbers a cell prints, run the whole page.
// A cell prints each number a figure is about on a line with a fixed label, e.g. "fitted slope: 2.001";
// the specs read it from the baked (build-time) output and again after a live "Run all".
import { expect, test, type Locator, type Page } from "@playwright/test";
import { drawEveryFigure } from "../drawing.ts";
import { guard } from "../guard.ts";

/** Generous: a cold kernel start plus a whole chapter on the wasm backend of a loaded 2-core machine. */
export const RUN_ALL_TIMEOUT_MS = 120_000;

export function cell(page: Page, id: string): Locator {
  return page.locator(`.nb-cell[data-cell-id="${id}"]`);
}

/** The n-th figure (Plot output) of a cell. */
export function figure(page: Page, id: string, n = 0): Locator {
  return cell(page, id).locator(".nb-output .nb-figure").nth(n);
}

const NUMBER = /[-+−]?(?:\d+\.?\d*|\.\d+)(?:e[-+−]?\d+)?/gi;

/**
 * The numbers printed after `label` on the output line that contains it, in order
 * (e.g. "eigenvalues: smallest -9e-13, largest 0.14" → [-9e-13, 0.14]).
 */
export async function numbersAfter(page: Page, id: string, label: string): Promise<number[]> {
  const text = await cell(page, id).locator(".nb-output").innerText();
  const line = text.split("\n").find((l) => l.includes(label));
  expect(line, `cell ${id} prints a line with "${label}"`).toBeDefined();
  const rest = line!.slice(line!.indexOf(label) + label.length);
  return [...rest.matchAll(NUMBER)].map((m) => Number(m[0].replace(/−/g, "-")));
}

/** The first number printed after `label`. */
export async function numberAfter(page: Page, id: string, label: string): Promise<number> {
  const values = await numbersAfter(page, id, label);
  expect(values.length, `a number after "${label}" in cell ${id}`).toBeGreaterThan(0);
  return values[0];
}

/** Expects lo ≤ value ≤ hi, naming what was checked. */
export function expectWithin(value: number, lo: number, hi: number, what: string): void {
  expect(Number.isFinite(value), `${what} is a number (got ${value})`).toBe(true);
  expect(value, `${what} ≥ ${lo}`).toBeGreaterThanOrEqual(lo);
  expect(value, `${what} ≤ ${hi}`).toBeLessThanOrEqual(hi);
}

/**
 * Clicks "Run all" and waits until every cell of the page has run; returns the wall time in ms
 * from the click (kernel start included). Fails if a cell ends in an error.
 */
export async function runAll(page: Page): Promise<number> {
  const started = Date.now();
  await page.locator("[data-nb=run-all]").click();
  const state = () =>
    page.evaluate(() => {
      const states = [...document.querySelectorAll<HTMLElement>(".nb-cell")].map((c) => c.dataset.state);
      if (states.some((s) => s === "error" || s === "interrupted")) return `failed at cell ${states.findIndex((s) => s === "error" || s === "interrupted") + 1}`;
      return states.every((s) => s === "ok") ? "ok" : "running";
    });
  await expect.poll(state, { timeout: RUN_ALL_TIMEOUT_MS, intervals: [200] }).not.toBe("running");
  const elapsed = Date.now() - started;
  expect(await state(), "every cell ran without error").toBe("ok");
  await expect(page.locator("[data-nb-status]").first()).toHaveText("idle");
  return elapsed;
}

/**
 * A copy of a figure, drawn at the top left of the viewport, at the figure's width in whole pixels,
 * over everything: its snapshot does not change when the text above the figure moves by a fraction of
 * a pixel (which redraws every antialiased edge). It stays in the figure's cell, so the page's
 * figure styles apply to it.
 */
async function pinned(page: Page, figure: Locator): Promise<Locator> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: 2000 }); // room for the tallest figure
  await figure.evaluate((element) => {
    document.getElementById("pinned-figure")?.remove();
    const copy = element.cloneNode(true) as HTMLElement;
    copy.id = "pinned-figure";
    copy.style.cssText = `position: fixed; top: 0; left: 0; width: ${Math.round(element.getBoundingClientRect().width)}px; margin: 0; z-index: 2147483647; background: var(--bg)`;
    for (const svg of copy.querySelectorAll<SVGElement>("svg")) svg.style.contentVisibility = "visible";
    element.parentElement!.append(copy);
  });
  return page.locator("#pinned-figure");
}

/** One figure to snapshot: the cell's id, which of its figures (0-based), and the snapshot's file name. */
export type FigureShot = readonly [id: string, n: number, name: string];

/**
 * The two tests of a chapter spec: the baked page carries the right numbers (and every figure is drawn),
 * and a live "Run all" on the wasm backend reproduces the numbers, matches each figure's snapshot, and
 * makes no console error or outside request. `check` reads the numbers with numberAfter / expectWithin.
 */
export function chapterTests(title: string, path: string, check: (page: Page) => Promise<void>, figures: readonly FigureShot[]): void {
  test.describe(title, () => {
    test("the baked outputs carry the right numbers", async ({ page }) => {
      await page.goto(path);
      await check(page);
      for (const [id, n] of figures) await expect(figure(page, id, n).locator("svg").first()).toBeVisible();
    });

    test("a live run all on wasm reproduces the numbers and the figures", async ({ page, baseURL }) => {
      test.setTimeout(RUN_ALL_TIMEOUT_MS + 60_000);
      const watched = await guard(page, new URL(baseURL!).origin);
      await page.goto(`${path}?backend=wasm`);
      const ms = await runAll(page);
      test.info().annotations.push({ type: "run all (ms)", description: String(ms) });
      await expect(page.locator("[data-nb-backend]").first()).toHaveText(/wasm/);
      await check(page);
      await drawEveryFigure(page);
      for (const [id, n, name] of figures) await expect(await pinned(page, figure(page, id, n))).toHaveScreenshot(name);
      expect(watched.problems).toEqual([]);
    });
  });
}

/**
 * Moves the slider labelled `label` in cell `id` to its minimum ("Home") or maximum ("End") with the
 * keyboard, as a reader would, and waits until the cells it affects (and those they need) have run.
 */
export async function moveSlider(page: Page, id: string, label: string, key: "Home" | "End"): Promise<void> {
  const slider = cell(page, id).locator(".nb-control").filter({ has: page.getByText(label, { exact: true }) }).locator("input[type=range]");
  await slider.focus();
  await page.keyboard.press(key);
  await expect
    .poll(() => page.evaluate(() => document.body.dataset.kernel === "idle" && !document.querySelector('.nb-cell[data-state="queued"], .nb-cell[data-state="running"]')), { timeout: RUN_ALL_TIMEOUT_MS })
    .toBe(true);
  await expect(cell(page, id), `cell ${id} ran without error`).toHaveAttribute("data-state", "ok");
}
