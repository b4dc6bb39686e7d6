// Cross-origin isolation (public/coi-sw.js, registered by src/notebook/client/isolation.ts when the reader
// first starts a kernel, never with a forced reload): the pages opened after that are crossOriginIsolated,
// and their kernel runs tfjs-wasm's threaded build with a thread per core the browser reports. Under
// COOP/COEP the rest of the page still works: fonts, search, downloads, the editor; nothing leaves the
// origin. (The rest of the browser suite runs with service workers blocked: playwright.config.ts.)
import { expect, test, type Page } from "@playwright/test";
import { guard } from "./guard.ts";

test.use({ serviceWorkers: "allow" });

const KERNEL_MS = 60_000;

/** Runs the playground's first cell (the kernel's first start registers the worker), then opens `path`. */
async function openIsolated(page: Page, path: string): Promise<void> {
  await page.goto("playground/?backend=cpu");
  const first = page.locator(".nb-cell").first();
  await first.locator("[data-action=run]").click();
  await expect(first).toHaveAttribute("data-state", "ok", { timeout: KERNEL_MS });
  await page.waitForFunction(() => navigator.serviceWorker.ready.then(() => true), null, { timeout: 30_000 });
  await page.goto(path);
  expect(await page.evaluate(() => crossOriginIsolated), `${path} is isolated on its first load`).toBe(true);
}

test.describe("cross-origin isolation", () => {
  test("reading registers nothing and never reloads; the first kernel start does, and the pages after it are isolated", async ({ page, baseURL }) => {
    const watched = await guard(page, new URL(baseURL!).origin);
    // every document records, as it starts, whether it is isolated: "n" not yet, "I" isolated
    await page.addInitScript(() => sessionStorage.setItem("loads", (sessionStorage.getItem("loads") ?? "") + (crossOriginIsolated ? "I" : "n")));
    await page.goto("chapters/gradient-descent-to-ntk/");
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), "reading a page registers no worker").toBe(0);
    const first = page.locator(".nb-cell").first();
    await first.locator("[data-action=run]").click();
    await expect(first).toHaveAttribute("data-state", "ok", { timeout: KERNEL_MS });
    await page.waitForFunction(() => navigator.serviceWorker.ready.then(() => true), null, { timeout: 30_000 });
    expect(await page.evaluate(() => sessionStorage.getItem("loads")), "no reload: the running page keeps its kernel").toBe("n");
    await page.goto("playground/");
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/ntk-notebook\/coi-sw\.js$/);
    expect(await page.evaluate(() => sessionStorage.getItem("loads")), "the next page is isolated on its first load").toBe("nI");
    expect(watched.problems).toEqual([]);
  });

  test("the kernel runs tfjs-wasm with a thread per reported core and says so", async ({ page, baseURL }) => {
    const watched = await guard(page, new URL(baseURL!).origin);
    await openIsolated(page, "playground/?backend=wasm");
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const expected = Math.min(Math.max(cores, 1), 8);
    const first = page.locator(".nb-cell").first();
    await first.locator("[data-action=run]").click();
    await expect(first).toHaveAttribute("data-state", "ok", { timeout: KERNEL_MS });
    await expect(page.locator("[data-nb-backend]").first()).toHaveText(new RegExp(`^wasm \\(.*${expected} threads?\\)$`));
    expect(watched.problems).toEqual([]);
  });

  test("under COOP/COEP: fonts load, search finds, downloads download, the editor edits and runs", async ({ page, baseURL }) => {
    const watched = await guard(page, new URL(baseURL!).origin);
    await openIsolated(page, "playground/");
    // fonts: every face the page asked for has loaded from the site
    await page.evaluate(() => document.fonts.ready);
    const faces = await page.evaluate(() => [...document.fonts].map((f) => `${f.family} ${f.weight} ${f.style}: ${f.status}`));
    expect(faces.filter((f) => f.endsWith("error")), faces.join("\n")).toEqual([]);
    expect(faces.filter((f) => f.endsWith("loaded")).length).toBeGreaterThan(0);
    // downloads: the links fetch through the worker
    for (const selector of ["a[href$='.ipynb']", "a[href$='.ts']"]) {
      const href = (await page.locator(selector).first().getAttribute("href")) ?? "";
      const status = await page.evaluate(async (u) => (await fetch(u)).status, href);
      expect(status, selector).toBe(200);
    }
    // the editor: edit the first cell and run it with Shift+Enter
    const first = page.locator(".nb-cell").first();
    await first.locator(".nb-code").click();
    await expect(first.locator(".cm-content")).toBeFocused();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText("const isolatedAnswer: number = 6 * 7;\nisolatedAnswer");
    await page.keyboard.press("Shift+Enter");
    await expect(first.locator(".nb-output")).toHaveText("42", { timeout: KERNEL_MS });
    // search: Pagefind's index and code load and answer
    const box = page.getByRole("searchbox", { name: "Search the chapters" });
    await box.fill("Taylor");
    await expect(page.locator("#search-results a", { hasText: "From gradient descent to the NTK" })).toBeVisible({ timeout: 15_000 });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(watched.problems).toEqual([]);
  });

  test("a newer control value stops a run even inside a loop that never awaits (the shared cancel slot)", async ({ page, baseURL }) => {
    const watched = await guard(page, new URL(baseURL!).origin);
    await openIsolated(page, "playground/?backend=cpu");
    const wave = page.locator('.nb-cell[data-cell-id="wave"]');
    // At amplitude 1 the cell loops for minutes without awaiting; at amplitude 2 it is quick.
    await wave.locator(".nb-code").click();
    await expect(wave.locator(".cm-content")).toBeFocused();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText("let spins = 0;\nfor (const i of progress(amplitude < 1.5 ? 2e9 : 10)) spins = i;\n`amplitude ${amplitude}: ${spins + 1} spins`");
    const slider = page.locator('.nb-cell[data-cell-id="wave-controls"] input[type=range]').nth(1);
    await slider.focus();
    await page.keyboard.press("ArrowLeft"); // amplitude 0.9: the endless loop starts
    await expect(wave.locator(".nb-progress")).toBeVisible({ timeout: KERNEL_MS });
    const started = Date.now();
    await page.keyboard.press("End"); // amplitude 2 supersedes it
    await expect(wave.locator(".nb-output .nb-text")).toHaveText("amplitude 2: 10 spins", { timeout: KERNEL_MS });
    const ms = Date.now() - started;
    test.info().annotations.push({ type: "superseded loop stopped and re-ran in (ms)", description: String(ms) });
    expect(ms, "the loop stopped at its next progress tick, not after 2e9 items").toBeLessThan(10_000);
    expect(watched.problems).toEqual([]);
  });
});
