// Font preloads: every page preloads exactly the web fonts Chromium loads for it at load, no more (a
// preload nothing uses wastes bytes and warns in the console) and no fewer (a font found only when a
// layout reaches its text lays the page out again, a long task on a phone: docs/performance.md, "Audits").
// The list the build reads is src/site/page-fonts.json; `npm run fonts` remakes it from this test
// (UPDATE_PAGE_FONTS=1): a page keeps the order it had (fonts found in one layout load in no fixed
// order), and a font new to it goes last, in the order it loaded.
import { readFileSync, writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { everyPage } from "../../scripts/built-pages.mjs";
import { fontName } from "../../src/site/font-subsets.mjs";

const PAGES = everyPage(process.env.E2E_DIST);
const LIST = new URL("../../src/site/page-fonts.json", import.meta.url);
const PRELOAD = /<link rel="preload" href="([^"]+)" as="font"[^>]*>/g;

/** The fonts a page loads with its preloads taken out, in load order, once its layout is done and its fonts are in. */
async function fontsLoaded(page: Page, path: string, baseURL: string): Promise<string[]> {
  const address = new URL(path, baseURL).href;
  await page.route((url) => url.href === address, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()).replace(PRELOAD, "") });
  });
  await page.goto(path, { waitUntil: "load" });
  await page.evaluate(async () => {
    void document.body.offsetHeight; // the layout of the whole page, which finds every font it draws with
    await document.fonts.ready;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
  const urls = await page.evaluate(() =>
    performance.getEntriesByType("resource").filter((r) => /\.woff2$/.test(r.name)).sort((a, b) => a.startTime - b.startTime).map((r) => r.name),
  );
  return [...new Set(urls.map(fontName))];
}

test("every page preloads exactly the fonts its text loads", async ({ browser, baseURL, request }) => {
  test.setTimeout(120_000);
  expect(PAGES.filter((p) => p.startsWith("chapters/")).length).toBeGreaterThanOrEqual(9);
  const loaded: Record<string, string[]> = {};
  const wrong: string[] = [];
  for (const path of PAGES) {
    const html = await (await request.get(path)).text();
    const preloaded = [...html.matchAll(PRELOAD)].map((m) => fontName(m[1]));
    const context = await browser.newContext({ baseURL }); // a cold cache
    loaded[path] = await fontsLoaded(await context.newPage(), path, baseURL!);
    await context.close();
    const missing = loaded[path].filter((f) => !preloaded.includes(f));
    const unused = preloaded.filter((f) => !loaded[path].includes(f));
    if (missing.length + unused.length > 0) wrong.push(`${path || "(index)"}: not preloaded [${missing.join(", ")}], preloaded but unused [${unused.join(", ")}]`);
    expect(loaded[path].length, `${path}: loads no web font at all`).toBeGreaterThan(0);
  }
  if (process.env.UPDATE_PAGE_FONTS) {
    const before: Record<string, string[]> = JSON.parse(readFileSync(LIST, "utf8"));
    const list = Object.fromEntries(PAGES.map((path) => {
      const kept = (before[path] ?? []).filter((f) => loaded[path].includes(f));
      return [path, [...kept, ...loaded[path].filter((f) => !kept.includes(f))]];
    }));
    writeFileSync(LIST, JSON.stringify(list, null, 2) + "\n");
    console.log(`wrote ${LIST.pathname}: ${PAGES.length} pages; rebuild for the preloads to change`);
    return;
  }
  expect(wrong, "run `npm run fonts` to remake src/site/page-fonts.json").toEqual([]);
});
