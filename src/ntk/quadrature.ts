// Gauss–Hermite quadrature for Gaussian expectations E_{z~N(0,1)}[g(z)] ≈ Σ_a w_a·g(z_a).

export interface Quadrature {
  /** nodes z_a for the standard normal */
  nodes: Float64Array;
  /** weights w_a (sum to 1) */
  weights: Float64Array;
}

const cache = new Map<number, Quadrature>();

/**
 * Degree-m rule exact for polynomials of degree ≤ 2m−1 under N(0, 1).
 * Roots of the physicists' Hermite H_m by Newton on the orthonormal recurrence
 * (Numerical Recipes §4.6, gauher), then z = √2·x, w = w_H/√π.
 */
export function gaussHermite(degree: number): Quadrature {
  if (!Number.isInteger(degree) || degree < 1 || degree > 400)
    throw new Error(`gaussHermite: argument 'degree' must be an integer in [1, 400], got ${degree}`);
  const hit = cache.get(degree);
  if (hit) return hit;
  const m = degree;
  const x = new Float64Array(m), w = new Float64Array(m);
  const PIM4 = Math.pow(Math.PI, -0.25);
  let z = 0;
  for (let i = 0; i < (m + 1) >> 1; i++) {
    // initial guesses for the largest roots first (NR)
    if (i === 0) z = Math.sqrt(2 * m + 1) - 1.85575 * Math.pow(2 * m + 1, -0.16667);
    else if (i === 1) z -= (1.14 * Math.pow(m, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0];
    else if (i === 3) z = 1.91 * z - 0.91 * x[1];
    else z = 2 * z - x[i - 2];
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      // orthonormal recurrence: p_j = z·√(2/j)·p_{j−1} − √((j−1)/j)·p_{j−2}
      let p1 = PIM4, p2 = 0;
      for (let j = 1; j <= m; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * m) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    x[m - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[m - 1 - i] = w[i];
  }
  const q: Quadrature = { nodes: new Float64Array(m), weights: new Float64Array(m) };
  for (let i = 0; i < m; i++) {
    q.nodes[i] = Math.SQRT2 * x[m - 1 - i];
    q.weights[i] = w[m - 1 - i] / Math.sqrt(Math.PI);
  }
  cache.set(degree, q);
  return q;
}

/** E_{z~N(0,1)}[g(z)] by degree-m Gauss–Hermite. */
export function gaussianExpectation(g: (z: number) => number, degree = 64): number {
  const { nodes, weights } = gaussHermite(degree);
  let s = 0;
  for (let a = 0; a < nodes.length; a++) s += weights[a] * g(nodes[a]);
  return s;
}
