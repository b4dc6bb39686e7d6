// Taylor terms of f(x; θ + Δθ) in Δθ (note 000 "Second order??!?"), exact, in float64, by
// second-order forward propagation along the direction Δθ (θ(s) = θ + s·Δθ, derivatives at s = 0):
//   z = c·a·W + m_b·b,  ż = c·(a·ΔW + ȧ·W) + m_b·Δb,  z̈ = c·(2·ȧ·ΔW + ä·W)   (c = m_W, m_b: the layer's multipliers)
//   a = φ(z),  ȧ = φ′(z)·ż,  ä = φ″(z)·ż² + φ′(z)·z̈
// so ∇f·Δθ = ż^{L+1} and ½·Δθᵀ·∇²f·Δθ = ½·z̈^{L+1}.
import { type Mat, matMulABt } from "./mat.ts";
import { forwardF64, type LayerF64, MLP } from "./mlp.ts";
import { checkNumber, checkOptions, checkResult, fail, type MatrixInput, toMat } from "./validate.ts";

export interface TaylorTerms {
  /** f(x; θ) */
  f0: number[];
  /** first-order term ∇_θ f·Δθ */
  first: number[];
  /** second-order term ½·Δθᵀ·∇²_θ f·Δθ */
  second: number[];
  /** the exact change f(x; θ + Δθ) − f(x; θ) */
  actual: number[];
}

function checkDelta(fn: string, model: MLP, delta: readonly ArrayLike<number>[]): void {
  if (!Array.isArray(delta) || delta.length !== model.params.length)
    fail(fn, "deltaTheta", `must be an array of ${model.params.length} arrays (one per parameter tensor)`);
  delta.forEach((d, i) => {
    if (d.length !== model.params[i].size) fail(fn, `deltaTheta[${i}]`, `has length ${d.length}, expected ${model.params[i].size}`);
    for (let q = 0; q < d.length; q++) if (!Number.isFinite(d[q])) fail(fn, `deltaTheta[${i}]`, `has a non-finite value at [${q}]`);
  });
}

const affine = (a: Mat, Wt: Mat, scale: number): Mat => {
  const z = matMulABt(a, Wt);
  for (let q = 0; q < z.data.length; q++) z.data[q] *= scale;
  return z;
};

/**
 * f₀, ∇f·Δθ, ½·Δθᵀ∇²f·Δθ and the actual change, for output `output` (default 0) at every row of x.
 *
 * @param model a network made by `mlp`
 * @param x the inputs, with the model's `inputDim` columns
 * @param deltaTheta the step Δθ: one array per parameter tensor of `model.params`, each of that tensor's size
 * @param opts `output`, which output unit (default 0)
 * @returns `f0`, `first`, `second` and `actual` = f(x; θ + Δθ) − f(x; θ), one number per row of `x`
 * @throws {Error} when `model` is not made by `mlp`, `x` is not a finite matrix with `inputDim` columns,
 * `deltaTheta` does not hold one finite array of the right size per parameter, or `opts` holds a name other than
 * `output` or an `output` that is not an integer from 0 to outputs − 1
 * @chapter 2 taylor2 second-order
 * @example
 * ```ts
 * import { gradientStepDelta, linspace, mlp, taylorTerms } from "ntk";
 * const x = linspace(-2, 2, 8).map((v) => [v]), y = x.map(([v]) => Math.sin(v));
 * const net = mlp({ inputDim: 1, depth: 1, width: 128, activation: "erf", seed: 0 });
 * const step = gradientStepDelta(net, x, y, { learningRate: 0.5 });
 * const { first, second, actual } = taylorTerms(net, x, step);
 * ```
 */
export function taylorTerms(model: MLP, x: MatrixInput, deltaTheta: readonly ArrayLike<number>[], opts: { output?: number } = {}): TaylorTerms {
  return taylorTermsFor(model, x, deltaTheta, opts, "taylorTerms");
}

