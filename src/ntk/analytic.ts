// Infinite-width NNGP and NTK of a fully connected net, by the layer recursion in float64
// (Neal 1996; Lee et al. 2018; Jacot et al. 2018; conventions of neural-tangents):
//   Σ¹ = wStd²·x·x′/d + bStd²,  Θ¹ = Σ¹
//   Σ^{l+1} = wStd²·E[φ(u)φ(v)] + bStd²,  Σ̇^{l+1} = wStd²·E[φ′(u)φ′(v)],  (u, v) ~ N(0, Σ^l)
//   Θ^{l+1} = Σ^{l+1} + Σ̇^{l+1}·Θ^l
// Depth L = L hidden [Dense, φ] blocks then the readout Dense: the result is Σ^{L+1}, Θ^{L+1}.
import { activation as lookupActivation, type Activation, type ActivationSpec } from "./activations.ts";
import { type Mat, sameMat, toRows, zeros } from "./mat.ts";
import { gaussianRule, hermiteRule, newRule } from "./quadrature.ts";
import { checkKeys, checkNumber, fail, firstNonFinite, type MatrixInput, toMat } from "./validate.ts";

export interface AnalyticOptions {
  depth: number;
  activation: ActivationSpec;
  wStd: number;
  bStd: number;
  /** use the fixed degree-m Gauss–Hermite product rule (Q1) instead of the composite rule (to show its convergence; inaccurate at large variances) */
  quadratureDegree?: number;
  /** "auto" (default) uses the closed forms (relu, leaky/AB relu, linear, erf); "quadrature" integrates every activation numerically */
  method?: "auto" | "quadrature";
  /** also return Σ^l and Θ^l for every layer l = 1 … L+1 */
  perLayer?: boolean;
  /** mlp's architecture options, accepted so that one object describes a finite net and its limit: inputDim must equal x1's columns, the others do not change the kernel */
  inputDim?: number;
  width?: number;
  seed?: number;
  outputs?: number;
}

export interface Kernels {
  nngp: number[][];
  ntk: number[][];
}

export interface AnalyticKernels extends Kernels {
  /** Σ^l, Θ^l for l = 1 … L+1 when `perLayer` was set */
  layers?: Kernels[];
}

/** The recursion's state on a block: Σ^l(x_i, x_i), Σ^l(x′_j, x′_j), Σ^l(x_i, x′_j), its Gram determinant and Θ^l. */
interface LayerState {
  d1: Diagonal; // Σ^l(x_i, x_i) for every l
  d2: Diagonal; // Σ^l(x′_j, x′_j) for every l
  s: Float64Array; // Σ^l(x_i, x′_j), N1×N2
  /** q1_i·q2_j − s_ij² ≥ 0, carried without cancellation so that angles near 0 and π stay accurate; rows i0 … of the block only */
  det: Float64Array;
  theta: Float64Array; // Θ^l(x_i, x′_j)
  n1: number;
  n2: number;
  symmetric: boolean;
}

/** The diagonal's own recursion: q[l] = Σ^{l+1}(x_i, x_i) for l = 0 … L, dot[l] = E[φ′(u)²] at u ~ N(0, q[l]). */
interface Diagonal {
  q: Float64Array[];
  dot: Float64Array[];
}

/** The Gaussian moments one layer needs; `pair` fills `out`. */
interface Moments {
  /** E[φ(u)²], E[φ′(u)²] for u ~ N(0, q) */
  diag(q: number, out: PairMoments): void;
  /** E[φ(u)φ(v)], E[φ′(u)φ′(v)] for (u, v) ~ N(0, [[q1, s], [s, q2]]), det = q1·q2 − s²; `nextDet` when known stably */
  pair(q1: number, q2: number, s: number, det: number, out: PairMoments): void;
}

interface PairMoments {
  e: number;
  ed: number;
  /** the next layer's q1′·q2′ − s′², or NaN to form it from q′ and s′ */
  nextDet: number;
}

const TWO_PI = 2 * Math.PI;
/**
 * Correlations ρ = s/√(q₁q₂) in [ACOS_MIN, ACOS_MAX] take θ = acos ρ (one libm call) instead of atan2(√det, ±s) (two,
 * and two sines). acos turns ρ's rounding δρ into δθ = δρ/sin θ, which the moments amplify little on this interval:
 * E[φφ] ∝ g(ψ) ~ ψ³ as ρ → −1 multiplies δψ by cos ψ/g(ψ) (1.5 at ρ = −½, 15 at −0.85, hence the tighter lower end);
 * as ρ → 1 the error is δθ ≤ 1.9·δρ. Against 60-digit references over ρ ∈ [−1, 1], depth 1–6, relu, leaky and AB relu,
 * the error relative to √(K(x,x)·K(x′,x′)) stays ≤ 2.2e-15 as with atan2 everywhere. Within it θ ≥ 0.55 and ψ ≥ π/3: no series.
 */
