// Chapter 2 (the second-order term): the numbers behind every figure, as baked at build and after a
// live "Run all" on the wasm backend, and a snapshot of every figure after the live run.
import { expect, type Page } from "@playwright/test";
import { chapterTests, expectWithin, numberAfter, type FigureShot } from "./helpers.ts";

const PAGE = "chapters/second-order-term/";

async function checkNumbers(page: Page): Promise<void> {
  // (S6) against the actual residual at η = 0.05: the gap is the O(η³) term, about a tenth.
  // With the note's sign (−η²/2) the gap would be about 2, without the ½ about 1.
  expectWithin(await numberAfter(page, "second-order", "largest gap relative to max |residual|:"), 0.05, 0.2, "residual − second-order term, relative");
  expectWithin(await numberAfter(page, "second-order", "largest relative difference:"), 0, 1e-3, "nested tf.grad vs taylorTerms");

  // Slopes against η: the residual is O(η²), and after adding (S6) what is left is O(η³).
  const first = await numberAfter(page, "second-order-slopes", "fitted slope, kernel step:");
  const second = await numberAfter(page, "second-order-slopes", "fitted slope, with the second-order term:");
  expectWithin(first, 1.85, 2.3, "slope of the kernel-step error");
  expectWithin(second, 2.75, 3.25, "slope of the error after the second-order term");

  // Width: the curvature along the step falls like ~1/n, the operator norm like ~1/√n (up to logs).
  const curvature = await numberAfter(page, "second-order-width", "fitted slope, curvature along the step:");
  const norm = await numberAfter(page, "second-order-width", "fitted slope, Hessian operator norm:");
  expectWithin(curvature, -1.15, -0.7, "width slope of gᵀHg/‖g‖²");
  expectWithin(norm, -0.6, -0.3, "width slope of ‖H‖_op");
  expect(curvature, "the term falls faster than its bound").toBeLessThan(norm - 0.25);
}

const FIGURES: FigureShot[] = [
  ["second-order", 0, "02-second-order.png"],
  ["second-order-slopes", 0, "02-second-order-slopes.png"],
  ["second-order-width", 0, "02-second-order-width.png"],
];

chapterTests("chapter 2: the second-order term", PAGE, checkNumbers, FIGURES);
