// Quadrature for Gaussian expectations E[g(x)], x ~ N(m, σ²) (chapter 6, "Any activation").
//   gaussHermite(n): the n-point rule of (Q1), exact for polynomials of degree ≤ 2n − 1.
//   gaussianRule(m, σ): composite Gauss–Legendre in x, accurate for integrands whose features
//   (a kink at 0, φ′ of a saturating φ) are narrow against σ, where (Q1) converges slowly.
import { checkNumber, fail } from "./validate.ts";

export interface Quadrature {
  /** nodes z_a for the standard normal */
  nodes: Float64Array;
  /** weights w_a (sum to 1) */
  weights: Float64Array;
}

/** The largest degree gaussHermite accepts (its Newton polish is O(n²) per node). */
const MAX_HERMITE_DEGREE = 400;

const hermiteCache = new Map<number, Quadrature>();

/** Number of eigenvalues below x of the Jacobi matrix of He_n (zero diagonal, off-diagonal √k): a Sturm count. */
function eigenvaluesBelow(x: number, n: number): number {
  let count = 0, d = -x;
  if (d < 0) count++;
  for (let k = 1; k < n; k++) {
    d = -x - k / (d === 0 ? 1e-300 : d);
    if (d < 0) count++;
  }
  return count;
}

/** Orthonormal Hermite values p_{n−1}(z), p_n(z) by p_{k+1} = (z·p_k − √k·p_{k−1})/√(k+1), rescaled to stay finite; `log2Scale` is the dropped factor. */
function hermitePair(z: number, n: number): { pPrev: number; pN: number; log2Scale: number } {
  let pPrev = 0, p = 1, log2Scale = 0;
  for (let k = 0; k < n; k++) {
    const next = (z * p - Math.sqrt(k) * pPrev) / Math.sqrt(k + 1);
    pPrev = p;
    p = next;
    if (Math.abs(p) > 1e150) {
      p *= 2 ** -500;
      pPrev *= 2 ** -500;
      log2Scale += 500;
    }
  }
  return { pPrev, pN: p, log2Scale };
}

/**
 * Degree-n Gauss–Hermite rule for N(0, 1), exact for polynomials of degree ≤ 2n − 1 (1 ≤ n ≤ 400).
 * Nodes: eigenvalues of the Jacobi matrix (Golub–Welsch) by Sturm bisection, polished by Newton on p_n;
 * weights by the Christoffel–Darboux formula w = 1/(n·p_{n−1}(z)²), formed in log scale so that
 * the outermost weights (below 1e-300 for n ≳ 300) underflow to 0 instead of overflowing.
 *
 * @param degree the number of nodes n, an integer from 1 to 400
 * @returns `nodes` z_i and `weights` w_i with E[g(z)] ≈ Σ w_i·g(z_i) (the weights sum to 1)
 * @throws {Error} when `degree` is not an integer from 1 to 400
 * @chapter 6 gauss-hermite
 * @example
 * ```ts
 * import { gaussHermite } from "ntk";
 * const { nodes, weights } = gaussHermite(3);
 * nodes; // [-1.7320508075688774, 0, 1.7320508075688774]
 * ```
 */
export function gaussHermite(degree: number): Quadrature {
  return hermiteRule(degree, "gaussHermite", "degree");
}

/** gaussHermite for `fn`'s argument `name` (its errors name them). */
export function hermiteRule(degree: number, fn: string, name: string): Quadrature {
  const n = checkNumber(fn, name, degree, { integer: true, min: 1 });
  if (n > MAX_HERMITE_DEGREE) fail(fn, name, `must be at most ${MAX_HERMITE_DEGREE}, got ${n}`);
  const hit = hermiteCache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n), weights = new Float64Array(n);
  const bound = Math.sqrt(4 * n + 2) + 1; // every root of He_n lies below √(4n + 2)
  for (let i = 0; i < n; i++) {
    // the i-th eigenvalue: the x where the count passes i
    let lo = -bound, hi = bound;
    for (let it = 0; it < 200 && hi - lo > 1e-14 * Math.max(1, Math.abs(lo)); it++) {
      const mid = 0.5 * (lo + hi);
      if (eigenvaluesBelow(mid, n) > i) hi = mid;
      else lo = mid;
    }
    let z = 0.5 * (lo + hi);
    for (let it = 0; it < 3; it++) {
      const { pPrev, pN } = hermitePair(z, n);
      if (pPrev === 0) break;
      z -= pN / (Math.sqrt(n) * pPrev); // p_n′ = √n·p_{n−1}
    }
    const { pPrev, log2Scale } = hermitePair(z, n);
    nodes[i] = z;
    weights[i] = Math.exp(-Math.log(n) - 2 * (Math.log(Math.abs(pPrev)) + log2Scale * Math.LN2));
  }
  for (let i = 0; i < n >> 1; i++) {
    // the rule is symmetric: average the mirrored pairs
    const z = 0.5 * (nodes[n - 1 - i] - nodes[i]), w = 0.5 * (weights[i] + weights[n - 1 - i]);
    nodes[i] = -z;
    nodes[n - 1 - i] = z;
    weights[i] = weights[n - 1 - i] = w;
  }
  if (n % 2 === 1) nodes[n >> 1] = 0;
  const q: Quadrature = { nodes, weights };
  hermiteCache.set(n, q);
  return q;
}

