// Cross-origin isolation (public/coi-sw.js, registered by src/layouts/Base.astro): on the first visit the
// service worker takes control and the page reloads once; from then on every page is crossOriginIsolated,
// and the kernel runs tfjs-wasm's threaded build with a thread per core the browser reports. Under
// COOP/COEP the rest of the page still works: fonts, search, downloads, the editor; nothing leaves the
// origin. (The rest of the browser suite runs with service workers blocked: playwright.config.ts.)
import { expect, test, type Page } from "@playwright/test";
import { guard } from "./guard.ts";

test.use({ serviceWorkers: "allow" });

const KERNEL_MS = 60_000;

/** Opens `path` and waits for the service worker's one reload, until the page is isolated. */
async function openIsolated(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(() => crossOriginIsolated, null, { timeout: 30_000 });
  await page.waitForLoadState("load");
}

test.describe("cross-origin isolation", () => {
  test("the first visit reloads once into an isolated page; later pages are isolated from the start", async ({ page, baseURL }) => {
    const watched = await guard(page, new URL(baseURL!).origin);
    // every document records, as it starts, whether it is isolated: "n" not yet, "I" isolated
    await page.addInitScript(() => sessionStorage.setItem("loads", (sessionStorage.getItem("loads") ?? "") + (crossOriginIsolated ? "I" : "n")));
    await page.goto("");
    await page.waitForFunction(() => crossOriginIsolated, null, { timeout: 30_000 });
    expect(await page.evaluate(() => sessionStorage.getItem("loads")), "one load before the worker, one reload through it").toBe("nI");
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/ntk-notebook\/coi-sw\.js$/);
    await page.goto("playground/");
    expect(await page.evaluate(() => sessionStorage.getItem("loads")), "a second page is isolated on its first load").toBe("nII");
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
});
