// Controls made by cells, on the Playground's "Controls" section: moving one re-runs its cell and
// exactly the cells that depend on it; quick changes supersede each other; values and edits survive a
// reload and travel in a link; the keyboard alone operates them; without JavaScript they are drawn,
// disabled, beside the baked outputs. The kernel is forced to the cpu backend (same on every machine).
import { expect, test, type Locator, type Page } from "@playwright/test";
import { guard } from "./guard.ts";

const PAGE = "playground/?backend=cpu";
const KERNEL_START_MS = 30_000;
// Cells 8–12: the controls, the signal they make, the style controls, the figure, and the button's cell.
const CHAIN = ["wave-controls", "wave", "wave-style", "wave-figure", "draws"];

function cell(page: Page, id: string): Locator {
  return page.locator(`.nb-cell[data-cell-id="${id}"]`);
}

function control(page: Page, id: string, label: string): Locator {
  return cell(page, id).locator(".nb-control").filter({ has: page.getByText(label, { exact: true }) });
}

/** Waits until no cell is queued or running and the kernel is idle. */
async function settled(page: Page, timeout = KERNEL_START_MS): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.body.dataset.kernel === "idle" && !document.querySelector('.nb-cell[data-state="queued"], .nb-cell[data-state="running"]')), { timeout })
    .toBe(true);
}

/** Each cell's execution count and state, by id. */
async function counts(page: Page): Promise<Record<string, string>> {
  return page.locator(".nb-cell").evaluateAll((cells) =>
    Object.fromEntries(cells.map((c) => [c.getAttribute("data-cell-id") ?? "", `${c.querySelector(".nb-count")?.textContent}:${c.getAttribute("data-state") ?? "baked"}`])),
  );
}

