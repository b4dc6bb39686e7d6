// Empirical (finite-width) NTK and NNGP.
//   Θ(x, x′) = ⟨∇_θ f(x), ∇_θ f(x′)⟩  (Jacot et al. 2018, eq. 9 of note 000)
// Structured path for MLPs, never building the Jacobian: with a^{l−1} the layer inputs and
// δ^l = ∂f/∂z^l the backpropagated sensitivities,
//   Θ = Σ_l (r_W·m_W²·a^{l−1}·a′^{l−1} + r_b·m_b²) · (δ^l·δ′^l)
// because ∂f/∂W^l = m_W·a^{l−1}⊗δ^l and ∂f/∂b^l = m_b·δ^l; in NTK parameterization m_W = wStd/√n_{l−1},
// m_b = bStd. r_W, r_b are the layers' learning-rate factors (1 in the named parameterizations): with them,
// Θ is the kernel of gradient descent θ_i ← θ_i − η·r_i·∂L/∂θ_i (chapter 1's derivation, chapter 10).
// Multi-output nets: the output-averaged kernel (1/k)·Σ_o Θ_oo (neural-tangents' trace_axes=(-1,)), or the full one.
import * as tf from "@tensorflow/tfjs";
import { type Mat, matMulABt, sameMat, toRows, zeros } from "./mat.ts";
import { forwardF64, inputTensor, type LayerF64, MLP, type Model } from "./mlp.ts";
import { checkOptions, checkResult, fail, type MatrixInput, toMat } from "./validate.ts";

/** Which implementation computes the structured kernel: the library's own float64 code, or tfjs ops (float32) on the active backend. */
export type Engine = "auto" | "f64" | "tfjs";

export interface EmpiricalOptions {
  /** "auto" (default): float64 loops on the tfjs cpu backend, tfjs matMul on wasm/webgl/webgpu (faster there) */
  engine?: Engine;
}

export interface LayeredKernel {
  /** Θ = Σ_l layers[l] */
  ntk: number[][];
  /** the contribution of Dense layer l+1 (its W and b), l = 0 … L */
  layers: number[][][];
}

function checkMLP(fn: string, model: unknown): MLP {
  if (!(model instanceof MLP)) fail(fn, "model", "must be a model made by mlp(...)");
  return model;
}

/**
 * Resolves "auto": tfjs on accelerated backends, float64 loops on the pure-JS cpu backend.
 *
 * @param engine "auto" (default), "f64" or "tfjs"
 * @returns the engine the empirical kernels would use on the current tfjs backend
 * @throws {Error} when `engine` is not "auto", "f64" or "tfjs"
 * @example
 * ```ts
 * import { chooseEngine } from "ntk";
 * chooseEngine(); // "f64" on tfjs's cpu backend, "tfjs" on wasm or webgl
 * ```
 */
export function chooseEngine(engine: Engine = "auto"): "f64" | "tfjs" {
  return engineFor(engine, "chooseEngine");
}

/** chooseEngine for `fn` (its errors name `fn`). */
function engineFor(engine: Engine | undefined = "auto", fn: string): "f64" | "tfjs" {
  if (engine === "f64" || engine === "tfjs") return engine;
  if (engine !== "auto") fail(fn, "engine", `must be "auto", "f64" or "tfjs", got ${String(engine)}`);
  return tf.getBackend() === "cpu" ? "f64" : "tfjs";
}

/** The factors of Dense layer l's term: r_W·m_W² on a·a′ and r_b·m_b² (wStd²/n_{l−1} and bStd² in NTK parameterization). */
function layerWeights(model: MLP, l: number): { w2: number; b2: number } {
  const w = model.scaling.weights[l - 1], b = model.scaling.biases[l - 1];
  return { w2: w.learningRate * w.multiplier ** 2, b2: b.learningRate * b.multiplier ** 2 };
}

