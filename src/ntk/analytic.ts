// Infinite-width NNGP and NTK of a fully connected net, by the layer recursion in float64
// (Neal 1996; Lee et al. 2018; Jacot et al. 2018; conventions of neural-tangents):
//   Σ¹ = wStd²·x·x′/d + bStd²,  Θ¹ = Σ¹
//   Σ^{l+1} = wStd²·E[φ(u)φ(v)] + bStd²,  Σ̇^{l+1} = wStd²·E[φ′(u)φ′(v)],  (u, v) ~ N(0, Σ^l)
//   Θ^{l+1} = Σ^{l+1} + Σ̇^{l+1}·Θ^l
// Depth L = L hidden [Dense, φ] blocks then the readout Dense: the result is Σ^{L+1}, Θ^{L+1}.
import { activation as lookupActivation, type Activation, type ActivationName } from "./activations.ts";
import { type Mat, matMulABt, toRows } from "./mat.ts";
import { gaussHermite } from "./quadrature.ts";
import { checkNumber, fail, type MatrixInput, toMat } from "./validate.ts";

export interface AnalyticOptions {
  depth: number;
  activation: ActivationName;
  wStd: number;
  bStd: number;
  /** Gauss–Hermite degree for activations without a closed form (default 48; steep activations such as erf with large variances need more) */
  quadratureDegree?: number;
  /** "auto" uses the closed forms for relu and erf; "quadrature" forces Gauss–Hermite */
  method?: "auto" | "quadrature";
  /** also return Σ^l and Θ^l for every layer l = 1 … L+1 */
  perLayer?: boolean;
}

export interface Kernels {
  nngp: number[][];
  ntk: number[][];
}

export interface AnalyticKernels extends Kernels {
  /** Σ^l, Θ^l for l = 1 … L+1 when `perLayer` was set */
  layers?: Kernels[];
}

/** One layer's Gaussian moments on a block: (q1_i, q2_j, s_ij) → E[φφ], E[φ′φ′]; updates in place. */
interface LayerState {
  q1: Float64Array; // Σ^l(x_i, x_i)
  q2: Float64Array; // Σ^l(x′_j, x′_j)
  s: Float64Array; // Σ^l(x_i, x′_j), N1×N2
  theta: Float64Array; // Θ^l(x_i, x′_j)
  n1: number;
  n2: number;
  symmetric: boolean;
}

const INV_2PI = 1 / (2 * Math.PI);

/** ReLU (arc-cosine kernel, Cho & Saul 2009): E[φφ] = √(q₁q₂)/2π·(sin ϑ + (π−ϑ)cos ϑ), E[φ′φ′] = (π−ϑ)/2π, cos ϑ = ρ. */
function reluLayer(st: LayerState, w2: number, b2: number): void {
  const { q1, q2, s, theta, n1, n2, symmetric } = st;
  for (let i = 0; i < n1; i++) {
    const qi = q1[i];
    for (let j = symmetric ? i : 0; j < n2; j++) {
      const k = i * n2 + j;
      const r = Math.sqrt(qi * q2[j]);
      let e = 0, ed = 0;
      if (r > 0) {
        let rho = s[k] / r;
        rho = rho > 1 ? 1 : rho < -1 ? -1 : rho;
        const piMinusT = Math.PI - Math.acos(rho);
        e = r * (Math.sqrt(1 - rho * rho) + piMinusT * rho) * INV_2PI;
        ed = piMinusT * INV_2PI;
      }
      const sigma = w2 * e + b2;
      s[k] = sigma;
      theta[k] = sigma + w2 * ed * theta[k];
    }
  }
  for (let i = 0; i < n1; i++) q1[i] = w2 * 0.5 * q1[i] + b2; // E[relu(u)²] = q/2
  if (!symmetric) for (let j = 0; j < n2; j++) q2[j] = w2 * 0.5 * q2[j] + b2;
}

/** erf (Williams 1997): E[φφ] = 2/π·asin(2s/√((1+2q₁)(1+2q₂))), E[φ′φ′] = 4/π/√((1+2q₁)(1+2q₂) − 4s²). */
function erfLayer(st: LayerState, w2: number, b2: number): void {
  const { q1, q2, s, theta, n1, n2, symmetric } = st;
  for (let i = 0; i < n1; i++) {
    const ai = 1 + 2 * q1[i];
    for (let j = symmetric ? i : 0; j < n2; j++) {
      const k = i * n2 + j;
      const ab = ai * (1 + 2 * q2[j]);
      let arg = (2 * s[k]) / Math.sqrt(ab);
      arg = arg > 1 ? 1 : arg < -1 ? -1 : arg;
      const e = (2 / Math.PI) * Math.asin(arg);
      const ed = 4 / Math.PI / Math.sqrt(Math.max(ab - 4 * s[k] * s[k], 1e-300));
      const sigma = w2 * e + b2;
      s[k] = sigma;
      theta[k] = sigma + w2 * ed * theta[k];
    }
  }
  const diag = (q: number): number => w2 * (2 / Math.PI) * Math.asin((2 * q) / (1 + 2 * q)) + b2;
  for (let i = 0; i < n1; i++) q1[i] = diag(q1[i]);
  if (!symmetric) for (let j = 0; j < n2; j++) q2[j] = diag(q2[j]);
}