/** Opens a cell's editor and replaces its code (as a reader types it). */
async function setCode(page: Page, id: string, code: string): Promise<void> {
  await cell(page, id).locator(".nb-code").click();
  await expect(cell(page, id).locator(".cm-content")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(code);
}

async function waveOutput(page: Page): Promise<string> {
  return (await cell(page, "wave").locator(".nb-output").textContent()) ?? "";
}

test.describe("controls", () => {
  test("without JavaScript, controls are drawn at their defaults, disabled, beside the baked outputs", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("playground/");
    const amplitude = control(page, "wave-controls", "amplitude").locator("input[type=range]");
    await expect(amplitude).toBeDisabled();
    await expect(amplitude).toHaveAttribute("aria-valuetext", "1.0");
    await expect(control(page, "wave-controls", "wave").locator("select")).toHaveValue("sine");
    await expect(control(page, "wave-style", "grid").locator("input")).toBeChecked();
    await expect(cell(page, "wave").locator(".nb-output")).toHaveText('{ wave: "sine", frequency: 1, samples: 200, peak: 1 }');
    await expect(cell(page, "wave-figure").locator(".nb-figure svg")).toHaveCount(1);
    await expect(cell(page, "draws").locator(".nb-control button")).toHaveText("Draw again");
    await context.close();
  });

  test("a change runs the control's cell, the cells it needs, and exactly the cells that depend on it", async ({ page, baseURL }) => {
    const watched = await guard(page, new URL(baseURL!).origin);
    await page.goto(PAGE);
    const before = await counts(page);
    // Cold kernel: the select starts it; cell 11 (the figure) also needs cell 10 (the style controls).
    await control(page, "wave-controls", "wave").locator("select").selectOption("square");
    await settled(page);
    const first = await counts(page);
    expect(first).toMatchObject({ "wave-controls": "1:ok", wave: "2:ok", "wave-style": "3:ok", "wave-figure": "4:ok" });
    for (const id of ["basics", "uses-basics", "tensors", "table", "figure", "progress", "error", "draws"]) expect(first[id], `${id} did not run`).toBe(before[id]);
    expect(await waveOutput(page)).toContain('wave: "square"');
    await expect(page.locator("[data-nb-notice]")).toHaveText("Running cell 10 first: the cells below use it.");

    // Warm: the style controls re-run only their cell and the figure.
    await control(page, "wave-style", "marks").getByLabel("dots").check();
    await settled(page);
    const second = await counts(page);
    expect(second).toMatchObject({ "wave-controls": "1:ok", wave: "2:ok", "wave-style": "5:ok", "wave-figure": "6:ok", draws: before.draws });
    await expect(cell(page, "wave-figure").locator(".nb-figure svg circle").first()).toBeAttached();

    // The button's cell depends on nothing above: a click runs it alone.
    await cell(page, "draws").getByRole("button", { name: "Draw again" }).click();
    await settled(page);
    expect(await counts(page)).toMatchObject({ ...second, draws: "7:ok" });
    await expect(cell(page, "draws").locator(".nb-output")).toContainText("draw 1: mean");
    expect(watched.problems).toEqual([]);
  });

  test("ten quick key presses on a slider end in one output for the last value, with no queue left", async ({ page }) => {
    await page.goto(PAGE);
    const amplitude = control(page, "wave-controls", "amplitude");
    await amplitude.locator("input").focus();
    await page.keyboard.press("ArrowLeft"); // starts the kernel
    await settled(page);
    const runsBefore = Number(await cell(page, "wave").locator(".nb-count").textContent());
    for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
    await expect(amplitude.locator("output")).toHaveText("1.9");
    await settled(page);
    await expect(cell(page, "wave").locator(".nb-output")).toHaveText('{ wave: "sine", frequency: 1, samples: 200, peak: 1.9 }');
    await expect(cell(page, "wave").locator(".nb-output > *")).toHaveCount(1);
    const runs = (await counts(page)).wave;
    // each press may start a run, but a superseded one is cancelled: at most one finished run per press
    expect(Number(runs.split(":")[0]) - runsBefore).toBeLessThanOrEqual(40);
    await page.waitForTimeout(300);
    expect((await counts(page)).wave, "nothing was left queued").toBe(runs);
  });

  test("control values and edited code survive a reload; Reset page forgets them", async ({ page }) => {
    await page.goto(PAGE);
    const amplitude = control(page, "wave-controls", "amplitude").locator("input");
    await amplitude.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
    await settled(page);
    await setCode(page, "basics", "const n: number = 3;\nconst squares = [n * n];\nsquares");
    await page.waitForTimeout(600); // the editor saves 0.4 s after the last keystroke

    await page.reload();
    await expect(control(page, "wave-controls", "amplitude").locator("output")).toHaveText("0.5");
    await expect(cell(page, "basics").locator(".cm-content")).toContainText("const n: number = 3;");
    // The restored value runs what it affects; the baked output (peak 1) is replaced.
    await settled(page);
    await expect(cell(page, "wave").locator(".nb-output")).toHaveText('{ wave: "sine", frequency: 1, samples: 200, peak: 0.5 }');

    await page.locator("[data-nb=reset-page]").click();
    await expect(control(page, "wave-controls", "amplitude").locator("output")).toHaveText("1.0");
    await expect(cell(page, "basics").locator(".cm-content")).toContainText("const n: number = 12;");
    await expect(cell(page, "wave").locator(".nb-output")).toHaveText('{ wave: "sine", frequency: 1, samples: 200, peak: 1 }');
    await page.reload();
    await expect(control(page, "wave-controls", "amplitude").locator("output")).toHaveText("1.0");
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("ntk-notebook:")))).toEqual([]);
  });

  test("an edit made against an older published cell says so, and the reader chooses", async ({ page }) => {
    await page.goto(PAGE);
    await page.evaluate(() => {
      const key = `ntk-notebook:${location.pathname}`;
      localStorage.setItem(key, JSON.stringify({ basics: { published: "00000000", source: "const n: number = 5;\nn" } }));
    });
    await page.reload();
    const notice = cell(page, "basics").locator(".nb-cell-notice");
    await expect(notice).toContainText("The published version of this cell has changed since you edited it.");
    await expect(cell(page, "basics").locator(".cm-content")).toContainText("const n: number = 5;");
    await notice.getByRole("button", { name: "Take the new version" }).click();
    await expect(notice).toHaveCount(0);
    await expect(cell(page, "basics").locator(".cm-content")).toContainText("const n: number = 12;");
    await page.reload();
    await expect(cell(page, "basics").locator(".cm-content")).toHaveCount(0); // nothing edited is kept
  });

  test("Copy link carries the values and edits to a fresh browser, which runs what they affect", async ({ browser }) => {
    const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    await page.goto(PAGE);
    await control(page, "wave-controls", "wave").locator("select").selectOption("triangle");
    await control(page, "wave-controls", "samples").locator("input").fill("50");
    await settled(page);
    await setCode(page, "uses-basics", "const total = 7;\ntotal");
    await page.locator("[data-nb=copy-link]").click();
    await expect(page.locator("[data-nb-notice]")).toHaveText("Copied a link with 2 control values and 1 edited cell.");
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/#nb=[\w-]+$/);
    await context.close();

    const fresh = await browser.newContext();
    const opened = await fresh.newPage();
    await opened.goto(link);
    await expect(opened.locator("[data-nb-notice]")).toHaveText("Opened a shared link: running the cells its control values affect.");
    await expect(control(opened, "wave-controls", "wave").locator("select")).toHaveValue("triangle");
    await expect(control(opened, "wave-controls", "samples").locator("input")).toHaveValue("50");
    await expect(cell(opened, "uses-basics").locator(".cm-content")).toContainText("const total = 7;");
    await settled(opened);
    await expect(cell(opened, "wave").locator(".nb-output")).toHaveText('{ wave: "triangle", frequency: 1, samples: 50, peak: 0.98 }');
    expect(new URL(opened.url()).hash, "the fragment is consumed").toBe("");
    await fresh.close();
  });

  test("a damaged link is ignored with a notice, never an error", async ({ page, baseURL }) => {
    const watched = await guard(page, new URL(baseURL!).origin);
    await page.goto(`${PAGE}#nb=q1w2e3r4t5y6`);
    await expect(page.locator("[data-nb-notice]")).toContainText("This link's notebook settings could not be read: it is cut short or damaged");
    await expect(cell(page, "wave").locator(".nb-output")).toHaveText('{ wave: "sine", frequency: 1, samples: 200, peak: 1 }');
    await expect(page.locator("[data-nb-status]")).toHaveText("not started");
    expect(watched.problems).toEqual([]);
  });

  test("the keyboard alone moves, ticks, chooses and clicks, each with a visible focus", async ({ page }) => {
    await page.goto(PAGE);
    const focusables = CHAIN.map((id) => cell(page, id).locator(".nb-control input, .nb-control select, .nb-control button"));
    await cell(page, "wave-controls").getByRole("button", { name: "Copy" }).focus();
    await page.keyboard.press("Tab"); // frequency slider
    await expect(focusables[0].first()).toBeFocused();
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe("none");
    await page.keyboard.press("End"); // frequency to its maximum
    await expect(control(page, "wave-controls", "frequency (cycles)").locator("output")).toHaveText("8");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab"); // the wave select
    await page.keyboard.press("ArrowDown");
    await expect(control(page, "wave-controls", "wave").locator("select")).toHaveValue("square");
    await settled(page);
    expect(await waveOutput(page)).toContain('wave: "square", frequency: 8');

    const gridLines = () => cell(page, "wave-figure").locator(".nb-figure svg g[stroke-opacity='0.1'] line, .nb-figure svg g[stroke-opacity='0.1'] path").count();
    expect(await gridLines()).toBeGreaterThan(0);
    await control(page, "wave-style", "grid").locator("input").focus();
    await page.keyboard.press("Space");
    await expect(control(page, "wave-style", "grid").locator("input")).not.toBeChecked();
    await settled(page);
    expect(await gridLines(), "the figure was drawn again without its grid").toBe(0);
    await cell(page, "draws").getByRole("button", { name: "Draw again" }).focus();
    await page.keyboard.press("Enter");
    await settled(page);
    await expect(cell(page, "draws").locator(".nb-output")).toContainText("draw 1: mean");
  });
});