/** δ^l for l = 1 … L as (N·k)×n_l matrices, row n·k + o = ∂f_o(x_n)/∂z^l (float64). */
function sensitivitiesF64(model: MLP, layers: LayerF64[], pre: Mat[]): Mat[] {
  const L = layers.length - 1; // hidden layers
  const k = model.outputs;
  const N = pre[0].rows;
  const deltas: Mat[] = new Array(L);
  // δ^{L+1} = I_k, so scale·δ^{L+1}·W^{L+1}ᵀ has row (n, o) = scale·W^{L+1}[:, o]
  const top = layers[L];
  let upstream = zeros(N * k, top.W.rows);
  for (let n = 0; n < N; n++)
    for (let o = 0; o < k; o++)
      for (let j = 0; j < top.W.rows; j++) upstream.data[(n * k + o) * top.W.rows + j] = top.scale * top.W.data[j * k + o];
  for (let l = L - 1; l >= 0; l--) {
    // δ^l = φ′(z^l) ⊙ (m_W^{l+1}·δ^{l+1}·W^{l+1}ᵀ)  (m_W = wStd/√n_l in NTK parameterization)
    const z = pre[l];
    const n = z.cols;
    const d = upstream;
    for (let r = 0; r < N * k; r++) {
      const zr = Math.floor(r / k) * n;
      for (let j = 0; j < n; j++) d.data[r * n + j] *= model.act.df(z.data[zr + j]);
    }
    deltas[l] = d;
    if (l > 0) {
      upstream = matMulABt(d, layers[l].W);
      for (let q = 0; q < upstream.data.length; q++) upstream.data[q] *= layers[l].scale;
    }
  }
  return deltas;
}

/** Per-layer contributions in float64; `full` keeps the k×k output blocks ((N1·k)×(N2·k)). */
function structuredF64(model: MLP, x1: Mat, x2: Mat | null, full: boolean): Mat[] {
  const layers = model.layersF64();
  const f1 = forwardF64(model, x1, layers);
  const f2 = x2 ? forwardF64(model, x2, layers) : f1;
  const d1 = sensitivitiesF64(model, layers, f1.pre);
  const d2 = x2 ? sensitivitiesF64(model, layers, f2.pre) : d1;
  const k = model.outputs, N1 = x1.rows, N2 = (x2 ?? x1).rows;
  const out: Mat[] = [];
  for (let l = 0; l < layers.length; l++) {
    // a^{l−1}·a′^{l−1}, scaled: r_W·m_W²·(a·a′) + r_b·m_b² (wStd²/n_{l−1}·(a·a′) + bStd² in NTK parameterization)
    const gA = matMulABt(f1.post[l], f2.post[l]);
    const { w2, b2 } = layerWeights(model, l + 1);
    for (let q = 0; q < gA.data.length; q++) gA.data[q] = w2 * gA.data[q] + b2;
    const isTop = l === layers.length - 1;
    if (!full) {
      if (!isTop) {
        // Σ_o δ_o·δ′_o: view the (N·k)×n rows as N×(k·n)
        const n = d1[l].cols;
        const gD = matMulABt({ rows: N1, cols: k * n, data: d1[l].data }, { rows: N2, cols: k * n, data: d2[l].data });
        for (let q = 0; q < gA.data.length; q++) gA.data[q] *= gD.data[q] / k;
      } // top layer: δ^{L+1}·δ′^{L+1} averaged over outputs = 1
      out.push(gA);
    } else {
      const c = zeros(N1 * k, N2 * k);
      const gD = isTop ? null : matMulABt(d1[l], d2[l]);
      for (let i = 0; i < N1; i++)
        for (let o = 0; o < k; o++)
          for (let j = 0; j < N2; j++)
            for (let p = 0; p < k; p++) {
              const r = i * k + o, s = j * k + p;
              const dd = gD ? gD.data[r * N2 * k + s] : o === p ? 1 : 0;
              c.data[r * N2 * k + s] = gA.data[i * N2 + j] * dd;
            }
      out.push(c);
    }
  }
  return out;
}

