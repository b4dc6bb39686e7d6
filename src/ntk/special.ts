// Special functions in float64 (Math has no erf).

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** erf(x) = 2/√π ∫₀ˣ e^{−t²} dt, to ~1e-15: a positive series below 3, erfc's continued fraction above. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
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
  return Math.sign(x) * (1 - erfcLarge(ax));
}

/** erfc(x) for x ≥ 3 by the continued fraction e^{−x²}/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))) (A&S 7.1.14), modified Lentz. */
function erfcLarge(x: number): number {
  const tiny = 1e-300;
  let f = x, c = x, d = 0;
  for (let n = 1; n < 300; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Standard normal CDF Φ(x) = ½(1 + erf(x/√2)). */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}
