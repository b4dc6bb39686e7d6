// The published library from a browser module script, as a reader's own page would load it: ntk's
// browser build and the site's own tfjs, nothing from another origin, numbers as the library gives them.
import { expect, test } from "@playwright/test";
import { publishedPaths } from "../../src/publish/library.mjs";
import { guard } from "./guard.ts";

test("ntk@<version>.browser.js runs in a module script with the site's tfjs", async ({ page, baseURL }) => {
  const watched = await guard(page, new URL(baseURL!).origin);
  const paths = publishedPaths();
  await page.goto("");
  const result = await page.evaluate(async ({ ntkUrl, tfUrl }) => {
    const tf = await import(tfUrl);
    const ntk = await import(ntkUrl);
    await tf.setBackend("cpu");
    const net = ntk.mlp({ inputDim: 1, depth: 2, width: 64, activation: "relu", seed: 0 });
    const empirical: number[][] = ntk.empiricalNTK(net, [[0.5], [-1]]);
    const { ntk: analytic } = ntk.analyticKernels([[0.5], [-1]], null, { depth: 2, activation: "relu", wStd: 1, bStd: 0 });
    let error = "";
    try {
      ntk.mlp({ inputDim: 1, depth: 2, width: -3, activation: "relu" });
    } catch (e) {
      error = (e as Error).message;
    }
    // the same tfjs instance: a tensor made by the page's tf is one the library accepts
    const fromTf: number[][] = ntk.empiricalNTK(net, tf.tensor2d([[0.5]]));
    return { empirical, analytic, error, fromTf, sameTf: net.params[0] instanceof tf.Variable };
  }, { ntkUrl: new URL(paths.browser, baseURL).href, tfUrl: new URL(paths.tfjs, baseURL).href });
  expect(result.sameTf).toBe(true);
  expect(result.empirical).toHaveLength(2);
  // at width 64 the empirical NTK is near the infinite-width one (chapter 6), within 25%
  expect(Math.abs(result.empirical[0][0] - result.analytic[0][0]) / result.analytic[0][0]).toBeLessThan(0.25);
  expect(result.fromTf[0][0]).toBeCloseTo(result.empirical[0][0], 4);
  expect(result.error).toMatch(/mlp.*width/);
  expect(watched.problems).toEqual([]);
});