const ACOS_MIN = -0.5, ACOS_MAX = 0.85;
/** Entries of Σ (rows × N2) that one block of rows runs through every layer at a time. */
const BLOCK = 8192;

/** g(α) = sin α − α·cos α = Σ_{k≥1} (−1)^{k+1}·2k·α^{2k+1}/(2k+1)!, the series for α < ½ where the difference cancels. */
function gSmall(alpha: number): number {
  const a2 = alpha * alpha;
  let term = alpha, sum = 0;
  for (let k = 1; k < 20; k++) {
    term *= -a2 / ((2 * k) * (2 * k + 1)); // (−1)^k·α^{2k+1}/(2k+1)!
    const t = -2 * k * term;
    sum += t;
    if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/**
 * φ(x) = a·min(x, 0) + b·max(x, 0) (relu: a = 0, b = 1; Cho & Saul 2009; neural-tangents' ABRelu), with
 * θ the angle of (u, v), ψ = π − θ, r = √(q₁q₂), g(α) = sin α − α cos α (chapter 6, relu-dot):
 *   E[φ(u)φ(v)] = (a − b)²·r·g(ψ)/2π + ab·s,   E[φ′(u)φ′(v)] = (a − b)²·ψ/2π + ab.
 * Angles come from atan2(√det, ±s), exact at collinear (det = 0) and anti-collinear pairs.
 */
function abReluMoments(a: number, b: number, w2: number, b2: number): Moments {
  const ab = a * b, amb2 = (a - b) ** 2, c = (a * a + b * b) / 2;
  // E, E′ and the next determinant from θ, ψ = π − θ, r·g(ψ), r·g(θ), r·sin²(θ/2), r·sin²(ψ/2); dq = √q1 − √q2
  const finish = (r: number, dq: number, s: number, theta: number, psi: number, rgPsi: number, rgTheta: number, rSin2HalfT: number, rSin2HalfP: number, out: PairMoments): void => {
    out.e = (amb2 * rgPsi) / TWO_PI + ab * s;
    out.ed = (amb2 * psi) / TWO_PI + ab;
    // q1′q2′ − s′² = w⁴·(c·r − E)(c·r + E) + w²b²·(c·(√q1 − √q2)² + 2(c·r − E)), with
    // c·r − E = (a−b)²·(2πr·sin²(θ/2) − r·g(θ))/2π + 2ab·r·sin²(θ/2)   (θ ≤ π/2)
    //         = (a+b)²·r/2 − (a−b)²·r·g(ψ)/2π − 2ab·r·sin²(ψ/2)         (θ > π/2: no cancellation for even φ at θ = π)
    // c·r + E = (a−b)²·(πr + r·g(ψ))/2π + 2ab·r·sin²(ψ/2)
    const below = theta <= Math.PI / 2
      ? (amb2 * (TWO_PI * rSin2HalfT - rgTheta)) / TWO_PI + 2 * ab * rSin2HalfT
      : ((a + b) ** 2 * r) / 2 - (amb2 * rgPsi) / TWO_PI - 2 * ab * rSin2HalfP;
    const above = (amb2 * (Math.PI * r + rgPsi)) / TWO_PI + 2 * ab * rSin2HalfP;
    out.nextDet = Math.max(w2 * w2 * below * above + w2 * b2 * (c * dq * dq + 2 * below), 0);
  };
  // |ρ| near 1: the angles from atan2(√det, ±s), exact at det = 0; out of line, so that pair stays small enough for V8 to inline
  const nearCollinear = (r: number, dq: number, s: number, root: number, out: PairMoments): void => {
    const theta = Math.atan2(root, s), psi = Math.atan2(root, -s);
    const sinHalfT = Math.sin(theta / 2), sinHalfP = Math.sin(psi / 2);
    const rgPsi = psi < 0.5 ? r * gSmall(psi) : root + psi * s;
    const rgTheta = theta < 0.5 ? r * gSmall(theta) : root - theta * s;
    finish(r, dq, s, theta, psi, rgPsi, rgTheta, r * sinHalfT * sinHalfT, r * sinHalfP * sinHalfP, out);
  };
  return {
    diag(q, out) {
      out.e = c * q; // E[φ(u)²] = (a² + b²)·q/2
      out.ed = c;
    },
    pair(q1, q2, s, det, out) {
      const sq1 = Math.sqrt(q1), sq2 = Math.sqrt(q2), r = sq1 * sq2, root = Math.sqrt(det), rho = s / r;
      if (!(rho >= ACOS_MIN && rho <= ACOS_MAX)) return nearCollinear(r, sq1 - sq2, s, root, out);
      // r·g(ψ) = √det + ψ·s and r·g(θ) = √det − θ·s (r sin ψ = r sin θ = √det, r cos ψ = −s); r·sin²(θ/2) = (r − s)/2
      const theta = Math.acos(rho), psi = Math.PI - theta;
      finish(r, sq1 - sq2, s, theta, psi, root + psi * s, root - theta * s, (r - s) / 2, (r + s) / 2, out);
    },
  };
}

/** erf (Williams 1997), with (1 + 2q₁)(1 + 2q₂) − 4s² = 1 + 2(q₁ + q₂) + 4·det:
 *  E[φφ] = 2/π·atan2(2s, √(1 + 2(q₁+q₂) + 4det)),  E[φ′φ′] = 4/π/√(1 + 2(q₁+q₂) + 4det). */
const erfMoments: Moments = {
  diag(q, out) {
    out.e = (2 / Math.PI) * Math.atan2(2 * q, Math.sqrt(1 + 4 * q));
    out.ed = 4 / Math.PI / Math.sqrt(1 + 4 * q);
  },
  pair(q1, q2, s, det, out) {
    const root = Math.sqrt(1 + 2 * (q1 + q2) + 4 * det);
    out.e = (2 / Math.PI) * Math.atan2(2 * s, root);
    out.ed = 4 / Math.PI / root;
    out.nextDet = NaN;
  },
};

/**
 * Any φ by composite quadrature (src/ntk/quadrature.ts): u ~ N(0, q₁) outside, and inside
 * v | u ~ N(s/q₁·u, det/q₁), the conditional Gaussian, so E[φ(u)φ(v)] = E_u[φ(u)·E[φ(v) | u]].
 */
function quadratureMoments(act: Activation): Moments {
  const outer = newRule(), inner = newRule();
  let outerQ = NaN, fU = new Float64Array(0), dfU = new Float64Array(0);
  return {
    diag(q, out) {
      gaussianRule(inner, 0, Math.sqrt(q), act.maxPanel);
      let e = 0, ed = 0;
      for (let a = 0; a < inner.size; a++) {
        const x = inner.x[a];
        e += inner.w[a] * act.f(x) ** 2;
        ed += inner.w[a] * act.df(x) ** 2;
      }
      out.e = e;
      out.ed = ed;
    },
    pair(q1, q2, s, det, out) {
      if (q1 !== outerQ) {
        // the outer rule depends on q1 only: reused along a row
        gaussianRule(outer, 0, Math.sqrt(q1), act.maxPanel);
        outerQ = q1;
        fU = new Float64Array(outer.size);
        dfU = new Float64Array(outer.size);
        for (let a = 0; a < outer.size; a++) {
          fU[a] = outer.w[a] * act.f(outer.x[a]);
          dfU[a] = outer.w[a] * act.df(outer.x[a]);
        }
      }
      const slope = q1 > 0 ? s / q1 : 0, condSd = Math.sqrt(q1 > 0 ? det / q1 : q2);
      let e = 0, ed = 0;
      for (let a = 0; a < outer.size; a++) {
        gaussianRule(inner, slope * outer.x[a], condSd, act.maxPanel);
        let f = 0, df = 0;
        for (let b = 0; b < inner.size; b++) {
          f += inner.w[b] * act.f(inner.x[b]);
          df += inner.w[b] * act.df(inner.x[b]);
        }
        e += fU[a] * f;
        ed += dfU[a] * df;
      }
      out.e = e;
      out.ed = ed;
      out.nextDet = NaN;
    },
  };
}

/** The fixed degree-m Gauss–Hermite product rule (Q1) with u = √q₁·z_a, v = s/√q₁·z_a + √(det/q₁)·z_b. */
function gaussHermiteMoments(act: Activation, degree: number): Moments {
  const { nodes: z, weights: w } = hermiteRule(degree, "analyticKernels", "quadratureDegree");
  const m = z.length;
  return {
    diag(q, out) {
      const sq = Math.sqrt(q);
      let e = 0, ed = 0;
      for (let a = 0; a < m; a++) {
        e += w[a] * act.f(sq * z[a]) ** 2;
        ed += w[a] * act.df(sq * z[a]) ** 2;
      }
      out.e = e;
      out.ed = ed;
    },
    pair(q1, q2, s, det, out) {
      const su = Math.sqrt(q1), along = q1 > 0 ? s / su : 0, across = Math.sqrt(q1 > 0 ? det / q1 : q2);
      let e = 0, ed = 0;
      for (let a = 0; a < m; a++) {
        const u = su * z[a];
        let inner = 0, innerD = 0;
        for (let b = 0; b < m; b++) {
          const v = along * z[a] + across * z[b];
          inner += w[b] * act.f(v);
          innerD += w[b] * act.df(v);
        }
        e += w[a] * act.f(u) * inner;
        ed += w[a] * act.df(u) * innerD;
      }
      out.e = e;
      out.ed = ed;
      out.nextDet = NaN;
    },
  };
}

function diagonal(q: Float64Array, depth: number, w2: number, b2: number, moments: Moments): Diagonal {
  const out: PairMoments = { e: 0, ed: 0, nextDet: NaN };
  const d: Diagonal = { q: [q], dot: [] };
  for (let l = 0; l < depth; l++) {
    const nq = new Float64Array(q.length), dot = new Float64Array(q.length);
    for (let i = 0; i < q.length; i++) {
      moments.diag(d.q[l][i], out);
      nq[i] = w2 * out.e + b2;
      dot[i] = out.ed;
    }
    d.q.push(nq);
    d.dot.push(dot);
  }
  return d;
}

/**
 * One layer: Σ′ = w²·E[φφ] + b², Θ′ = Σ′ + w²·E[φ′φ′]·Θ (chapter 6, nngp-recursion and ntk-recursion), in place,
 * from layer l to l + 1 on rows i0 … i1 − 1 (all layers run on a block of rows before the next, so that det and
 * the block's rows of Σ and Θ stay in cache).
 */
function layer(st: LayerState, l: number, i0: number, i1: number, w2: number, b2: number, moments: Moments): void {
  const { s, det, theta, n2, symmetric } = st;
  const q1 = st.d1.q[l], q2 = st.d2.q[l], nq1 = st.d1.q[l + 1], nq2 = st.d2.q[l + 1], dot1 = st.d1.dot[l];
  const out: PairMoments = { e: 0, ed: 0, nextDet: NaN };
  for (let i = i0; i < i1; i++) {
    const qi = q1[i], nqi = nq1[i], row = i * n2, detRow = (i - i0) * n2;
    let j = 0;
    if (symmetric) {
      // the diagonal: s = q, det = 0; only j > i follows (mirrored at the end)
      s[row + i] = nqi;
      det[detRow + i] = 0;
      theta[row + i] = nqi + w2 * dot1[i] * theta[row + i];
      j = i + 1;
    }
    for (; j < n2; j++) {
      const k = row + j;
      moments.pair(qi, q2[j], s[k], det[detRow + j], out);
      const sigma = w2 * out.e + b2;
      s[k] = sigma;
      theta[k] = sigma + w2 * out.ed * theta[k];
      det[detRow + j] = Number.isNaN(out.nextDet) ? Math.max(nqi * nq2[j] - sigma * sigma, 0) : out.nextDet;
    }
  }
}

/**
 * Σ¹ = wStd²·x·x′/d + bStd² on rows i0 … i1 − 1 (the input layer; Θ¹ = Σ¹), and its Gram determinant
 *   q1·q2 − s² = (w²/d)²·(|x|²|x′|² − (x·x′)²) + (w²b²/d)·|x − x′|²,  |x|²|x′|² − (x·x′)² = |x|²·|x′ − (x·x′/|x|²)·x|²
 */
function inputLayer(st: LayerState, x1: Mat, y: Mat, n1sq: Float64Array, i0: number, i1: number, w2: number, b2: number): void {
  const { s, det, theta, n2, symmetric } = st, q1 = st.d1.q[0], q2 = st.d2.q[0], xa = x1.data, xb = y.data, d = x1.cols;
  for (let i = i0; i < i1; i++) {
    const ia = i * d, qi = q1[i];
    for (let j = symmetric ? i : 0; j < n2; j++) {
      const jb = j * d, k = i * n2 + j, kd = (i - i0) * n2 + j;
      let dot = 0;
      for (let c = 0; c < d; c++) dot += xa[ia + c] * xb[jb + c];
      const sk = (w2 * dot) / d + b2, qq = qi * q2[j];
      s[k] = sk;
      theta[k] = sk;
      // |ρ| ≤ ACOS_MAX: q1·q2 − s² loses at most a factor 1/(1 − ACOS_MAX²) ≈ 3.6 to cancellation; nearer ±1, from |x′_⊥| and |x − x′|
      if (sk * sk <= ACOS_MAX * ACOS_MAX * qq) {
        det[kd] = qq - sk * sk;
        continue;
      }
      const along = n1sq[i] > 0 ? dot / n1sq[i] : 0;
      let dist = 0, perp = 0;
      for (let c = 0; c < d; c++) {
        const u = xa[ia + c], v = xb[jb + c];
        dist += (u - v) ** 2;
        perp += (v - along * u) ** 2;
      }
      det[kd] = (w2 / d) ** 2 * n1sq[i] * perp + ((w2 * b2) / d) * dist;
    }
  }
}

function mirror(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i];
}

const OPTION_NAMES = ["depth", "activation", "wStd", "bStd", "quadratureDegree", "method", "perLayer"] as const;
const MLP_NAMES = ["inputDim", "width", "seed", "outputs"] as const;

/** The closed form for φ if there is one and `method` allows it, else quadrature (or the fixed rule (Q1) when `quadratureDegree` is set). */
function momentsFor(act: Activation, method: "auto" | "quadrature", degree: number | undefined, w2: number, b2: number): Moments {
  if (method === "auto" && act.ab) return abReluMoments(act.ab[0], act.ab[1], w2, b2);
  if (method === "auto" && act.name === "erf") return erfMoments;
  return degree === undefined ? quadratureMoments(act) : gaussHermiteMoments(act, degree);
}

/** Float64 core: NNGP and NTK as Mats (used by the public wrapper and by other modules). */
export function analyticKernelsMat(
  x1: Mat,
  x2: Mat | null,
  opts: AnalyticOptions,
  fn = "analyticKernels",
): { nngp: Mat; ntk: Mat; layers?: { nngp: Mat; ntk: Mat }[] } {
  if (opts === undefined || opts === null || typeof opts !== "object") fail(fn, "opts", "is required: {depth, activation, wStd, bStd}");
  checkKeys(fn, "opts", opts, [...OPTION_NAMES, ...MLP_NAMES]);
  const depth = checkNumber(fn, "depth", opts.depth, { integer: true, min: 0 });
  const wStd = checkNumber(fn, "wStd", opts.wStd, { min: 0 });
  const bStd = checkNumber(fn, "bStd", opts.bStd, { min: 0 });
  const act = lookupActivation(opts.activation, fn);
  const method = opts.method ?? "auto";
  if (method !== "auto" && method !== "quadrature") fail(fn, "method", `must be "auto" or "quadrature", got ${String(method)}`);
  const degree = opts.quadratureDegree === undefined ? undefined : checkNumber(fn, "quadratureDegree", opts.quadratureDegree, { integer: true, min: 1 });
  if (degree !== undefined) hermiteRule(degree, fn, "quadratureDegree");
  if (opts.perLayer !== undefined && typeof opts.perLayer !== "boolean") fail(fn, "perLayer", `must be a boolean, got ${String(opts.perLayer)}`);
  if (x2 && x2.cols !== x1.cols) fail(fn, "x2", `has ${x2.cols} columns but x1 has ${x1.cols} (input dimensions must match)`);
  if (opts.inputDim !== undefined && opts.inputDim !== x1.cols) fail(fn, "inputDim", `is ${String(opts.inputDim)} but x1 has ${x1.cols} columns`);
  // x with itself (x2 null, or the same numbers again): compute j ≥ i and mirror
  const symmetric = x2 === null || sameMat(x1, x2);
  const y = x2 ?? x1;
  const d = x1.cols, n1 = x1.rows, n2 = y.rows;
  const w2 = wStd * wStd, b2 = bStd * bStd;
  const sqNorm = (m: Mat, i: number): number => {
    let acc = 0;
    for (let k = 0; k < d; k++) acc += m.data[i * d + k] ** 2;
    return acc;
  };
  const n1sq = Float64Array.from({ length: n1 }, (_, i) => sqNorm(x1, i));
  const n2sq = symmetric ? n1sq : Float64Array.from({ length: n2 }, (_, j) => sqNorm(y, j));
  const moments = momentsFor(act, method, degree, w2, b2);
  const d1 = diagonal(n1sq.map((v) => (w2 * v) / d + b2), depth, w2, b2, moments);
  const d2 = symmetric ? d1 : diagonal(n2sq.map((v) => (w2 * v) / d + b2), depth, w2, b2, moments);
  const rows = Math.max(1, Math.floor(BLOCK / Math.max(n2, 1)));
  const st: LayerState = { d1, d2, s: new Float64Array(n1 * n2), det: new Float64Array(Math.min(rows, n1) * n2), theta: new Float64Array(n1 * n2), n1, n2, symmetric };
  const { s, theta } = st;
  const layers = opts.perLayer ? Array.from({ length: depth + 1 }, () => ({ nngp: zeros(n1, n2), ntk: zeros(n1, n2) })) : [];
  for (let i0 = 0; i0 < n1; i0 += rows) {
    const i1 = Math.min(n1, i0 + rows);
    inputLayer(st, x1, y, n1sq, i0, i1, w2, b2);
    for (let l = 0; l <= depth; l++) {
      if (l > 0) layer(st, l - 1, i0, i1, w2, b2, moments);
      if (!opts.perLayer) continue;
      layers[l].nngp.data.set(s.subarray(i0 * n2, i1 * n2), i0 * n2);
      layers[l].ntk.data.set(theta.subarray(i0 * n2, i1 * n2), i0 * n2);
    }
  }
  if (symmetric)
    for (const m of [st.s, st.theta, ...layers.flatMap((k) => [k.nngp.data, k.ntk.data])]) mirror(m, n1);
  for (const [name, m] of [["nngp", st.s], ["ntk", st.theta]] as const) {
    const k = firstNonFinite(m);
    if (k >= 0) fail(fn, "x1", `gives a kernel that overflows float64 (${name}[${Math.floor(k / n2)}][${k % n2}] = ${m[k]}): scale the inputs, wStd or depth down`);
  }
  const out = { nngp: { rows: n1, cols: n2, data: st.s }, ntk: { rows: n1, cols: n2, data: st.theta } };
  return opts.perLayer ? { ...out, layers } : out;
}

/**
 * Infinite-width kernels {nngp, ntk} between the rows of x1 and x2 (x2 = null: x1 with itself),
 * float64; closed forms for relu, leaky/AB relu, linear and erf, composite quadrature otherwise.
 *
 * @param x1 inputs, N×d (rows of numbers or a rank-2 tensor)
 * @param x2 inputs, M×d, or null for the N×N kernels of `x1` with itself
 * @param opts the architecture: `depth` L (hidden layers, ≥ 0), `activation`, `wStd`, `bStd` (≥ 0); optionally
 * `method`, `quadratureDegree`, `perLayer`, and `mlp`'s `inputDim`, `width`, `seed`, `outputs` (so one object
 * can describe a network and its limit)
 * @returns `nngp` Σ^{L+1} and `ntk` Θ^{L+1}, N×M (with `perLayer`, also every layer's)
 * @throws {Error} when `x1` or `x2` is not a non-empty, rectangular, finite matrix or their column counts differ;
 * when `opts` is missing or holds an unknown name, its `depth` is not an integer ≥ 0, `wStd` or `bStd` is
 * negative or not finite, `activation` is unknown, `method` is not "auto" or "quadrature", `quadratureDegree`
 * is not an integer from 1 to 400, `perLayer` is not a boolean, or `inputDim` differs from the columns of `x1`;
 * and when the kernel overflows float64 (the error names `x1`)
 * @chapter 6 nngp-recursion sigma-dot ntk-recursion
 * @example
 * ```ts
 * import { analyticKernels } from "ntk";
 * const { nngp, ntk } = analyticKernels([[1], [-0.5]], null, { depth: 2, activation: "relu", wStd: 1.5, bStd: 0.1 });
 * ntk[0][0]; // ≈ 8.613 (Θ(x, x) at x = 1)
 * ```
 */
export function analyticKernels(x1: MatrixInput, x2: MatrixInput | null, opts: AnalyticOptions): AnalyticKernels {
  const fn = "analyticKernels";
  const a = toMat(fn, "x1", x1);
  const b = x2 === null || x2 === undefined ? null : toMat(fn, "x2", x2);
  const r = analyticKernelsMat(a, b, opts, fn);
  const out: AnalyticKernels = { nngp: toRows(r.nngp), ntk: toRows(r.ntk) };
  if (r.layers) out.layers = r.layers.map((k) => ({ nngp: toRows(k.nngp), ntk: toRows(k.ntk) }));
  return out;
}
