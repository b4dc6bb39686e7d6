// Shared by the chapter specs: find a cell, read the numbers a cell prints, run the whole page.
// A cell prints each number a figure is about on a line with a fixed label, e.g. "fitted slope: 2.001";
// the specs read it from the baked (build-time) output and again after a live "Run all".
import { expect, type Locator, type Page } from "@playwright/test";

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
  const cells = page.locator(".nb-cell");
  const count = await cells.count();
  const started = Date.now();
  await page.locator("[data-nb=run-all]").click();
  await expect(cells.nth(count - 1)).toHaveAttribute("data-state", /^(ok|error)$/, { timeout: RUN_ALL_TIMEOUT_MS });
  const elapsed = Date.now() - started;
  await expect(page.locator("[data-nb-status]").first()).toHaveText("idle");
  for (let i = 0; i < count; i++) await expect(cells.nth(i), `cell ${i + 1} ran without error`).toHaveAttribute("data-state", "ok");
  return elapsed;
}
