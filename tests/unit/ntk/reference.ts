// High-accuracy references computed independently of the library: adaptive Gauss–Kronrod (G7–K15)
// integration, and the NNGP/NTK recursion for one pair of inputs built on it.

// 15-point Kronrod nodes on [0, 1] (symmetric) and weights; the 7-point Gauss weights sit at the odd nodes.
const XK = [0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926, 0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961, 0.207784955007898467600689403773245, 0];
const WK = [0.022935322010529224963732008058970, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518, 0.140653259715525918745189590510238, 0.169004726639267902826583426598550, 0.190350578064785409913256402421014, 0.204432940075298892414161999234649, 0.209482141084727828012999174891714];
const WG = [0.129484966168869693270611432679082, 0.279705391489276667901467771423780, 0.381830050505118944950369775488975, 0.417959183673469387755102040816327];

/** ∫_a^b f by adaptive G7–K15 bisection until |K15 − G7| ≤ max(tol·|piece|, absTol) on every piece. */
export function integrate(f: (x: number) => number, a: number, b: number, tol = 1e-13, absTol = 1e-16, depth = 0): number {
  const c = 0.5 * (a + b), h = 0.5 * (b - a);
  const fc = f(c);
  let k = WK[7] * fc, g = WG[3] * fc;
  for (let i = 0; i < 7; i++) {
    const fs = f(c - h * XK[i]) + f(c + h * XK[i]);
    k += WK[i] * fs;
    if (i % 2 === 1) g += WG[(i - 1) / 2] * fs;
  }
  k *= h;
  g *= h;
  if (depth > 30 || Math.abs(k - g) <= Math.max(tol * Math.abs(k), absTol)) return k;
  return integrate(f, a, c, tol, absTol, depth + 1) + integrate(f, c, b, tol, absTol, depth + 1);
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const density = (z: number): number => Math.exp(-0.5 * z * z) / SQRT_2PI;

/** E_{z~N(0,1)}[g(z)] over [−12, 12] split at 0 and ±1, ±4 (so that narrow features near 0 are seen). */
export function expectZ(g: (z: number) => number, tol = 1e-13): number {
  const edges = [-12, -4, -1, 0, 1, 4, 12];
  let s = 0;
  for (let i = 0; i + 1 < edges.length; i++) s += integrate((z) => g(z) * density(z), edges[i], edges[i + 1], tol);
  return s;
}

/** E[g(u, v)] for (u, v) ~ N(0, [[q1, s], [s, q2]]) by nested adaptive quadrature over (z₁, z₂). */
export function expect2(g: (u: number, v: number) => number, q1: number, q2: number, s: number, tol = 1e-12): number {
  const su = Math.sqrt(q1), along = s / su, across = Math.sqrt(Math.max(q2 - (s * s) / q1, 0));
  return expectZ((z1) => expectZ((z2) => g(su * z1, along * z1 + across * z2), tol), tol);
}

/** Σ^{L+1} and Θ^{L+1} for the pair (x, y) by the recursion with every expectation integrated adaptively. */
export function referenceKernels(
  x: readonly number[],
  y: readonly number[],
  phi: (t: number) => number,
  dphi: (t: number) => number,
  depth: number,
  wStd: number,
  bStd: number,
): { nngp: number; ntk: number } {
  const d = x.length, w2 = wStd * wStd, b2 = bStd * bStd;
  const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((acc, v, k) => acc + v * b[k], 0);
  let q1 = (w2 * dot(x, x)) / d + b2, q2 = (w2 * dot(y, y)) / d + b2, s = (w2 * dot(x, y)) / d + b2, theta = s;
  for (let l = 0; l < depth; l++) {
    const e = expect2((u, v) => phi(u) * phi(v), q1, q2, s), ed = expect2((u, v) => dphi(u) * dphi(v), q1, q2, s);
    const nq1 = w2 * expectZ((z) => phi(Math.sqrt(q1) * z) ** 2) + b2;
    const nq2 = w2 * expectZ((z) => phi(Math.sqrt(q2) * z) ** 2) + b2;
    s = w2 * e + b2;
    theta = s + w2 * ed * theta;
    q1 = nq1;
    q2 = nq2;
  }
  return { nngp: s, ntk: theta };
}
