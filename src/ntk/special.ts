// Special functions in float64 (Math has no erf).
import { fail } from "./validate.ts";

function checkX(fn: string, x: unknown): void {
  if (typeof x !== "number" || Number.isNaN(x)) fail(fn, "x", `must be a number, got ${String(x)}`);
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf(x) = 2/√π ∫₀ˣ e^{−t²} dt, to ~1e-15: a positive series below 3, 1 − erfc above.
 *
 * @param x any number; ±∞ give ±1
 * @returns erf(x), in [−1, 1]
 * @throws {Error} when `x` is not a number (NaN included)
 * @example
 * ```ts
 * import { erf } from "ntk";
 * erf(0.5); // 0.5204998778130466
 * ```
 */
export function erf(x: number): number {
  checkX("erf", x);
  const ax = Math.abs(x);
  if (ax >= 6) return Math.sign(x);
  if (ax < 3) {
    // erf(x) = 2/√π·e^{−x²}·Σₙ 2ⁿx^{2n+1}/(1·3·…·(2n+1))  (A&S 7.1.6; all terms positive)
    let term = ax, sum = ax;
    for (let n = 1; n < 200; n++) {
      term *= (2 * ax * ax) / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return Math.sign(x) * TWO_OVER_SQRT_PI * Math.exp(-ax * ax) * sum;
  }
  return Math.sign(x) * (1 - erfc(ax));
}

/**
 * erfc(x) = 1 − erf(x) without cancellation: 1 − erf(x) below ½ (erfc > 0.47 there), e^{−x²}·erfcx(x) above.
 *
 * @param x any number; erfc(+∞) = 0, erfc(−∞) = 2
 * @returns erfc(x), in [0, 2]
 * @throws {Error} when `x` is not a number (NaN included)
 * @example
 * ```ts
 * import { erfc } from "ntk";
 * erfc(5); // 1.537459794428035e-12, free of the cancellation in 1 - erf(5)
 * ```
 */
export function erfc(x: number): number {
  checkX("erfc", x);
  if (x < 0.5) return 1 - erf(x);
  if (x > 27.3) return 0; // erfc(27.3) < 1e-325 underflows
  return expNegSquare(x, 1) * erfcx(x);
}

/** e^{−c·x²} for c = 1 or ½ with x² formed exactly: x = h + l, h on a 2⁻¹² grid, x² = h² + l·(2h + l). */
function expNegSquare(x: number, c: number): number {
  const h = Math.round(x * 4096) / 4096, l = x - h;
  return Math.exp(-c * h * h) * Math.exp(-c * l * (2 * h + l));
}

/** erfcx(x) = e^{x²}·erfc(x) for x ≥ ½ by the continued fraction 1/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))) (A&S 7.1.14), modified Lentz. */
function erfcx(x: number): number {
  const tiny = 1e-300;
  let f = x, c = x, d = 0;
  for (let n = 1; n < 5000; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / (Math.sqrt(Math.PI) * f);
}

/**
 * Standard normal density φ(x) = e^{−x²/2}/√(2π).
 *
 * @param x any number; ±∞ give 0
 * @returns φ(x)
 * @throws {Error} when `x` is not a number (NaN included)
 * @example
 * ```ts
 * import { normalPdf } from "ntk";
 * normalPdf(0); // 0.3989422804014327
 * ```
 */
export function normalPdf(x: number): number {
  checkX("normalPdf", x);
  if (!Number.isFinite(x)) return 0;
  return expNegSquare(x, 0.5) / Math.sqrt(2 * Math.PI);
}

/**
 * Standard normal CDF Φ(x) = ½·erfc(−x/√2), to ~1e-15 relative in the lower tail (e^{−x²/2} formed from x itself).
 *
 * @param x any number; Φ(−∞) = 0, Φ(+∞) = 1
 * @returns Φ(x)
 * @throws {Error} when `x` is not a number (NaN included)
 * @example
 * ```ts
 * import { normalCdf } from "ntk";
 * normalCdf(-10); // 7.619853024160527e-24
 * ```
 */
export function normalCdf(x: number): number {
  checkX("normalCdf", x);
  if (!Number.isFinite(x)) return x > 0 ? 1 : 0;
  const y = -x / Math.SQRT2;
  return y < 0.5 ? 0.5 * erfc(y) : 0.5 * expNegSquare(x, 0.5) * erfcx(y);
}
