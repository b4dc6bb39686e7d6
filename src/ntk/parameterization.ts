// Parameterizations of an MLP (chapter 10): for every Dense layer l = 1 … L+1, what multiplies its weights
// and biases in the forward pass, how they are drawn at initialization, and what multiplies the learning rate:
//   z^l = m_W·a^{l−1}·W^l + m_b·b^l,   W^l = s_W·ξ, b^l = s_b·ξ′ with ξ, ξ′ ~ N(0, 1),   η_W = η·r_W, η_b = η·r_b.
// With n the hidden width, d the input dimension and n_{l−1} layer l's fan-in (Yang & Hu 2021, Table 1, in
// their abc notation m_W = n^{−a_l}, s_W ∝ n^{−b_l}, r = n^{−c}; biases are the weights of a constant input 1):
//
//                      m_W              s_W              r   m_b    s_b      r
//   "ntk"     every l  σ_w/√n_{l−1}     1                1   σ_b    1        1   (Jacot et al. 2018; neural-tangents' "ntk")
//   "standard" every l 1                σ_w/√n_{l−1}     1   1      σ_b      1   (neural-tangents' "standard")
//   "mup"     l = 1    √n               σ_w/√(d·n)       1   √n     σ_b/√n   1   (a₁ = −½, b = ½, c = 0)
//             1<l≤L    1                σ_w/√n           1   √n     σ_b/√n   1   (a = 0, b = ½)
//             l = L+1  1/√n             σ_w/√n           1   1      σ_b      1   (a_{L+1} = ½, b = ½)
//
// The same seed draws the same ξ in every parameterization, so "ntk" and "standard" start as the same function
// and "mup" starts with the same hidden features and a readout √n times smaller.
import { checkNumber, fail } from "./validate.ts";

/** The three named parameterizations (chapter 10's table). */
export type ParameterizationName = "ntk" | "standard" | "mup";
const NAMES: readonly ParameterizationName[] = ["ntk", "standard", "mup"];

/** How one parameter tensor enters the network: forward multiplier, initial standard deviation, learning-rate factor. */
export interface ParamScaling {
  /** m: the forward pass uses m·W (or m·b) */
  multiplier: number;
  /** s: the stored parameter starts as s·N(0, 1) */
  initStd: number;
  /** r: gradient descent moves it with learning rate η·r */
  learningRate: number;
}

/** One ParamScaling per Dense layer l = 1 … L+1 (index l − 1), for its weights and for its biases. */
export interface LayerScalings {
  weights: ParamScaling[];
  biases: ParamScaling[];
}

/** A named parameterization, or an explicit table of multipliers, initial scales and learning-rate factors. */
export type Parameterization = ParameterizationName | LayerScalings;

/** What a table depends on: the architecture and the scales σ_w, σ_b. */
export interface ScalingArch {
  inputDim: number;
  depth: number;
  width: number;
  wStd: number;
  bStd: number;
}

/**
 * The table of a named parameterization for an architecture (chapter 10): per Dense layer, the forward multiplier,
 * the initial standard deviation and the learning-rate factor of its weights and of its biases. An explicit
 * table is checked (L+1 layers, every number finite and ≥ 0; a learning-rate factor 0 freezes that tensor) and returned.
 *
 * @param parameterization "ntk", "standard", "mup", or an explicit table `{weights, biases}`
 * @param arch the architecture (`inputDim`, `depth`, `width`) and the scales `wStd`, `bStd`; taken as valid (mlp checks them)
 * @param fn the function named in error messages (default "layerScalings")
 * @returns one {@link ParamScaling} per Dense layer for its weights and for its biases
 * @throws {Error} when `parameterization` is an unknown name, or a table whose `weights` or `biases` does not
 * list depth + 1 layers of `{multiplier, initStd, learningRate}`, each finite and ≥ 0
 * @chapter 10 abc
 * @example
 * ```ts
 * import { layerScalings } from "ntk";
 * const mup = layerScalings("mup", { inputDim: 1, depth: 1, width: 256, wStd: 1, bStd: 0 });
 * mup.weights[1].multiplier; // 0.0625 = 1/√256 on the readout
 * ```
 */
export function layerScalings(parameterization: Parameterization, arch: ScalingArch, fn = "layerScalings"): LayerScalings {
  const { inputDim: d, depth: L, width: n, wStd, bStd } = arch;
  const layers = L + 1;
  const fanIn = (l: number) => (l === 1 ? d : n);
  if (typeof parameterization === "string") {
    if (!NAMES.includes(parameterization)) fail(fn, "parameterization", `must be one of ${NAMES.map((p) => `"${p}"`).join(", ")} or a table {weights, biases}, got "${parameterization}"`);
    const weights: ParamScaling[] = [], biases: ParamScaling[] = [];
    for (let l = 1; l <= layers; l++) {
      if (parameterization === "ntk") {
        weights.push({ multiplier: wStd / Math.sqrt(fanIn(l)), initStd: 1, learningRate: 1 });
        biases.push({ multiplier: bStd, initStd: 1, learningRate: 1 });
      } else if (parameterization === "standard") {
        weights.push({ multiplier: 1, initStd: wStd / Math.sqrt(fanIn(l)), learningRate: 1 });
        biases.push({ multiplier: 1, initStd: bStd, learningRate: 1 });
      } else {
        // μP in Yang & Hu's abc form: a = (−½, 0, …, 0, ½), b = ½, c = 0. Without hidden layers (L = 0) the
        // input layer is the readout, a = −½ + ½ = 0: a linear model with m_W = 1, s_W = σ_w/√d.
        const input = l === 1, readout = l === layers;
        const m = (input ? Math.sqrt(n) : 1) / (readout ? Math.sqrt(n) : 1);
        const s = input && readout ? wStd / Math.sqrt(d) : input ? wStd / Math.sqrt(d * n) : wStd / Math.sqrt(n);
        weights.push({ multiplier: m, initStd: s, learningRate: 1 });
        biases.push(readout ? { multiplier: 1, initStd: bStd, learningRate: 1 } : { multiplier: Math.sqrt(n), initStd: bStd / Math.sqrt(n), learningRate: 1 });
      }
    }
    return { weights, biases };
  }
  if (parameterization === null || typeof parameterization !== "object") fail(fn, "parameterization", `must be "ntk", "standard", "mup" or a table {weights, biases}, got ${String(parameterization)}`);
  const out: LayerScalings = { weights: [], biases: [] };
  for (const part of ["weights", "biases"] as const) {
    const rows = parameterization[part];
    if (!Array.isArray(rows) || rows.length !== layers) fail(fn, `parameterization.${part}`, `must list ${layers} layers (depth + 1), got ${Array.isArray(rows) ? rows.length : String(rows)}`);
    rows.forEach((row, i) => {
      const at = `parameterization.${part}[${i}]`;
      if (row === null || typeof row !== "object") fail(fn, at, "must be {multiplier, initStd, learningRate}");
      out[part].push({
        multiplier: checkNumber(fn, `${at}.multiplier`, row.multiplier, { min: 0 }),
        initStd: checkNumber(fn, `${at}.initStd`, row.initStd, { min: 0 }),
        learningRate: checkNumber(fn, `${at}.learningRate`, row.learningRate, { min: 0 }),
      });
    });
  }
  return out;
}
