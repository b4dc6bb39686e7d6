// Accessibility: axe-core (WCAG 2.0/2.1, A and AA) over every page in both themes, with zero
// violations; and the keyboard alone reaches and operates every control of the notebook.
// The pages come from the built sitemap (index + every chapter) plus the playground and the 404.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import { everyPage } from "../../scripts/built-pages.mjs";
import { expect, test, type Locator, type Page } from "@playwright/test";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const THEMES = ["light", "dark"] as const;
// axe-core itself, injected into the page and run there: @axe-core/playwright's frame-by-frame
// runPartial/finishRun path took ~3× as long on a chapter (43 s against 14 s) and the pages have no frames.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Paths (relative to the base) of every page the built sitemap lists, plus the pages it leaves out. */
const PAGES = everyPage(process.env.E2E_DIST);

async function withTheme(page: Page, theme: (typeof THEMES)[number]): Promise<void> {
  await page.addInitScript((t) => localStorage.setItem("theme", t), theme);
  await page.emulateMedia({ colorScheme: theme });
}

/** Runs axe on the whole page except `exclude`, for the WCAG 2.x A/AA rules; returns its violations. */
async function axeViolations(page: Page): Promise<AxeResults["violations"]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: typeof import("axe-core") };
    const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return results.violations;
  }, WCAG_TAGS);
}

function describeViolations(violations: AxeResults["violations"]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1, 2).join(" ").trim()}`).join("\n")}${v.nodes.length > 5 ? `\n    … ${v.nodes.length - 5} more` : ""}`)
    .join("\n");
}

test.describe("accessibility (axe, WCAG 2.1 AA)", () => {
  test("the sitemap lists the chapters", () => {
    expect(PAGES.filter((p) => p.startsWith("chapters/")).length).toBeGreaterThanOrEqual(9);
  });
  for (const path of PAGES) {
    for (const theme of THEMES) {
      test(`${path || "index"} has no violations in the ${theme} theme`, async ({ page }) => {
        test.setTimeout(120_000);
        await withTheme(page, theme);
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
        // The whole page, math included: the MathML that is drawn is also what screen readers read.
        const violations = await axeViolations(page);
        expect(describeViolations(violations), `axe violations on ${path || "index"} (${theme})`).toBe("");
      });
    }
  }
});

// What a screen reader reads is Chromium's accessibility tree, not the DOM that axe inspects: text the
// browser skips rendering (content-visibility: auto, off screen) is left out of that tree, so a page
// can pass axe while most of a chapter is silent. Each chapter's tree must hold all of its math, its
// last paragraph, the code of its last cell and every figure's label, read at load, before any scrolling.
test.describe("accessibility tree", () => {
  type AxNode = { ignored: boolean; role?: { value: string }; name?: { value: string } };
  const chapters = PAGES.filter((p) => p.startsWith("chapters/"));
  const squash = (s: string) => s.replace(/\s+/g, " ").trim();
  for (const path of chapters) {
    test(`${path} reaches screen readers whole: every formula and figure, the last paragraph, the last cell's code`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: 412, height: 823 });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Accessibility.enable");
      await page.goto(path);
      const expected = await page.evaluate(() => {
        // The first text of `el` outside its math, "" if there is no `el`.
        const firstText = (el: Element | undefined) => {
          if (!el) return "";
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, { acceptNode: (t) => (t.parentElement?.closest("math") || !t.textContent?.trim() ? NodeFilter.FILTER_SKIP : NodeFilter.FILTER_ACCEPT) });
          return walker.nextNode()?.textContent ?? "";
        };
        const paragraphs = [...document.querySelectorAll("article.prose > p")];
        return {
          // every formula the page shows (the outline's too, where it is not hidden), on screen or not
          formulas: [...document.querySelectorAll("math")].filter((math) => math.checkVisibility()).length,
          figures: [...document.querySelectorAll(".nb-figure svg[role=img]")].map((svg) => svg.getAttribute("aria-label") ?? ""),
          paragraph: firstText(paragraphs.at(-1)),
          code: firstText([...document.querySelectorAll("pre.nb-code")].at(-1)),
        };
      });
      const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AxNode[] };
      const read = nodes.filter((n) => !n.ignored);
      const texts = read.filter((n) => n.role?.value === "StaticText").map((n) => squash(n.name?.value ?? ""));
      const heard = (text: string) => texts.some((t) => t.includes(squash(text).slice(0, 40)));
      expect(read.filter((n) => n.role?.value === "MathMLMath").length, "formulas in the accessibility tree = <math> elements").toBe(expected.formulas);
      const images = new Set(read.filter((n) => n.role?.value === "image").map((n) => n.name?.value));
      expect(expected.figures.filter((label) => !images.has(label)), "every figure's label, off screen too (its marks are skipped, its <svg> is not)").toEqual([]);
      expect(expected.paragraph.trim(), "the chapter ends with a paragraph of text").not.toBe("");
      expect(heard(expected.paragraph), `the last paragraph ("${squash(expected.paragraph).slice(0, 40)}…") is in the tree`).toBe(true);
      if (expected.code) expect(heard(expected.code), `the last cell's code ("${squash(expected.code).slice(0, 40)}…") is in the tree`).toBe(true);
    });
  }
});

/** Presses Tab until `target` has focus; fails after `limit` presses. Returns how many it took. */
async function tabTo(page: Page, target: Locator, limit = 400): Promise<number> {
  const handle = await target.elementHandle();
  expect(handle, "the control exists").not.toBeNull();
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press("Tab");
    if (await handle!.evaluate((el) => el === document.activeElement)) return i;
  }
  throw new Error(`not reachable with Tab in ${limit} presses`);
}

