// The benchmark appendix (src/pages/benchmarks.mdx): the baked page carries the build's timings
// (table, slopes, figure), and a live "Run all" on wasm times every sweep again in the browser.
// Timings differ from run to run and machine to machine: nothing here asserts a time against a
// threshold, only the shape of the results and claims with a wide margin (the Jacobian route is
// slower than the structured one: 10–50× on the machines measured).
import { expect, test, type Page } from "@playwright/test";
import { cell, figure, numbersAfter, RUN_ALL_TIMEOUT_MS, runAll } from "./chapters/helpers.ts";
import { guard } from "./guard.ts";

const PATH = "benchmarks/";
/** The rows of the table: every size of the page's sweeps (EMPIRICAL_SIZES ∪ ANALYTIC_SIZES). */
const SIZES = [16, 32, 64, 128, 256, 512, 1024];

interface Table {
  columns: string[];
  rows: string[][];
}

async function table(page: Page, id: string): Promise<Table> {
  const t = cell(page, id).locator(".nb-output table.nb-table");
  await expect(t).toHaveCount(1);
  const columns = await t.locator("thead th").allInnerTexts();
  const rows = await t.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
  return { columns: columns.map((c) => c.trim()), rows };
}

/** The times of one curve (column), by N; "—" (not timed) left out. */
function curve(times: Table, name: string): Map<number, number> {
  const at = times.columns.indexOf(name);
  expect(at, `the table has a column "${name}" (it has ${times.columns.join(", ")})`).toBeGreaterThan(0);
  return new Map(times.rows.filter((row) => row[at] !== "—").map((row) => [Number(row[0]), Number(row[at])]));
}

/** What holds for any run on any machine, with `backend` the kernel's own backend. */
async function checkResults(page: Page, backend: string): Promise<Table> {
  const backends = await table(page, "backends");
  expect(backends.rows.map((r) => r[0])).toEqual(["webgl", "wasm", "cpu"]);
  expect(backends.rows.find((r) => r[0] === backend)?.[1], `the kernel's backend ${backend} is timed`).toBe("timed");
  await expect(cell(page, "empirical").locator(".nb-output")).toContainText("tensors left behind: 0");

  const times = await table(page, "times");
  expect(times.columns[0]).toBe("N");
  expect(times.rows.map((r) => Number(r[0])), "one row per size of the sweeps").toEqual(SIZES);
  for (const row of times.rows)
    for (const value of row.slice(1)) if (value !== "—") expect(Number(value), `N = ${row[0]}: "${value}" is a positive time`).toBeGreaterThan(0);
  // Each curve is timed from its smallest size on, without gaps: its 3 smallest sizes always, then
  // while the next call is predicted to stay within the page's budget.
  for (const [at, name] of times.columns.entries()) {
    if (at === 0) continue;
    const timed = times.rows.map((row) => row[at] !== "—");
    const first = timed.indexOf(true), last = timed.lastIndexOf(true);
    expect(first, `${name} has times`).toBeGreaterThanOrEqual(0);
    expect(timed.slice(first, last + 1).every(Boolean), `${name} has no gap`).toBe(true);
    expect(last - first + 1, `${name} has at least 3 sizes`).toBeGreaterThanOrEqual(3);
  }
  // The structured kernel is cheap (a few ms at N = 128): it goes on past the 3 smallest sizes.
  // (How far past depends on the machine and its load: a CI box stopped at 128, a quiet one at 1024.)
  const structured = curve(times, `structured · ${backend}`);
  const jacobian = curve(times, `Jacobian · ${backend}`);
  expect([...structured.keys()], `structured · ${backend} goes past the 3 smallest sizes:\n${markdown(times)}`).toEqual(expect.arrayContaining([16, 32, 64, 128]));

  // The claim: at the largest size both routes reached, the Jacobian route is the slower one.
  const N = Math.max(...[...jacobian.keys()].filter((n) => structured.has(n)));
  expect(jacobian.get(N)!, `at N = ${N} on ${backend}: Jacobian ${jacobian.get(N)} ms against structured ${structured.get(N)} ms`).toBeGreaterThan(structured.get(N)!);
  const [printedN, ratio] = await numbersAfter(page, "slopes", `Jacobian ÷ structured on ${backend}`);
  expect(printedN).toBe(N);
  expect(ratio).toBeGreaterThan(1);

  // Slopes: one row per curve, every fit a finite number; analytic kernels grow faster than linearly (O(N²)).
  const slopes = await table(page, "slopes");
  expect(slopes.columns).toEqual(["curve", "sizes", "slope, all sizes", "slope, 3 largest", "expected"]);
  expect(slopes.rows.map((r) => r[0])).toEqual(times.columns.slice(1));
  for (const row of slopes.rows)
    for (const value of [row[2], row[3]]) expect(Number.isFinite(Number(value)), `slope of ${row[0]}: "${value}" is a number`).toBe(true);
  const analytic = slopes.rows.find((r) => r[0] === "analytic · float64")!;
  expect(Number(analytic[3]), "the analytic kernels' cost grows faster than N over the 3 largest sizes").toBeGreaterThan(1);

  // The figure: one line per curve, on log axes.
  const svg = figure(page, "figure").locator("figure > svg");
  await expect(svg).toBeVisible();
  await expect(svg.locator("path[marker-mid]"), "one line (with point markers) per curve").toHaveCount(times.columns.length - 1);
  await expect(figure(page, "figure").locator("figcaption")).toContainText("Fitted slopes over all sizes");
  return times;
}

function markdown(t: Table): string {
  return [t.columns, ...t.rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

test.describe("benchmark appendix", () => {
  test("the baked page shows the build's timings: where they come from, the table, the slopes and the figure", async ({ page }) => {
    await page.goto(PATH);
    await expect(cell(page, "setup").locator(".nb-output")).toContainText(/measured in: Node\.js\/\d+ \(Node: when the site was built/);
    await expect(cell(page, "setup").locator(".nb-output")).toContainText("kernel backend: wasm");
    const times = await checkResults(page, "wasm");
    console.log(`baked (build) timings:\n${markdown(times)}\n${markdown(await table(page, "slopes"))}`);
  });

  test("a live run all on wasm times every sweep again in the browser", async ({ page, baseURL }) => {
    test.setTimeout(RUN_ALL_TIMEOUT_MS + 60_000);
    const watched = await guard(page, new URL(baseURL!).origin);
    await page.goto(`${PATH}?backend=wasm`);
    const baked = await cell(page, "times").locator(".nb-output").innerHTML();
    const ms = await runAll(page);
    test.info().annotations.push({ type: "run all (ms)", description: String(ms) });
    await expect(page.locator("[data-nb-backend]").first()).toHaveText(/wasm/);
    await expect(cell(page, "setup").locator(".nb-output")).toContainText(/measured in: .*Chrom.* \(this browser\)/);
    await expect(cell(page, "setup").locator(".nb-output")).toContainText("kernel backend: wasm");
    expect(await cell(page, "times").locator(".nb-output").innerHTML(), "the live run replaced the baked table").not.toBe(baked);
    const times = await checkResults(page, "wasm");
    console.log(`live run all (${ms} ms):\n${await cell(page, "backends").locator(".nb-output").innerText()}\n${markdown(times)}\n${markdown(await table(page, "slopes"))}`);
    expect(watched.problems).toEqual([]);
  });
});