/** Any φ: 2-D Gauss–Hermite with u = √q₁·z_a, v = √q₂·(ρ·z_a + √(1−ρ²)·z_b). */
function quadratureLayer(st: LayerState, w2: number, b2: number, act: Activation, degree: number): void {
  const { q1, q2, s, theta, n1, n2, symmetric } = st;
  const { nodes: z, weights: w } = gaussHermite(degree);
  const m = z.length;
  const phiU = new Float64Array(m), dphiU = new Float64Array(m);
  for (let i = 0; i < n1; i++) {
    const su = Math.sqrt(q1[i]);
    for (let a = 0; a < m; a++) {
      phiU[a] = w[a] * act.f(su * z[a]);
      dphiU[a] = w[a] * act.df(su * z[a]);
    }
    for (let j = symmetric ? i : 0; j < n2; j++) {
      const k = i * n2 + j;
      const sv = Math.sqrt(q2[j]);
      const r = Math.sqrt(q1[i] * q2[j]);
      let rho = r > 0 ? s[k] / r : 0;
      rho = rho > 1 ? 1 : rho < -1 ? -1 : rho;
      const c = Math.sqrt(1 - rho * rho);
      let e = 0, ed = 0;
      for (let a = 0; a < m; a++) {
        let inner = 0, innerD = 0;
        const base = rho * z[a];
        for (let b = 0; b < m; b++) {
          const v = sv * (base + c * z[b]);
          inner += w[b] * act.f(v);
          innerD += w[b] * act.df(v);
        }
        e += phiU[a] * inner;
        ed += dphiU[a] * innerD;
      }
      const sigma = w2 * e + b2;
      s[k] = sigma;
      theta[k] = sigma + w2 * ed * theta[k];
    }
  }
  const diag = (q: number): number => {
    const sq = Math.sqrt(q);
    let e = 0;
    for (let a = 0; a < m; a++) e += w[a] * act.f(sq * z[a]) ** 2;
    return w2 * e + b2;
  };
  for (let i = 0; i < n1; i++) q1[i] = diag(q1[i]);
  if (!symmetric) for (let j = 0; j < n2; j++) q2[j] = diag(q2[j]);
}

function mirror(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i];
}

/** Float64 core: NNGP and NTK as Mats (used by the public wrapper and by other modules). */
export function analyticKernelsMat(
  x1: Mat,
  x2: Mat | null,
  opts: AnalyticOptions,
  fn = "analyticKernels",
): { nngp: Mat; ntk: Mat; layers?: { nngp: Mat; ntk: Mat }[] } {
  const depth = checkNumber(fn, "depth", opts.depth, { integer: true, min: 0 });
  const wStd = checkNumber(fn, "wStd", opts.wStd, { min: 0 });
  const bStd = checkNumber(fn, "bStd", opts.bStd, { min: 0 });
  const act = lookupActivation(opts.activation, fn);
  const degree = checkNumber(fn, "quadratureDegree", opts.quadratureDegree ?? 48, { integer: true, min: 2 });
  if (x2 && x2.cols !== x1.cols) fail(fn, "x2", `has ${x2.cols} columns but x1 has ${x1.cols} (input dimensions must match)`);
  const symmetric = x2 === null;
  const y = x2 ?? x1;
  const d = x1.cols, n1 = x1.rows, n2 = y.rows;
  const w2 = wStd * wStd, b2 = bStd * bStd;
  // Σ¹ = wStd²·x·x′/d + bStd² (the input layer)
  const s = matMulABt(x1, y).data;
  for (let k = 0; k < s.length; k++) s[k] = (w2 * s[k]) / d + b2;
  const sqNorms = (x: Mat): Float64Array => {
    const q = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      let acc = 0;
      for (let k = 0; k < d; k++) acc += x.data[i * d + k] ** 2;
      q[i] = (w2 * acc) / d + b2;
    }
    return q;
  };
  const q1 = sqNorms(x1);
  const st: LayerState = { q1, q2: symmetric ? q1 : sqNorms(y), s, theta: Float64Array.from(s), n1, n2, symmetric };
  const method = opts.method ?? "auto";
  const layers: { nngp: Mat; ntk: Mat }[] = [];
  const snapshot = (): void => {
    if (!opts.perLayer) return;
    const nn = { rows: n1, cols: n2, data: Float64Array.from(st.s) };
    const nt = { rows: n1, cols: n2, data: Float64Array.from(st.theta) };
    if (symmetric) {
      mirror(nn.data, n1);
      mirror(nt.data, n1);
    }
    layers.push({ nngp: nn, ntk: nt });
  };
  snapshot();
  for (let l = 0; l < depth; l++) {
    if (method === "auto" && act.name === "relu") reluLayer(st, w2, b2);
    else if (method === "auto" && act.name === "erf") erfLayer(st, w2, b2);
    else quadratureLayer(st, w2, b2, act, degree);
    snapshot();
  }
  if (symmetric) {
    mirror(st.s, n1);
    mirror(st.theta, n1);
  }
  const out = { nngp: { rows: n1, cols: n2, data: st.s }, ntk: { rows: n1, cols: n2, data: st.theta } };
  return opts.perLayer ? { ...out, layers } : out;
}

/**
 * Infinite-width kernels {nngp, ntk} between the rows of x1 and x2 (x2 = null: x1 with itself),
 * float64, vectorized over the whole matrix; closed forms for relu and erf, Gauss–Hermite otherwise.
 */
export function analyticKernels(x1: MatrixInput, x2: MatrixInput | null, opts: AnalyticOptions): AnalyticKernels {
  const fn = "analyticKernels";
  if (opts === undefined || opts === null) fail(fn, "opts", "is required: {depth, activation, wStd, bStd}");
  const a = toMat(fn, "x1", x1);
  const b = x2 === null || x2 === undefined ? null : toMat(fn, "x2", x2);
  const r = analyticKernelsMat(a, b, opts, fn);
  const out: AnalyticKernels = { nngp: toRows(r.nngp), ntk: toRows(r.ntk) };
  if (r.layers) out.layers = r.layers.map((k) => ({ nngp: toRows(k.nngp), ntk: toRows(k.ntk) }));
  return out;
}
