// The API reference (src/pages/api/): its index, a module page's entries, the links from the chapters'
// text and cells into it, and search.
import { expect, test } from "@playwright/test";
import { guard } from "./guard.ts";

const CHAPTER_1 = "chapters/gradient-descent-to-ntk/";
const CHAPTER_2 = "chapters/second-order-term/";

test("the index lists every module with its summary and links to each export", async ({ page, baseURL }) => {
  const watched = await guard(page, new URL(baseURL!).origin);
  await page.goto("api/");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  const modules = page.locator(".api-modules > li");
  expect(await modules.count()).toBeGreaterThanOrEqual(15);
  const analytic = modules.filter({ has: page.locator('a[href$="api/analytic/"]') });
  await expect(analytic).toContainText("Infinite-width NNGP and NTK");
  await expect(analytic.locator('a[href$="api/analytic/#analyticKernels"]')).toBeVisible();
  expect(watched.problems).toEqual([]);
});

test("a module page shows a function's signature, parameters, return type, checks, chapter and example", async ({ page }) => {
  await page.goto("api/analytic/");
  const entry = page.locator("section.api-entry", { has: page.locator("h2#analyticKernels") });
  await expect(entry.locator("pre.api-signature")).toContainText("function analyticKernels(x1: MatrixInput, x2: MatrixInput | null, opts: AnalyticOptions): AnalyticKernels");
  await expect(entry.locator(".api-params dt")).toHaveText([/^x1: MatrixInput/, /^x2: MatrixInput \| null/, /^opts: AnalyticOptions/]);
  await expect(entry.locator(".api-params dd").first()).toContainText("inputs, N×d");
  await expect(entry.locator(".api-returns")).toContainText("AnalyticKernels");
  await expect(entry.locator(".api-throws")).toContainText("not a non-empty, rectangular, finite matrix");
  const chapter = entry.locator(".api-implements a").first();
  await expect(chapter).toHaveText("Chapter 6, The infinite-width recursion");
  await expect(entry.locator(".api-implements")).toContainText("(C3)");
  await expect(entry.locator("pre.api-code")).toContainText('import { analyticKernels } from "ntk";');
  // A type in the signature links to its own entry, here on another module's page.
  await entry.locator("pre.api-signature a", { hasText: "MatrixInput" }).first().click();
  await expect(page).toHaveURL(/\/api\/validate\/#MatrixInput$/);
  await expect(page.locator('[id="MatrixInput"]')).toBeInViewport();
});

test("a library name in a chapter's text links to its entry and lands on it", async ({ page }) => {
  await page.goto(CHAPTER_2);
  const link = page.locator("article.prose a.api-link", { hasText: "taylorTerms" }).first();
  await expect(link).toHaveAttribute("href", /\/ntk-notebook\/api\/taylor\/#taylorTerms$/);
  await link.click();
  await expect(page).toHaveURL(/\/api\/taylor\/#taylorTerms$/);
  await expect(page.locator("h2#taylorTerms")).toBeInViewport();
  // Chapter 1's text names the library itself: `ntk` leads to the index.
  await page.goto(CHAPTER_1);
  await expect(page.locator("article.prose a.api-link", { hasText: /^ntk$/ }).first()).toHaveAttribute("href", /\/ntk-notebook\/api\/$/);
});

test("a name a cell imports from ntk links to its entry, and following it does not open the editor", async ({ page }) => {
  await page.goto(CHAPTER_1);
  const cell = page.locator("section.nb-cell").filter({ has: page.locator("a.nb-api-link") }).first();
  const link = cell.locator("pre.nb-code a.nb-api-link", { hasText: "empiricalNTK" }).first();
  await expect(link).toHaveAttribute("href", /\/ntk-notebook\/api\/empirical\/#empiricalNTK$/);
  await link.click();
  await expect(page).toHaveURL(/\/api\/empirical\/#empiricalNTK$/);
  await expect(page.locator("h2#empiricalNTK")).toBeInViewport();
  // Elsewhere in the code a click still opens the editor.
  await page.goBack();
  const code = page.locator("section.nb-cell pre.nb-code").first();
  await code.click({ position: { x: 5, y: 5 } });
  await expect(page.locator("section.nb-cell .nb-editor").first()).toBeVisible();
});

test("search finds a function's entry", async ({ page }) => {
  await page.goto("");
  await page.getByRole("searchbox", { name: "Search the chapters" }).fill("gradientStepDelta");
  const hit = page.locator("#search-results a", { hasText: "API: train" }).first();
  await expect(hit).toBeVisible({ timeout: 15_000 });
  await expect(hit).toHaveAttribute("href", /\/api\/train\/#gradientStepDelta$/);
  await hit.click();
  await expect(page.locator("h2#gradientStepDelta")).toBeInViewport();
});

test("a module page has no horizontal scroll on a 360 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["api/", "api/bayes/", "api/dynamics/"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
  }
});
