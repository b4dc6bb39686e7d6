// Watches a page for what must never happen: a console error, an uncaught exception, a failed or
// 4xx/5xx request, or any request to an origin other than the site's own (blocked and recorded).
import type { Page } from "@playwright/test";

export interface PageProblems {
  problems: string[];
}

export async function guard(page: Page, siteOrigin: string): Promise<PageProblems> {
  const found: PageProblems = { problems: [] };
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith("data:") || url.startsWith("blob:") || new URL(url).origin === siteOrigin) return route.continue();
    found.problems.push(`request to another origin: ${url}`);
    return route.abort("blockedbyclient");
  });
  page.on("console", (message) => {
    if (message.type() === "error") found.problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => found.problems.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => {
    const error = request.failure()?.errorText ?? "";
    // ERR_ABORTED is the browser cancelling a request it no longer needs (a favicon or prefetch cut off
    // by navigating to the next page); a missing file still shows as an HTTP ≥ 400 response below.
    if (error === "net::ERR_ABORTED") return;
    if (new URL(request.url()).origin === siteOrigin) found.problems.push(`request failed: ${request.url()} (${error})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) found.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return found;
}
