// Seeded randomness (mulberry32 + Box–Muller) and grids, so every cell is reproducible.
import { checkNumber, fail, toVec } from "./validate.ts";

/** A seeded generator of uniform and standard-normal numbers. */
export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

/**
 * mulberry32 (Tommy Ettinger) for uniforms, Box–Muller for normals; `seed` is an integer (seeds equal mod 2³² give the same stream).
 *
 * @param seed an integer
 * @returns a generator: `uniform()` on [0, 1), `normal()` from N(0, 1)
 * @throws {Error} when `seed` is not an integer
 * @example
 * ```ts
 * import { makeRng } from "ntk";
 * const rng = makeRng(42);
 * const coin = rng.uniform() < 0.5;
 * const z = rng.normal();
 * ```
 */
export function makeRng(seed: number): Rng {
  return seededRng(seed, "makeRng");
}

/** makeRng for `fn` (its error names `fn`'s argument 'seed'). */
export function seededRng(seed: number, fn: string): Rng {
  checkNumber(fn, "seed", seed, { integer: true });
  let state = (seed ^ 0x9e3779b9) >>> 0;
  let spare: number | null = null;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    // Box–Muller: r = √(−2 ln u₁), z₁ = r cos 2πu₂, z₂ = r sin 2πu₂
    let u1 = uniform();
    while (u1 <= 0) u1 = uniform();
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
  return { uniform, normal };
}

/**
 * n standard-normal draws from `seed`.
 *
 * @param n how many, an integer ≥ 0
 * @param seed an integer: the same seed gives the same draws
 * @returns the draws
 * @throws {Error} when `n` is not an integer ≥ 0 or `seed` is not an integer
 * @example
 * ```ts
 * import { randn } from "ntk";
 * const noise = randn(8, 0); // Float64Array(8)
 * ```
 */
export function randn(n: number, seed: number): Float64Array {
  checkNumber("randn", "n", n, { integer: true, min: 0 });
  const rng = seededRng(seed, "randn");
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal();
  return out;
}

/**
 * A rows×cols matrix of N(0, 1) draws (e.g. inputs for a cell), as number[][].
 *
 * @param rows an integer ≥ 1
 * @param cols an integer ≥ 1
 * @param seed an integer: the same seed gives the same matrix
 * @returns rows arrays of cols draws
 * @throws {Error} when `rows` or `cols` is not an integer ≥ 1, or `seed` is not an integer
 * @example
 * ```ts
 * import { randomNormalMatrix } from "ntk";
 * const x = randomNormalMatrix(16, 3, 0); // 16 inputs in 3 dimensions
 * ```
 */
export function randomNormalMatrix(rows: number, cols: number, seed: number): number[][] {
  const fn = "randomNormalMatrix";
  checkNumber(fn, "rows", rows, { integer: true, min: 1 });
  checkNumber(fn, "cols", cols, { integer: true, min: 1 });
  const rng = seededRng(seed, fn);
  const z = Float64Array.from({ length: rows * cols }, () => rng.normal());
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) out.push(Array.from(z.subarray(i * cols, (i + 1) * cols)));
  return out;
}

/**
 * n evenly spaced points from a to b inclusive.
 *
 * @param a the first point, finite
 * @param b the last point, finite (may be below `a`)
 * @param n how many points, an integer ≥ 1 (1: just `a`)
 * @returns the points
 * @throws {Error} when `a` or `b` is not a finite number, or `n` is not an integer ≥ 1
 * @example
 * ```ts
 * import { linspace } from "ntk";
 * linspace(-2, 2, 5); // [-2, -1, 0, 1, 2]
 * ```
 */
export function linspace(a: number, b: number, n: number): number[] {
  return grid(a, b, n, "linspace");
}

/** linspace for `fn` (its errors name `fn`). */
function grid(a: number, b: number, n: number, fn: string): number[] {
  checkNumber(fn, "a", a);
  checkNumber(fn, "b", b);
  checkNumber(fn, "n", n, { integer: true, min: 1 });
  if (n === 1) return [a];
  return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

/**
 * n points from 10^a to 10^b, evenly spaced in log10.
 *
 * @param a the first exponent, |a| ≤ 308
 * @param b the last exponent, |b| ≤ 308
 * @param n how many points, an integer ≥ 1
 * @returns 10 to each of linspace(a, b, n)
 * @throws {Error} when `a` or `b` is not a finite number or lies outside ±308, or `n` is not an integer ≥ 1
 * @example
 * ```ts
 * import { logspace } from "ntk";
 * logspace(1, 3, 3); // [10, 100, 1000]
 * ```
 */
export function logspace(a: number, b: number, n: number): number[] {
  const fn = "logspace";
  for (const [name, e] of [["a", a], ["b", b]] as const)
    if (Math.abs(checkNumber(fn, name, e)) > 308) fail(fn, name, `is an exponent of 10 outside float64 (|${name}| ≤ 308), got ${e}`);
  return grid(a, b, n, fn).map((e) => 10 ** e);
}

/**
 * Points on the unit circle at angles γ: [cos γ, sin γ] (the classic NTK plot).
 *
 * @param angles the angles γ, in radians
 * @returns one point [cos γ, sin γ] per angle: a matrix to pass as `x1`
 * @throws {Error} when `angles` is not an array of finite numbers
 * @example
 * ```ts
 * import { circlePoints, linspace } from "ntk";
 * const xs = circlePoints(linspace(0, Math.PI, 33));
 * ```
 */
export function circlePoints(angles: readonly number[]): number[][] {
  return Array.from(toVec("circlePoints", "angles", angles), (g) => [Math.cos(g), Math.sin(g)]);
}
