// `npm run audit`: Lighthouse (mobile settings: emulated phone, simulated slow 4G and 4× CPU slowdown)
// on the index, every page of the sitemap and the playground, printing the four category scores per
// page against the targets of issue 7. Builds the site under the GitHub Pages sub-path first, serves
// it with `astro preview`, and exits 1 when a page misses a target. Each page is audited --runs times
// (default 5) and judged by its median run (Lighthouse's own computeMedianRun: the run nearest the
// median first paint and time to interactive), as Lighthouse's docs advise: the median of five runs
// about halves the variance. The table also shows the lowest and highest performance seen. Full
// reports (median run): .cache/audit/*.json.
// Options: --no-build (audit the existing dist/), --only <substring> (audit matching pages only),
// --runs <n> (audits per page).
import { mkdirSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { preview } from "astro";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";
import { ensureBrowser } from "./ensure-browser.mjs";
import { sitemapPages } from "./built-pages.mjs";

const BASE_PATH = "/ntk-notebook/";
const PORT = 4339;
const REPORTS = ".cache/audit";
/** Lowest acceptable score per category, out of 100 (issue 7). */
const TARGETS = { performance: 95, accessibility: 100, "best-practices": 95, seo: 95 };
const CATEGORIES = /** @type {(keyof typeof TARGETS)[]} */ (Object.keys(TARGETS));

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const runs = args.includes("--runs") ? Number(args[args.indexOf("--runs") + 1]) : 5;
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number ≥ 1, got ${args[args.indexOf("--runs") + 1]}`);

if (!args.includes("--no-build")) {
  console.log(`▶ build (base ${BASE_PATH})`);
  const built = spawnSync("npm", ["run", "-s", "build"], { stdio: "inherit", env: { ...process.env, BASE_PATH } });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** Every page the built sitemap lists, plus the playground it leaves out, as paths under the base. */
function pagesToAudit() {
  return [...new Set([...sitemapPages(), "playground/"])].filter((p) => only === undefined || p.includes(only));
}

process.env.BASE_PATH = BASE_PATH; // astro.config reads it: preview serves under the same base
const server = await preview({ root: process.cwd(), logLevel: "warn", server: { host: "127.0.0.1", port: PORT } });
const chrome = await chromeLauncher.launch({
  chromePath: ensureBrowser(),
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});

const rows = [];
let missed = 0;
try {
  mkdirSync(REPORTS, { recursive: true });
  for (const path of pagesToAudit()) {
    const url = `http://127.0.0.1:${PORT}${BASE_PATH}${path}`;
    const lhrs = [];
    for (let run = 0; run < runs; run++) {
      const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      if (result.lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
      lhrs.push(result.lhr);
    }
    const lhr = computeMedianRun(lhrs);
    const performanceSeen = lhrs.map((r) => Math.round((r.categories.performance?.score ?? 0) * 100));
    writeFileSync(`${REPORTS}/${(path || "index").replace(/[/.]+/g, "-").replace(/-$/, "")}.json`, JSON.stringify(lhr));
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
    const failing = CATEGORIES.filter((c) => scores[c] < TARGETS[c]);
    // Name the audits that cost points in a failing category, so the fix is findable.
    const why = failing.flatMap((c) =>
      lhr.categories[c].auditRefs
        .filter((/** @type {{ id: string, weight: number }} */ ref) => ref.weight > 0 && (lhr.audits[ref.id].score ?? 1) < 1)
        .map((/** @type {{ id: string }} */ ref) => `${c}: ${ref.id} (${lhr.audits[ref.id].displayValue ?? lhr.audits[ref.id].score})`),
    );
    missed += failing.length;
    const metrics = lhr.audits;
    rows.push({
      page: path || "index",
      ...scores,
      "perf. range": runs > 1 ? `${Math.min(...performanceSeen)}–${Math.max(...performanceSeen)}` : "",
      FCP: metrics["first-contentful-paint"]?.displayValue ?? "",
      // The unthrottled first paint Lighthouse observed, from which it simulates FCP: headless Chromium
      // sometimes draws its first frame ~1 s late, which costs 3–5 points (docs/performance.md, "Audits").
      "FCP seen": `${Math.round(metrics.metrics?.details?.items?.[0]?.observedFirstContentfulPaint ?? NaN)} ms`,
      LCP: metrics["largest-contentful-paint"]?.displayValue ?? "",
      TBT: metrics["total-blocking-time"]?.displayValue ?? "",
      CLS: metrics["cumulative-layout-shift"]?.displayValue ?? "",
      below: why.join("; "),
    });
    console.log(`${failing.length ? "✗" : "✓"} ${path || "index"}: ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(", ")}${why.length ? `\n    ${why.join("\n    ")}` : ""}`);
  }
} finally {
  chrome.kill();
  await server.stop();
}

console.log(`\nLighthouse (mobile), median of ${runs} run${runs > 1 ? "s" : ""} per page, targets ${CATEGORIES.map((c) => `${c} ≥ ${TARGETS[c]}`).join(", ")}:`);
console.table(rows.map(({ below, ...row }) => row));
if (missed > 0) {
  console.error(`${missed} score(s) below target.`);
  process.exit(1);
}
console.log("Every page meets every target.");