/**
 * E_{z~N(0,1)}[g(z)] by the degree-n Gauss–Hermite rule (default 64).
 *
 * @param g the integrand, a function of one number returning a number
 * @param degree the rule's number of nodes, an integer from 1 to 400 (default 64)
 * @returns Σ w_i·g(z_i)
 * @throws {Error} when `g` is not a function, returns something other than a number, or gives a non-finite
 * expectation, or when `degree` is not an integer from 1 to 400
 * @chapter 6 gauss-hermite
 * @example
 * ```ts
 * import { gaussianExpectation } from "ntk";
 * gaussianExpectation((z) => z ** 4); // 3.000000000000002 (E z⁴ = 3)
 * ```
 */
export function gaussianExpectation(g: (z: number) => number, degree = 64): number {
  const fn = "gaussianExpectation";
  if (typeof g !== "function") fail(fn, "g", `must be a function z => number, got ${typeof g}`);
  const { nodes, weights } = hermiteRule(degree, fn, "degree");
  let s = 0;
  for (let a = 0; a < nodes.length; a++) {
    const v = g(nodes[a]);
    if (typeof v !== "number" || Number.isNaN(v)) fail(fn, "g", `returned ${String(v)} at z = ${nodes[a]}`);
    if (weights[a] > 0) s += weights[a] * v;
  }
  if (!Number.isFinite(s)) fail(fn, "g", `gives a non-finite expectation (${s})`);
  return s;
}

// Composite rule. Panels of p Gauss–Legendre points cover m ± 9σ (the tail beyond carries < 1e-18),
// with a breakpoint at x = 0 (where relu and its kin have their kink) and widths at most
// PANEL_SIGMA·σ (the Gaussian), max(PANEL_MIN, PANEL_GROWTH·|x|) (features of φ near 0, such as
// tanh′'s poles at ±iπ/2, resolved more coarsely far out) and the activation's own `period`.
const LEGENDRE_POINTS = 12;
const TAIL = 9;
const PANEL_SIGMA = 1;
const PANEL_MIN = 0.5;
const PANEL_GROWTH = 0.5;

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton on the three-term recurrence). */
function gaussLegendre(p: number): { t: Float64Array; w: Float64Array } {
  const t = new Float64Array(p), w = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (p + 0.5));
    let dp = 1;
    for (let it = 0; it < 100; it++) {
      let p0 = 1, p1 = x;
      for (let k = 2; k <= p; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (p * (x * p1 - p0)) / (x * x - 1); // P_p′
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    t[i] = x;
    w[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { t, w };
}

const LEGENDRE = gaussLegendre(LEGENDRE_POINTS);

/** A rule for x ~ N(m, σ²): nodes x_a and weights w_a with Σ w_a·g(x_a) ≈ E[g(x)]. */
export interface GaussianRule {
  x: Float64Array;
  w: Float64Array;
  size: number;
}

/** An empty rule with room for `capacity` nodes (reused across calls to avoid allocation). */
export function newRule(capacity = 4096): GaussianRule {
  return { x: new Float64Array(capacity), w: new Float64Array(capacity), size: 0 };
}

function grow(r: GaussianRule, need: number): void {
  if (need <= r.x.length) return;
  const x = new Float64Array(2 * need), w = new Float64Array(2 * need);
  x.set(r.x.subarray(0, r.size));
  w.set(r.w.subarray(0, r.size));
  r.x = x;
  r.w = w;
}

/** Appends the p Gauss–Legendre points of panel [a, b], weighted by the N(m, σ²) density. */
function addPanel(r: GaussianRule, a: number, b: number, m: number, sigma: number): void {
  grow(r, r.size + LEGENDRE_POINTS);
  const half = 0.5 * (b - a), mid = 0.5 * (a + b);
  const norm = half / (sigma * Math.sqrt(2 * Math.PI));
  for (let k = 0; k < LEGENDRE_POINTS; k++) {
    const x = mid + half * LEGENDRE.t[k];
    const z = (x - m) / sigma;
    r.x[r.size] = x;
    r.w[r.size] = norm * LEGENDRE.w[k] * Math.exp(-0.5 * z * z);
    r.size++;
  }
}

/**
 * Fills `r` with a composite rule for E[g(x)], x ~ N(m, σ²), σ ≥ 0 (σ = 0: the point m).
 * `period` caps the panel width for activations with features everywhere (sin).
 */
export function gaussianRule(r: GaussianRule, m: number, sigma: number, period = Infinity): GaussianRule {
  r.size = 0;
  if (!(sigma > 0)) {
    r.x[0] = m;
    r.w[0] = 1;
    r.size = 1;
    return r;
  }
  const lo = m - TAIL * sigma, hi = m + TAIL * sigma;
  const width = (x: number): number => Math.min(PANEL_SIGMA * sigma, Math.max(PANEL_MIN, PANEL_GROWTH * Math.abs(x)), period);
  // march away from 0 (or from the end nearest 0) so panels grow outward
  const march = (from: number, to: number): void => {
    const dir = Math.sign(to - from);
    let a = from;
    while ((to - a) * dir > 0) {
      let b = a + dir * width(a);
      if ((to - b) * dir < 0.25 * width(a)) b = to; // no sliver at the end
      addPanel(r, Math.min(a, b), Math.max(a, b), m, sigma);
      a = b;
    }
  };
  if (lo < 0 && hi > 0) {
    march(0, lo);
    march(0, hi);
  } else if (hi <= 0) march(hi, lo);
  else march(lo, hi);
  return r;
}