/** taylorTerms for `fn` (its errors name `fn`). */
function taylorTermsFor(model: MLP, x: MatrixInput, deltaTheta: readonly ArrayLike<number>[], opts: { output?: number }, fn: string): TaylorTerms {
  checkOptions(fn, opts, ["output"]);
  if (!(model instanceof MLP)) fail(fn, "model", "must be a model made by mlp(...)");
  const X = toMat(fn, "x", x);
  if (X.cols !== model.inputDim) fail(fn, "x", `has ${X.cols} columns but the model's inputDim is ${model.inputDim}`);
  checkDelta(fn, model, deltaTheta);
  const o = checkNumber(fn, "output", opts.output ?? 0, { integer: true, min: 0 });
  if (o >= model.outputs) fail(fn, "output", `must be < ${model.outputs}`);
  const theta = model.getParams();
  const layers = model.layersF64(theta);
  const dLayers: LayerF64[] = model.layersF64(deltaTheta);
  const N = X.rows;
  let a = X;
  let da: Mat = { rows: N, cols: X.cols, data: new Float64Array(N * X.cols) };
  let dda: Mat = { rows: N, cols: X.cols, data: new Float64Array(N * X.cols) };
  let z: Mat = X, dz: Mat = X, ddz: Mat = X;
  for (let l = 0; l < layers.length; l++) {
    const { Wt, b, scale, bScale } = layers[l];
    const { Wt: dWt, b: db } = dLayers[l];
    z = affine(a, Wt, scale); // c·a·W
    const p1 = affine(a, dWt, scale), p2 = affine(da, Wt, scale); // c·a·ΔW, c·ȧ·W
    const q1 = affine(da, dWt, 2 * scale), q2 = affine(dda, Wt, scale); // 2c·ȧ·ΔW, c·ä·W
    const n = z.cols;
    dz = p1;
    ddz = q1;
    for (let q = 0; q < z.data.length; q++) {
      z.data[q] += bScale * b[q % n];
      dz.data[q] += p2.data[q] + bScale * db[q % n];
      ddz.data[q] += q2.data[q];
    }
    if (l < layers.length - 1) {
      const na: Mat = { rows: N, cols: n, data: new Float64Array(N * n) };
      const nda: Mat = { rows: N, cols: n, data: new Float64Array(N * n) };
      const ndda: Mat = { rows: N, cols: n, data: new Float64Array(N * n) };
      for (let q = 0; q < na.data.length; q++) {
        const zq = z.data[q], d1 = model.act.df(zq);
        na.data[q] = model.act.f(zq);
        nda.data[q] = d1 * dz.data[q]; // ȧ = φ′(z)·ż
        ndda.data[q] = model.act.d2f(zq) * dz.data[q] ** 2 + d1 * ddz.data[q]; // ä = φ″(z)·ż² + φ′(z)·z̈
      }
      a = na;
      da = nda;
      dda = ndda;
    }
  }
  const k = model.outputs;
  const pick = (m: Mat, s = 1): number[] => Array.from({ length: N }, (_, i) => s * m.data[i * k + o]);
  const shifted = model.layersF64(theta.map((t, i) => t.map((v, q) => v + deltaTheta[i][q])));
  const pre = forwardF64(model, X, shifted).pre;
  const zPlus = pre[pre.length - 1];
  const f0 = pick(z);
  const terms = { f0, first: pick(dz), second: pick(ddz, 0.5), actual: pick(zPlus).map((v, i) => v - f0[i]) };
  checkResult(fn, "x", [...terms.f0, ...terms.first, ...terms.second, ...terms.actual], "Taylor terms");
  return terms;
}

/**
 * ½·Δθᵀ·∇²_θ f(x)·Δθ at every row of x (output `output`, default 0).
 *
 * @param model a network made by `mlp`
 * @param x the inputs, with the model's `inputDim` columns
 * @param deltaTheta the direction Δθ: one array per parameter tensor of `model.params`, each of that tensor's size
 * @param opts `output`, which output unit (default 0)
 * @returns the second-order term, one number per row of `x` (the `second` of {@link taylorTerms})
 * @throws {Error} when `model` is not made by `mlp`, `x` is not a finite matrix with `inputDim` columns,
 * `deltaTheta` does not hold one finite array of the right size per parameter, or `opts` holds a name other than
 * `output` or an `output` that is not an integer from 0 to outputs − 1
 * @chapter 2 second-order
 * @example
 * ```ts
 * import { gradientStepDelta, linspace, mlp, secondOrderTerm } from "ntk";
 * const x = linspace(-2, 2, 8).map((v) => [v]), y = x.map(([v]) => Math.sin(v));
 * const net = mlp({ inputDim: 1, depth: 1, width: 128, activation: "erf", seed: 0 });
 * const step = gradientStepDelta(net, x, y, { learningRate: 0.5 });
 * const curvature = secondOrderTerm(net, x, step);
 * ```
 */
export function secondOrderTerm(model: MLP, x: MatrixInput, deltaTheta: readonly ArrayLike<number>[], opts: { output?: number } = {}): number[] {
  return taylorTermsFor(model, x, deltaTheta, opts, "secondOrderTerm").second;
}
