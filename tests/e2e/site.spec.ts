// The site as a reader meets it: every page clean, links whole under the base path, math, search,
// themes, small screens, and screenshots.
import { expect, test, type Page } from "@playwright/test";
import { drawEveryFigure, nextFrame, scrollThrough } from "./drawing.ts";
import { guard } from "./guard.ts";
import { everyPage } from "../../scripts/built-pages.mjs";

const CHAPTER_1 = "chapters/gradient-descent-to-ntk/";

/** Every page reachable from the index by same-origin links under the base path. */
async function crawlPages(page: Page, baseURL: string): Promise<string[]> {
  const seen = new Set<string>([baseURL]);
  const queue = [baseURL];
  while (queue.length > 0) {
    const current = queue.shift()!;
    await page.goto(current);
    const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      url.hash = "";
      if (url.href.startsWith(baseURL) && !/\.(ipynb|ts|svg|png|json)$/.test(url.pathname) && !seen.has(url.href)) {
        seen.add(url.href);
        queue.push(url.href);
      }
    }
  }
  return [...seen];
}

test.describe("every page", () => {
  test("loads cleanly, has no broken link or asset under the base path, and no math error", async ({ page, baseURL, request }) => {
    test.setTimeout(180_000);
    const origin = new URL(baseURL!).origin;
    const watched = await guard(page, origin);
    const pages = await crawlPages(page, baseURL!);
    expect(pages.length, "the index links to the chapters").toBeGreaterThan(1);

    const broken: string[] = [];
    const checked = new Map<string, Set<string> | null>(); // page URL → ids on it (null: not HTML)
    const idsOf = async (url: string) => {
      if (!checked.has(url)) {
        const response = await request.get(url);
        if (!response.ok()) broken.push(`${response.status()} ${url}`);
        const type = response.headers()["content-type"] ?? "";
        checked.set(url, type.includes("text/html") ? new Set([...(await response.text()).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])) : null);
      }
      return checked.get(url);
    };

    for (const url of pages) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      // A formula that does not parse fails the build; this checks that none reached a page as an error anyway.
      expect(await page.locator(".temml-error, merror").count(), `math error on ${url}`).toBe(0);
      const refs = await page.$$eval("a[href], link[href], script[src], img[src], source[src]", (els) =>
        els.map((el) => (el as HTMLAnchorElement).href || (el as HTMLScriptElement).src));
      for (const ref of refs) {
        const target = new URL(ref);
        if (target.origin !== origin) continue; // outbound links (papers) are not requests the page makes
        const hash = decodeURIComponent(target.hash.slice(1));
        target.hash = "";
        if (!target.pathname.startsWith(new URL(baseURL!).pathname)) broken.push(`outside the base path: ${ref} (on ${url})`);
        const ids = await idsOf(target.href);
        if (hash && ids && !ids.has(hash)) broken.push(`missing anchor #${hash} in ${target.href} (on ${url})`);
      }
    }
    expect(broken, "broken links, assets or anchors").toEqual([]);
    expect(watched.problems, "console errors, failed or foreign requests").toEqual([]);
  });

  test("has a sharing card: og:image and twitter:image are a 1200×630 PNG of this site", async ({ baseURL, request }) => {
    const base = new URL(baseURL!);
    const problems: string[] = [];
    const checked = new Map<string, string | null>(); // image URL → problem
    const pages = everyPage(process.env.E2E_DIST);
    expect(pages.length, "pages in the built sitemap, the playground and the 404").toBeGreaterThan(10);
    for (const url of pages.map((path) => new URL(path, base).href)) {
      const html = await (await request.get(url)).text();
      const meta = (key: string) => new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1];
      if (meta("twitter:card") !== "summary_large_image") problems.push(`${url}: twitter:card is ${meta("twitter:card")}`);
      if (meta("og:image:width") !== "1200" || meta("og:image:height") !== "630") problems.push(`${url}: og:image:width/height are not 1200/630`);
      const images = [meta("og:image"), meta("twitter:image")];
      if (images.some((image) => !image) || images[0] !== images[1]) problems.push(`${url}: og:image ${images[0]}, twitter:image ${images[1]}`);
      const image = images[0];
      if (!image) continue;
      if (!checked.has(image)) {
        // The absolute URL names the deployed site (Astro.site): map its path onto the local server.
        const path = new URL(image).pathname;
        const local = new URL(path, base.origin).href;
        const response = await request.get(local);
        const body = await response.body();
        const type = response.headers()["content-type"] ?? "";
        const size = body.subarray(1, 4).toString() === "PNG" ? [body.readUInt32BE(16), body.readUInt32BE(20)] : null;
        checked.set(image,
          !path.startsWith(base.pathname) ? "outside the base path"
          : response.status() !== 200 ? `answers ${response.status()}`
          : !type.startsWith("image/png") ? `is ${type}`
          : size?.join("×") !== "1200×630" ? `is ${size?.join("×") ?? "not a PNG"}`
          : null);
      }
      const problem = checked.get(image);
      if (problem) problems.push(`${url}: ${image} ${problem}`);
    }
    expect(checked.size, "chapters have cards of their own").toBeGreaterThan(1);
    expect(problems).toEqual([]);
  });

  test("has no horizontal scroll on a 360 px phone", async ({ page, baseURL }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const url of [baseURL!, new URL(CHAPTER_1, baseURL).href]) {
      await page.goto(url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow on ${url}`).toBeLessThanOrEqual(0);
    }
  });
});

test.describe("long pages", () => {
  const CHAPTER_6 = "chapters/infinite-width-recursion/";

  test("off-screen figures are drawn only near the viewport, and drawing them moves nothing", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(CHAPTER_6);
    const lastFigure = page.locator(".nb-figure svg[role=img]").last();
    const marksDrawn = () => lastFigure.evaluate((svg) => svg.querySelector("g")!.checkVisibility({ contentVisibilityAuto: true }));
    expect(await marksDrawn(), "the last figure's marks are skipped at load").toBe(false);
    const drawnHeight = await scrollThrough(page); // every figure drawn once, at its real size
    await lastFigure.scrollIntoViewIfNeeded();
    await expect.poll(marksDrawn, { message: "the last figure is drawn once in view" }).toBe(true);
    await drawEveryFigure(page);
    const plainHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(drawnHeight, "page height with figures drawn on demand = with every figure drawn").toBe(plainHeight);
  });

  test("on a phone, a wide block is in the Tab order exactly when it overflows", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(CHAPTER_6);
    await page.evaluate(() => document.fonts.ready); // a font that arrives late can make a block overflow
    await nextFrame(page);
    // Every box that scrolls sideways, found by its style rather than by Base.astro's list of them. A
    // cell's code is left out: it is always in the Tab order, as the way into the editor.
    const candidates = page.locator("main *").filter({ visible: true });
    const state = await candidates.evaluateAll((els) => els.filter((el) => /auto|scroll/.test(getComputedStyle(el).overflowX) && !el.matches(".nb-code")).map((el) => ({
      what: `${el.className} ${el.scrollWidth}/${el.clientWidth}`,
      overflows: el.scrollWidth > el.clientWidth + 1,
      focusable: el.getAttribute("tabindex") === "0",
    })));
    expect(state.length, "sideways-scrolling boxes on chapter 6").toBeGreaterThan(20);
    expect(state.filter((s) => s.overflows && !s.focusable).map((s) => s.what), "every block that overflows is focusable").toEqual([]);
    expect(state.filter((s) => !s.overflows && s.focusable).map((s) => s.what), "a block that fits is not").toEqual([]);
    expect(state.filter((s) => s.overflows).length, "some equations overflow a 360 px phone").toBeGreaterThan(0);
    expect(state.filter((s) => !s.overflows).length, "and some fit").toBeGreaterThan(0);
  });
});

test.describe("math", () => {
  test("equation (10) of chapter 1 shows its number at the right margin and a reference in the prose jumps to it", async ({ page }) => {
    await page.goto(CHAPTER_1);
    const equation = page.locator("#eq-kernel-step");
    await expect(equation).toContainText("(10)");
    const [box, tag] = await Promise.all([equation.locator(".math-display").boundingBox(), equation.locator(".tml-tag").boundingBox()]);
    expect(box!.x + box!.width - (tag!.x + tag!.width), "gap between the number and the right margin, px").toBeLessThan(2);
    const reference = page.locator('a.eqref[href="#eq-kernel-step"]').first();
    await expect(reference).toHaveText("(10)");
    await reference.click();
    await expect(page).toHaveURL(/#eq-kernel-step$/);
    await expect(equation).toBeInViewport();
  });
});

test.describe("search", () => {
  test("finds chapter 1 by a word from its text, under the base path", async ({ page }) => {
    await page.goto("");
    const box = page.getByRole("searchbox", { name: "Search the chapters" });
    await box.fill("Taylor");
    const hit = page.locator("#search-results a", { hasText: "From gradient descent to the NTK" });
    await expect(hit).toBeVisible({ timeout: 15_000 });
    await hit.click();
    await expect(page).toHaveURL(new RegExp(`${CHAPTER_1}(#[\\w-]+)?$`));
  });

  test("a hit opens at the section where the words are, and names it", async ({ page }) => {
    await page.goto("");
    await page.getByRole("searchbox", { name: "Search the chapters" }).fill("Gauss–Hermite quadrature");
    const hit = page.locator("#search-results a", { hasText: "The infinite-width recursion ›" }).first();
    await expect(hit).toBeVisible({ timeout: 15_000 });
    await expect(hit).toHaveAttribute("href", /\/chapters\/infinite-width-recursion\/#[\w-]+$/);
    const anchor = (await hit.getAttribute("href"))!.split("#")[1];
    await hit.click();
    await expect(page.locator(`[id="${anchor}"]`)).toBeInViewport();
  });
});

test.describe("sources box", () => {
  test("a long list starts closed, counted in its summary; a short one starts open", async ({ page }) => {
    await page.goto("chapters/infinite-width-recursion/");
    const long = page.locator("details.callout-sources");
    await expect(long).not.toHaveAttribute("open");
    await expect(long.locator("summary")).toHaveText("Sources (notes 003, 001, 11 papers)");
    await long.locator("summary").click();
    await expect(long.getByRole("link").first()).toBeVisible();
    await page.goto(CHAPTER_1);
    await expect(page.locator("details.callout-sources")).toHaveAttribute("open", "");
  });
});

test.describe("themes", () => {
  test("the toggle switches to dark and the choice persists across pages", async ({ page }) => {
    await page.goto("");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await page.getByRole("button", { name: "Dark theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await page.goto(CHAPTER_1);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");
  });

  test("follows the system preference when the reader has not chosen", async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: "dark" });
    const page = await context.newPage();
    await page.goto(test.info().project.use.baseURL!);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await context.close();
  });
});

test.describe("screenshots", () => {
  for (const theme of ["light", "dark"] as const) {
    for (const [name, path] of [["index", ""], ["chapter-1", CHAPTER_1]] as const) {
      test(`${name} (${theme})`, async ({ page }) => {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(path);
        await page.evaluate(() => document.fonts.ready);
        await expect(page).toHaveScreenshot(`${name}-${theme}.png`);
      });
    }
  }
});