/** The focused element draws a visible focus indicator (an outline or a box-shadow ring). */
async function expectFocusVisible(target: Locator, what: string): Promise<void> {
  const style = await target.evaluate((el) => {
    const s = getComputedStyle(el);
    return { outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
  });
  const visible = (style.outline !== "none" && style.width > 0) || (style.shadow !== "none" && style.shadow !== "");
  expect(visible, `${what} shows focus (outline ${style.outline} ${style.width}px, shadow ${style.shadow})`).toBe(true);
}

test.describe("keyboard", () => {
  test("search, theme toggle, toolbar and every cell control are reachable by Tab, operable, focus visible", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("playground/?backend=cpu");
    await page.locator(".nb-actions").first().waitFor({ state: "attached" });
    await expect(page.locator("[data-nb=run-all]")).toBeVisible(); // the runtime has started

    // Search: reachable, typing searches, Escape clears.
    const search = page.locator("#search-input");
    await tabTo(page, search);
    await expectFocusVisible(search, "search box");
    await page.keyboard.type("kernel");
    await expect(page.locator("#search-results a").first()).toBeVisible({ timeout: 15_000 });
    await page.keyboard.press("Tab"); // into the results
    await expect(page.locator("#search-results a").first()).toBeFocused();
    await page.keyboard.press("Shift+Tab");
    await expect(search).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.locator("#search-results")).toBeHidden();

    // Theme toggle: Enter and Space both switch it.
    const toggle = page.locator(".theme-toggle");
    await tabTo(page, toggle);
    await expectFocusVisible(toggle, "theme toggle");
    const before = await page.locator("html").getAttribute("data-theme");
    await page.keyboard.press("Enter");
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", before!);
    await page.keyboard.press("Space");
    await expect(page.locator("html")).toHaveAttribute("data-theme", before!);

    // Toolbar: Run all, Restart and the downloads in Tab order (Interrupt is disabled while idle).
    for (const selector of ["[data-nb=run-all]", "[data-nb=restart]", "a[href$='.ipynb']", "a[href$='.ts']"]) {
      const control = page.locator(`.nb-toolbar ${selector}`);
      await control.focus();
      await page.keyboard.press("Shift+Tab");
      await tabTo(page, control, 5);
      await expectFocusVisible(control, selector);
    }

    // A cell: its code, then Run, Run above, Edit, Reset, Copy — each reached by Tab from the code.
    const cell = page.locator('.nb-cell[data-cell-id="basics"]');
    const code = cell.locator(".nb-code");
    await code.focus();
    await expectFocusVisible(code, "cell code");
    for (const action of ["run", "above", "edit", "reset", "copy"]) {
      const button = cell.locator(`[data-action=${action}]`);
      await code.focus();
      await tabTo(page, button, 6);
      await expectFocusVisible(button, `cell ${action}`);
    }

    // Run by keyboard: Enter on Run runs the cell; Interrupt becomes reachable while it runs elsewhere.
    await cell.locator("[data-action=run]").focus();
    await page.keyboard.press("Enter");
    await expect(cell).toHaveAttribute("data-state", "ok", { timeout: 30_000 });
    await expect(cell.locator(".nb-output")).toContainText("the first 12 squares");

    // Enter on the code opens the editor; Escape leaves it with focus back on the cell, not trapped.
    await code.focus();
    await page.keyboard.press("Enter");
    const editor = cell.locator(".cm-content");
    await expect(editor).toBeFocused();
    await page.keyboard.press("End");
    await page.keyboard.type(" // edited");
    await page.keyboard.press("Escape");
    await expect(editor).not.toBeFocused();
    const focusedInCell = await cell.evaluate((el) => el.contains(document.activeElement));
    expect(focusedInCell, "focus stays in the cell after Escape").toBe(true);
    await page.keyboard.press("Tab");
    expect(await cell.locator(".cm-content").evaluate((el) => el === document.activeElement), "Tab moves on from the editor").toBe(false);

    // Shift+Enter from the editor runs; Reset by keyboard restores the published code.
    await editor.focus();
    await page.keyboard.press("Shift+Enter");
    await expect(cell).toHaveAttribute("data-state", "ok", { timeout: 30_000 });
    await cell.locator("[data-action=reset]").focus();
    await page.keyboard.press("Enter");
    await expect(cell).not.toContainText("// edited");

    // Copy by keyboard reports in the notice (copied, or why the clipboard refused).
    await cell.locator("[data-action=copy]").focus();
    await page.keyboard.press("Enter");
    await expect(page.locator("[data-nb-notice]")).toContainText(/copy cell 1|Copied cell 1/i);

    // Interrupt: while a (busy) cell runs, Interrupt is enabled, Tab reaches it and Enter stops the cell.
    const slow = page.locator('.nb-cell[data-cell-id="progress"]');
    await slow.locator(".nb-code").focus();
    await page.keyboard.press("Enter");
    await expect(slow.locator(".cm-content")).toBeFocused();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText("const t0 = Date.now();\nwhile (Date.now() - t0 < 30000) {}");
    await page.keyboard.press("Shift+Enter");
    const interrupt = page.locator("[data-nb=interrupt]");
    await expect(interrupt).toBeEnabled({ timeout: 15_000 });
    await page.locator("[data-nb=run-all]").focus();
    await tabTo(page, interrupt, 3);
    await expectFocusVisible(interrupt, "interrupt");
    await page.keyboard.press("Enter");
    await expect(slow).toHaveAttribute("data-state", "interrupted", { timeout: 5_000 });
    await expect(page.locator("[data-nb-notice]")).toContainText("Interrupted");
  });
});