/** The same per-layer contributions with tfjs ops on the active backend (float32), summed in float64. */
function structuredTF(model: MLP, x1: Mat, x2: Mat | null): Mat[] {
  const N1 = x1.rows, N2 = (x2 ?? x1).rows, k = model.outputs;
  const widths = model.widths;
  const L = widths.length - 1;
  const grams = tf.tidy(() => {
    const pass = (x: Mat): { post: tf.Tensor2D[]; deltas: tf.Tensor2D[] } => {
      const N = x.rows;
      const post: tf.Tensor2D[] = [tf.tensor2d(Float32Array.from(x.data), [N, x.cols], "float32")];
      const pre: tf.Tensor2D[] = [];
      for (let l = 1; l <= L; l++) {
        const z = model.affine(l, post[l - 1]);
        pre.push(z);
        if (l < L) post.push(model.act.tf(z) as tf.Tensor2D);
      }
      // δ^l = φ′(z^l) ⊙ (wStd/√n_l·δ^{l+1}·W^{l+1}ᵀ), stored as [N, k·n_l] (output-major)
      const deltas: tf.Tensor2D[] = new Array(L - 1);
      let up: tf.Tensor = tf.mul(tf.transpose(model.params[2 * L - 2]), model.scale(L)).expandDims(0); // [1, k, n_L]
      for (let l = L - 1; l >= 1; l--) {
        const n = widths[l];
        const d = tf.mul(up, model.act.tfDf(pre[l - 1]).expandDims(1)); // [N, k, n_l]
        deltas[l - 1] = tf.reshape(d, [N, k * n]) as tf.Tensor2D;
        if (l > 1) {
          const wT = tf.transpose(model.params[2 * l - 2]); // [n_l, n_{l−1}]
          up = tf.reshape(tf.mul(tf.matMul(tf.reshape(d, [N * k, n]) as tf.Tensor2D, wT as tf.Tensor2D), model.scale(l)), [N, k, widths[l - 1]]);
        }
      }
      return { post, deltas };
    };
    const p1 = pass(x1);
    const p2 = x2 ? pass(x2) : p1;
    // explicit transposes keep XNNPACK's fast path on wasm (transposeB is ~5× slower there)
    const gram = (a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D => tf.matMul(a, tf.transpose(b) as tf.Tensor2D);
    const out: tf.Tensor2D[] = [];
    for (let l = 1; l <= L; l++) {
      out.push(gram(p1.post[l - 1], p2.post[l - 1]));
      if (l < L) out.push(gram(p1.deltas[l - 1], p2.deltas[l - 1]));
    }
    return out;
  });
  const result: Mat[] = [];
  for (let l = 1; l <= L; l++) {
    const gA = Float64Array.from(grams[2 * (l - 1)].dataSync());
    const { w2, b2 } = layerWeights(model, l);
    const gD = l < L ? grams[2 * (l - 1) + 1].dataSync() : null;
    for (let q = 0; q < gA.length; q++) gA[q] = (w2 * gA[q] + b2) * (gD ? gD[q] / k : 1);
    result.push({ rows: N1, cols: N2, data: gA });
  }
  grams.forEach((g) => g.dispose());
  return result;
}

function layerContributions(fn: string, model: unknown, x1: MatrixInput, x2: MatrixInput | null | undefined, opts: EmpiricalOptions): Mat[] {
  const m = checkMLP(fn, model);
  const a = toMat(fn, "x1", x1);
  if (a.cols !== m.inputDim) fail(fn, "x1", `has ${a.cols} columns but the model's inputDim is ${m.inputDim}`);
  const b = x2 === null || x2 === undefined ? null : toMat(fn, "x2", x2);
  if (b && b.cols !== m.inputDim) fail(fn, "x2", `has ${b.cols} columns but the model's inputDim is ${m.inputDim}`);
  checkOptions(fn, opts, ["engine"]);
  const other = b && !sameMat(a, b) ? b : null; // x with itself: one forward and backward pass, not two
  const layers = engineFor(opts.engine, fn) === "f64" ? structuredF64(m, a, other, false) : structuredTF(m, a, other);
  for (const layer of layers) checkResult(fn, "x1", layer.data, "a kernel");
  return layers;
}

function sumMats(ms: Mat[]): Mat {
  const out = { rows: ms[0].rows, cols: ms[0].cols, data: new Float64Array(ms[0].data.length) };
  for (const m of ms) for (let q = 0; q < m.data.length; q++) out.data[q] += m.data[q];
  return out;
}

/**
 * Θ(x1, x2) of an MLP by the structured per-layer path (output-averaged for several outputs). For a model with
 * learning-rate factors r (an explicit parameterization table), each parameter's term is weighted by its r:
 * the kernel that drives its gradient descent.
 *
 * @param model a network made by `mlp`
 * @param x1 inputs, N×d (d the model's `inputDim`)
 * @param x2 inputs, M×d; absent or null: `x1` with itself
 * @param opts `engine`: "auto" (default), "f64" (float64 loops) or "tfjs" (tfjs ops, float32)
 * @returns Θ = ⟨∇_θ f(x1_i), ∇_θ f(x2_j)⟩, N×M
 * @throws {Error} when `model` is not made by `mlp`, `x1` or `x2` is not a finite matrix with the model's `inputDim` columns,
 * `opts` holds a name other than `engine` or an `engine` other than "auto", "f64" and "tfjs", or the kernel
 * overflows (the error names `x1`)
 * @chapter 1 ntk ntk-matrix
 * @example
 * ```ts
 * import { empiricalNTK, linspace, mlp } from "ntk";
 * const net = mlp({ inputDim: 1, depth: 2, width: 512, activation: "erf", seed: 0 });
 * const xs = linspace(-2, 2, 9).map((x) => [x]);
 * const theta = empiricalNTK(net, xs); // 9×9
 * ```
 */
export function empiricalNTK(model: MLP, x1: MatrixInput, x2?: MatrixInput | null, opts: EmpiricalOptions = {}): number[][] {
  return toRows(sumMats(layerContributions("empiricalNTK", model, x1, x2, opts)));
}

/**
 * Θ and each Dense layer's contribution (the representation chapter splits them).
 *
 * @param model a network made by `mlp`
 * @param x1 inputs, N×d (d the model's `inputDim`)
 * @param x2 inputs, M×d; absent or null: `x1` with itself
 * @param opts `engine`, as for {@link empiricalNTK}
 * @returns `ntk` Θ, N×M, and `layers[l]`, the term of Dense layer l + 1's weights and biases (they sum to Θ)
 * @throws {Error} when `model` is not made by `mlp`, `x1` or `x2` is not a finite matrix with the model's `inputDim` columns,
 * `opts` holds a name other than `engine` or an `engine` other than "auto", "f64" and "tfjs", or the kernel
 * overflows (the error names `x1`)
 * @chapter 9 split layer
 * @example
 * ```ts
 * import { empiricalNTKLayers, linspace, mlp } from "ntk";
 * const net = mlp({ inputDim: 1, depth: 2, width: 512, activation: "erf", seed: 0 });
 * const xs = linspace(-2, 2, 9).map((x) => [x]);
 * const { ntk, layers } = empiricalNTKLayers(net, xs); // layers.length = 3: two hidden layers and the readout
 * ```
 */
export function empiricalNTKLayers(model: MLP, x1: MatrixInput, x2?: MatrixInput | null, opts: EmpiricalOptions = {}): LayeredKernel {
  const layers = layerContributions("empiricalNTKLayers", model, x1, x2, opts);
  return { ntk: toRows(sumMats(layers)), layers: layers.map(toRows) };
}

/**
 * The full multi-output NTK Θ[i][j][o][p] = ⟨∇f_o(x1_i), ∇f_p(x2_j)⟩ (float64 path).
 *
 * @param model a network made by `mlp`
 * @param x1 inputs, N×d (d the model's `inputDim`)
 * @param x2 inputs, M×d; absent or null: `x1` with itself
 * @returns Θ as N×M×k×k numbers (k the model's outputs)
 * @throws {Error} when `model` is not made by `mlp`, `x1` or `x2` is not a finite matrix with the model's
 * `inputDim` columns, or the kernel overflows (the error names `x1`)
 * @chapter 6 n003-limit
 * @example
 * ```ts
 * import { empiricalNTKFull, mlp } from "ntk";
 * const net = mlp({ inputDim: 2, depth: 1, width: 256, activation: "relu", outputs: 3, seed: 0 });
 * const theta = empiricalNTKFull(net, [[1, 0], [0, 1]]);
 * theta[0][1][0][2]; // off-diagonal in the outputs: near 0 for a wide net
 * ```
 */
export function empiricalNTKFull(model: MLP, x1: MatrixInput, x2?: MatrixInput | null): number[][][][] {
  const fn = "empiricalNTKFull";
  const m = checkMLP(fn, model);
  const a = toMat(fn, "x1", x1);
  const b = x2 === null || x2 === undefined ? null : toMat(fn, "x2", x2);
  for (const [name, v] of [["x1", a], ["x2", b]] as const)
    if (v && v.cols !== m.inputDim) fail(fn, name, `has ${v.cols} columns but the model's inputDim is ${m.inputDim}`);
  const big = sumMats(structuredF64(m, a, b, true));
  checkResult(fn, "x1", big.data, "a kernel");
  const k = m.outputs, N1 = a.rows, N2 = (b ?? a).rows;
  const out: number[][][][] = [];
  for (let i = 0; i < N1; i++) {
    const row: number[][][] = [];
    for (let j = 0; j < N2; j++) {
      const block: number[][] = [];
      for (let o = 0; o < k; o++) {
        const r: number[] = [];
        for (let p = 0; p < k; p++) r.push(big.data[(i * k + o) * N2 * k + j * k + p]);
        block.push(r);
      }
      row.push(block);
    }
    out.push(row);
  }
  return out;
}

/**
 * One draw of the empirical NNGP: f(x1)·f(x2)ᵀ averaged over outputs.
 *
 * @param model any model: made by `mlp` or `linearize`
 * @param x1 inputs, N×d
 * @param x2 inputs, M×d; absent or null: `x1` with itself
 * @returns f(x1)·f(x2)ᵀ/k, N×M: one sample, whose mean over initializations is the NNGP kernel
 * @throws {Error} when `model` is not a model, `x1` or `x2` is not a finite matrix, or the model's outputs on
 * them are not finite
 * @chapter 7 prior
 * @example
 * ```ts
 * import { empiricalNNGP, mlp, meanMatrix } from "ntk";
 * const x = [[0.5], [-1]];
 * const draws = [0, 1, 2, 3].map((seed) => empiricalNNGP(mlp({ inputDim: 1, depth: 1, width: 64, activation: "relu", seed }), x));
 * const k = meanMatrix(draws); // the NNGP, estimated from 4 networks
 * ```
 */
export function empiricalNNGP(model: Model, x1: MatrixInput, x2?: MatrixInput | null): number[][] {
  const fn = "empiricalNNGP";
  if (model === null || typeof model !== "object" || typeof model.apply !== "function") fail(fn, "model", "must be a model (mlp(...) or linearize(...))");
  toMat(fn, "x1", x1);
  if (x2 !== null && x2 !== undefined) toMat(fn, "x2", x2);
  const f1 = toMat(fn, "model(x1)", tensorRows(model.apply(x1)));
  const f2 = x2 === null || x2 === undefined ? f1 : toMat(fn, "model(x2)", tensorRows(model.apply(x2)));
  const g = matMulABt(f1, f2);
  for (let q = 0; q < g.data.length; q++) g.data[q] /= f1.cols;
  return toRows(g);
}

function tensorRows(t: tf.Tensor2D): number[][] {
  const v = t.arraySync();
  t.dispose();
  return v;
}

/** A function of a parameter list and a batch of inputs, returning [N] or [N, k] outputs. */
export type ParamFunction = (params: tf.Tensor[], x: tf.Tensor2D) => tf.Tensor;

/**
 * Θ by contracting per-example Jacobians J (one backward pass per example and output):
 * Θ = (1/k)·Σ_o J_o(x1)·J_o(x2)ᵀ. Works for any tfjs function of `params`; memory N·k·P floats.
 *
 * @param fn the model as a function (params, x) => outputs, [N] or [N, k]
 * @param params the parameter tensors θ the Jacobian is taken in
 * @param x1 inputs, N×d
 * @param x2 inputs, M×d; absent or null: `x1` with itself
 * @returns Θ, N×M
 * @throws {Error} when `fn` is not a function, `params` is not a non-empty array of tensors, or `x1` or `x2` is not
 * a finite matrix (both with d columns)
 * @chapter 1 ntk
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { jacobianNTK } from "ntk";
 * const w = tf.tensor2d([[0.5], [-1.2]]); // f(x) = tanh(x·w₀)·w₁, one hidden unit
 * const f = ([p]: tf.Tensor[], x: tf.Tensor2D) => tf.mul(tf.tanh(tf.mul(x, p.slice([0, 0], [1, 1]))), p.slice([1, 0], [1, 1])).reshape([-1]);
 * const theta = jacobianNTK(f, [w], [[1], [2]]);
 * ```
 */
export function jacobianNTK(fn: ParamFunction, params: tf.Tensor[], x1: MatrixInput, x2?: MatrixInput | null): number[][] {
  const name = "jacobianNTK";
  if (typeof fn !== "function") fail(name, "fn", "must be a function (params, x) => tensor");
  if (!Array.isArray(params) || params.length === 0) fail(name, "params", "must be a non-empty array of tensors");
  const d: number = x1 instanceof tf.Tensor ? x1.shape[1] : toMat(name, "x1", x1).cols;
  let k = 0;
  const jac = (x: MatrixInput, argName: string): tf.Tensor2D =>
    tf.tidy(() => {
      const xt = inputTensor(name, argName, x, d);
      const N = xt.shape[0];
      const rows: tf.Tensor1D[] = [];
      for (let i = 0; i < N; i++) {
        const xi = tf.slice(xt, [i, 0], [1, xt.shape[1]]);
        if (i === 0) k = tf.tidy(() => fn(params, xi).size);
        for (let o = 0; o < k; o++) {
          const g = tf.grads((...ps: tf.Tensor[]) => tf.sum(tf.slice(tf.reshape(fn(ps, xi), [-1]), [o], [1])))(params);
          rows.push(tf.concat(g.map((t) => tf.reshape(t, [-1]))) as tf.Tensor1D);
          g.forEach((t) => t.dispose());
        }
      }
      // [N, k·P]: Σ_o J_o·J′_o is one matmul
      return tf.reshape(tf.stack(rows), [N, -1]) as tf.Tensor2D;
    });
  const j1 = jac(x1, "x1");
  const j2 = x2 === null || x2 === undefined ? j1 : jac(x2, "x2");
  const theta = tf.tidy(() => tf.div(tf.matMul(j1, tf.transpose(j2)), k) as tf.Tensor2D);
  const out = theta.arraySync();
  theta.dispose();
  j1.dispose();
  if (j2 !== j1) j2.dispose();
  return out;
}
