// What of a page the browser has drawn. Off-screen figures are skipped by content-visibility
// (drawnNearViewport, src/notebook/kernel/display.ts) until they near the viewport; these put a test
// in control of that.
import type { Page } from "@playwright/test";

/** Waits until the browser has drawn two more frames (the second after any layout the first caused). */
export async function nextFrame(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Scrolls from top to bottom in steps, a frame each, so every block is drawn once; returns the page height then. */
export async function scrollThrough(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    for (let y = 0; y < document.documentElement.scrollHeight; y += 500) { scrollTo(0, y); await frame(); }
    return document.documentElement.scrollHeight;
  });
}

/**
 * Draws every figure of the page, now and from then on, whatever the scrolling so far: the chapter
 * tests call it before their figure screenshots, as they pin fonts, seeds and backend, and the
 * long-page test compares the page's height drawn this way with its height drawn on demand.
 */
export async function drawEveryFigure(page: Page): Promise<void> {
  await page.addStyleTag({ content: "* { content-visibility: visible !important; }" });
  await nextFrame(page);
}
