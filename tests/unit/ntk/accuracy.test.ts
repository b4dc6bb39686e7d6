// Accuracy of the library's numerics against references computed independently here: adaptive
// Gauss–Kronrod (./reference.ts), closed forms, and constants evaluated with mpmath at 40–60 digits.
import { beforeAll, describe, expect, it } from "vitest";
import {
  activation,
  analyticKernels,
  erfc,
  gaussHermite,
  gaussianExpectation,
  gradientDescent,
  gradientDescentMSE,
  empiricalNTK,
  mlp,
  nngpPosterior,
  normalCdf,
  ntkEnsemble,
  randomNormalMatrix,
} from "ntk";
import { expectRelClose, naiveMatMul, transposeRows, useCpu } from "./helpers.ts";
import { expectZ, referenceKernels } from "./reference.ts";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const xs = [[1.3, -0.4, 0.9], [0.2, 1.1, -1.4], [-1.0, -0.3, 0.5]];

describe("kernels by quadrature: within 1e-10 of an adaptive reference, layer variances up to ~100", () => {
  // (wStd, bStd) → Σ¹ on these inputs from ≈ 0.9 to ≈ 90
  const settings: [number, number][] = [[1, 0], [1.5, 1], [10, 0], [7, 3]];
  // sin: E[sin u sin v] = e^{−(q₁+q₂)/2}·sinh s, E[cos u cos v] = e^{−(q₁+q₂)/2}·cosh s
  const sinReference = (x: readonly number[], y: readonly number[], depth: number, wStd: number, bStd: number): { nngp: number; ntk: number } => {
    const d = x.length, w2 = wStd ** 2, b2 = bStd ** 2;
    const dot = (p: readonly number[], q: readonly number[]): number => p.reduce((acc, v, k) => acc + v * q[k], 0);
    let q1 = (w2 * dot(x, x)) / d + b2, q2 = (w2 * dot(y, y)) / d + b2, s = (w2 * dot(x, y)) / d + b2, theta = s;
    for (let l = 0; l < depth; l++) {
      const g = Math.exp(-(q1 + q2) / 2);
      [s, theta] = [w2 * g * Math.sinh(s) + b2, w2 * g * Math.sinh(s) + b2 + w2 * g * Math.cosh(s) * theta];
      q1 = (w2 * -Math.expm1(-2 * q1)) / 2 + b2;
      q2 = (w2 * -Math.expm1(-2 * q2)) / 2 + b2;
      if (x === y) s = q1; // on the diagonal s = q exactly (the pair map amplifies rounding ~w²/2 per layer)
    }
    return { nngp: s, ntk: theta };
  };
  it("sin: against its closed form, depth 1–10", () => {
    for (const [wStd, bStd] of settings)
      for (const depth of [1, 3, 10]) {
        const k = analyticKernels(xs, null, { depth, activation: "sin", wStd, bStd });
        for (const [i, j] of [[0, 1], [1, 2], [2, 2]]) {
          const ref = sinReference(xs[i], xs[j], depth, wStd, bStd);
          expect(Math.abs(k.nngp[i][j] - ref.nngp)).toBeLessThan(1e-10 * Math.max(Math.abs(ref.nngp), bStd ** 2, 1e-3));
          expect(Math.abs(k.ntk[i][j] - ref.ntk)).toBeLessThan(1e-10 * Math.max(Math.abs(ref.ntk), bStd ** 2, 1e-3));
        }
      }
  });
  for (const act of ["tanh", "gelu", "sigmoid"] as const)
    it(`${act}: NNGP and NTK at depth 1 and 2, distinct and equal inputs`, () => {
      const a = activation(act);
      for (const [wStd, bStd] of settings)
        for (const depth of [1, 2]) {
          if (depth === 2 && wStd !== 7) continue; // one deep case per activation keeps the reference quick
          const k = analyticKernels(xs, null, { depth, activation: act, wStd, bStd });
          for (const [i, j] of [[0, 1], [1, 2], [2, 2]]) {
            const ref = referenceKernels(xs[i], xs[j], a.f, a.df, depth, wStd, bStd);
            expect(rel(k.nngp[i][j], ref.nngp)).toBeLessThan(1e-10);
            expect(rel(k.ntk[i][j], ref.ntk)).toBeLessThan(1e-10);
          }
        }
    });
  it("the issue's case: tanh, depth 1, wStd 1.5, bStd 1 on [[1, 1, 1]] (Gauss–Hermite of degree 48 was 2.4e-3 off)", () => {
    const a = activation("tanh");
    const ref = referenceKernels([1, 1, 1], [1, 1, 1], a.f, a.df, 1, 1.5, 1);
    expect(ref.ntk).toBeCloseTo(4.414772, 6);
    const k = analyticKernels([[1, 1, 1]], null, { depth: 1, activation: "tanh", wStd: 1.5, bStd: 1 });
    expect(rel(k.ntk[0][0], ref.ntk)).toBeLessThan(1e-12);
    const gh = analyticKernels([[1, 1, 1]], null, { depth: 1, activation: "tanh", wStd: 1.5, bStd: 1, quadratureDegree: 48 });
    expect(rel(gh.ntk[0][0], ref.ntk)).toBeGreaterThan(1e-3);
  });
  it("erf, relu and leaky relu forced through quadrature equal their closed forms at depth 10, variances to ~100", () => {
    const x = [...xs, [2 * xs[0][0], 2 * xs[0][1], 2 * xs[0][2]], xs[1].map((v) => -v)]; // with a collinear and an anti-collinear pair
    for (const act of ["erf", "relu", { name: "leakyRelu", alpha: 0.2 }] as const)
      for (const [wStd, bStd] of [[1.2, 0.3], [10, 0], [3, 5]] as const) {
        if (act !== "erf" && wStd === 10) continue; // relu's variance grows like (wStd²/2)^depth
        const opts = { depth: 10, activation: act, wStd, bStd };
        const closed = analyticKernels(x, null, opts), quad = analyticKernels(x, null, { ...opts, method: "quadrature" });
        for (let i = 0; i < x.length; i++)
          for (let j = 0; j < x.length; j++) {
            expect(rel(quad.nngp[i][j], closed.nngp[i][j])).toBeLessThan(1e-10);
            expect(rel(quad.ntk[i][j], closed.ntk[i][j])).toBeLessThan(1e-10);
          }
      }
  });
});

describe("arc-cosine kernels at collinear and anti-collinear inputs", () => {
  const x = [0.3, -1.7, 2.9];
  it("relu, x′ = 2x, bStd 0, wStd √2: Σ stays Σ¹ and Θ^{L+1} = (L+1)·Σ¹ to 1e-14", () => {
    const s1 = (2 * 2 * (0.09 + 2.89 + 8.41)) / 3;
    for (const depth of [1, 3, 6, 10]) {
      const k = analyticKernels([x], [x.map((v) => 2 * v)], { depth, activation: "relu", wStd: Math.SQRT2, bStd: 0 });
      expect(rel(k.nngp[0][0], s1)).toBeLessThan(1e-14);
      expect(rel(k.ntk[0][0], (depth + 1) * s1)).toBeLessThan(1e-14);
    }
  });
  it("relu, x′ = −x, bStd 0: exactly 0 after one layer (was −9.4e-10 from acos of −1 + ulp)", () => {
    const k = analyticKernels([x, x.map((v) => -v)], null, { depth: 1, activation: "relu", wStd: 1.3, bStd: 0 });
    expect(k.nngp[0][1]).toBe(0);
    expect(k.ntk[0][1]).toBe(0);
  });
  it("depth 4–6 against mpmath (60 digits): relative 1e-12, signs exact", () => {
    const r2 = Math.SQRT2;
    const table: [number[], number, number, number, number, number, number, number][] = [
      // y, depth, wStd, bStd, a, b, Σ, Θ   (φ = a·min(x, 0) + b·max(x, 0))
      [x.map((v) => 2 * v), 6, r2, 0.1, 0, 1, 15.2570695315100105684188, 102.9189818602976656942368],
      [x.map((v) => -v), 6, r2, 0.1, 0, 1, 5.651129987669166745178314, 13.74405020848801693797889],
      [x.map((v) => -v), 6, 1.3, 0, 0, 1, 1.718998840528708239325967, 4.186151322550482475639378],
      [x, 6, 1.3, 0.2, 0, 1, 2.51444843984907778326325, 16.94747409641241935124151],
      [x.map((v) => -0.5 * v), 6, r2, 0.1, 0.2, 1, 2.488613868067459964710494, 4.590129756141134588479412],
      [x.map((v) => -v), 4, 1.2, 0.3, -1, 1, 24.06025168026827829700631, 89.0894392811769904772109],
    ];
    for (const [y, depth, wStd, bStd, a, b, sigma, theta] of table) {
      const act = a === 0 && b === 1 ? "relu" : ({ name: "abRelu", a, b } as const);
      const k = analyticKernels([x], [y], { depth, activation: act, wStd, bStd });
      expect(rel(k.nngp[0][0], sigma)).toBeLessThan(1e-12);
      expect(rel(k.ntk[0][0], theta)).toBeLessThan(1e-12);
    }
  });
  it("either side of the acos/atan2 switch (layer correlation −½ ± 1e-9, 0.85 ± 1e-9) against mpmath (60 digits): relative 1e-14 on both sides", () => {
    // x = (√2, 0), y = √2·(ρ, √(1 − ρ²)), wStd 1.3, bStd 0: the first layer's correlation is ρ (src/ntk/analytic.ts, ACOS_MIN and ACOS_MAX)
    const table: [number[], number, number, number, number][] = [
      // y, depth, a, Σ, Θ
      [[-0.7071067826007611, 1.2247448705750925], 1, 0, 0.15565428074419510980945828946, -0.0823540528027132011357832952118],
      [[-0.7071067826007611, 1.2247448705750925], 3, 0, 0.538667157179575803069426298672, 0.75684446841064114248151066311],
      [[-0.7071067826007611, 1.2247448705750925], 1, 0.2, -0.185991260894935210942240029251, -0.623926594936176604174635204825],
      [[-0.7071067826007611, 1.2247448705750925], 3, 0.2, 0.313973361033167985085872480301, 0.174919369253220462780330094328],
      [[-0.7071067797723339, 1.2247448722080858], 1, 0, 0.155654281696228482306921541709, -0.0823540514235299853749346997259],
      [[-0.7071067797723339, 1.2247448722080858], 3, 0, 0.538667157405777674409100554125, 0.756844469225841208831447196314],
      [[-0.7071067797723339, 1.2247448722080858], 1, 0.2, -0.185991259143193838647028865041, -0.623926591768619318294022728849],
      [[-0.7071067797723339, 1.2247448722080858], 3, 0.2, 0.313973361678172089298264905405, 0.174919371599194604102148315533],
      [[1.2020815266029172, 0.7449832235694976], 1, 0, 1.23893130392365285279590836668, 2.23840698697528451262344567605],
      [[1.2020815266029172, 0.7449832235694976], 3, 0, 0.911932939339644086645560348808, 2.79629725162159667179774733353],
      [[1.2020815266029172, 0.7449832235694976], 1, 0.2, 1.27845303393991792960570661907, 2.40365447052174229996524206015],
      [[1.2020815266029172, 0.7449832235694976], 3, 0.2, 1.00835409306049763669269913551, 3.4007239332910735762907111397],
      [[1.2020815294313443, 0.7449832190056366], 1, 0, 1.23893130627536028177920057324, 2.23840699314563466625756964922],
      [[1.2020815294313443, 0.7449832190056366], 3, 0, 0.91193294052190876469136322566, 2.79629726058313199685879657087],
      [[1.2020815294313443, 0.7449832190056366], 1, 0.2, 1.27845303658745065320843757671, 2.4036544767556463363979292678],
      [[1.2020815294313443, 0.7449832190056366], 3, 0.2, 1.00835409470674782122102471049, 3.40072394329518146702178507699],
    ];
    for (const [y, depth, a, sigma, theta] of table) {
      const k = analyticKernels([[Math.SQRT2, 0]], [y], { depth, activation: { name: "leakyRelu", alpha: a }, wStd: 1.3, bStd: 0 });
      expect(rel(k.nngp[0][0], sigma)).toBeLessThan(1e-14);
      expect(rel(k.ntk[0][0], theta)).toBeLessThan(1e-14);
    }
  });
});

describe("ABReLU and leaky ReLU in closed form", () => {
  // reference: v | u is Gaussian, so E[φ(v) | u] and E[φ′(v) | u] are exact (E[relu(v)] = μΦ(μ/σ) + σ·𝜑(μ/σ)); u by adaptive quadrature
  const abReference = (x: readonly number[], y: readonly number[], a: number, b: number, depth: number, wStd: number, bStd: number): { nngp: number; ntk: number } => {
    const d = x.length, w2 = wStd ** 2, b2 = bStd ** 2;
    const dot = (p: readonly number[], q: readonly number[]): number => p.reduce((acc, v, k) => acc + v * q[k], 0);
    let q1 = (w2 * dot(x, x)) / d + b2, q2 = (w2 * dot(y, y)) / d + b2, s = (w2 * dot(x, y)) / d + b2, theta = s;
    const pdf = (t: number): number => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
    for (let l = 0; l < depth; l++) {
      const su = Math.sqrt(q1), sigma = Math.sqrt(q2 - (s * s) / q1);
      const inner = (u: number): [number, number] => {
        const mu = (s / q1) * u, r = mu / sigma;
        return [b * (mu * normalCdf(r) + sigma * pdf(r)) - a * (-mu * normalCdf(-r) + sigma * pdf(r)), b * normalCdf(r) + a * normalCdf(-r)];
      };
      const phi = (t: number): number => (t > 0 ? b * t : a * t), dphi = (t: number): number => (t > 0 ? b : a);
      const e = expectZ((z) => phi(su * z) * inner(su * z)[0]), ed = expectZ((z) => dphi(su * z) * inner(su * z)[1]);
      s = w2 * e + b2;
      theta = s + w2 * ed * theta;
      q1 = (w2 * (a * a + b * b) * q1) / 2 + b2;
      q2 = (w2 * (a * a + b * b) * q2) / 2 + b2;
    }
    return { nngp: s, ntk: theta };
  };
  it("equal a semi-analytic reference (depth 2) and relu at (a, b) = (0, 1)", () => {
    for (const [a, b] of [[0.2, 1], [-1, 1], [0.5, -2]]) {
      const k = analyticKernels(xs, null, { depth: 2, activation: { name: "abRelu", a, b }, wStd: 1.4, bStd: 0.3 });
      for (const [i, j] of [[0, 1], [1, 2]]) {
        const ref = abReference(xs[i], xs[j], a, b, 2, 1.4, 0.3);
        expect(rel(k.nngp[i][j], ref.nngp)).toBeLessThan(1e-11);
        expect(rel(k.ntk[i][j], ref.ntk)).toBeLessThan(1e-11);
      }
    }
    const opts = { depth: 3, wStd: 1.4, bStd: 0.3 };
    expect(analyticKernels(xs, null, { ...opts, activation: { name: "abRelu", a: 0, b: 1 } })).toEqual(analyticKernels(xs, null, { ...opts, activation: "relu" }));
    expect(analyticKernels(xs, null, { ...opts, activation: { name: "leakyRelu", alpha: 0.1 } })).toEqual(analyticKernels(xs, null, { ...opts, activation: { name: "abRelu", a: 0.1, b: 1 } }));
  });
});

describe("ABReLU and leaky ReLU in finite networks", () => {
  beforeAll(useCpu);
  it("mlp builds them; the tfjs and float64 empirical NTKs agree", () => {
    for (const act of [{ name: "leakyRelu", alpha: 0.2 }, { name: "abRelu", a: -1, b: 1 }] as const) {
      const net = mlp({ inputDim: 3, depth: 2, width: 32, activation: act, wStd: 1.3, bStd: 0.2, seed: 9 });
      expectRelClose(empiricalNTK(net, xs, null, { engine: "tfjs" }), empiricalNTK(net, xs, null, { engine: "f64" }), 1e-5);
      net.dispose();
    }
  });
});

describe("gaussHermite(n) for every n it accepts", () => {
  it("moments E[z^{2k}] = (2k − 1)!! to 1e-12 for 2k ≤ min(2n − 1, 200), odd moments 0, E[cos z] = e^{−1/2}", () => {
    for (const n of [1, 2, 3, 7, 20, 64, 150, 198, 199, 200, 257, 333, 399, 400]) {
      const { nodes, weights } = gaussHermite(n);
      let df = 1;
      for (let k = 0; 2 * k <= Math.min(2 * n - 1, 200); k++) {
        if (k > 0) df *= 2 * k - 1;
        let s = 0; // Σ w·z^{2k} in logs: z^{200} overflows where the weight underflows
        for (let a = 0; a < n; a++) if (weights[a] > 0) s += k === 0 ? weights[a] : Math.exp(Math.log(weights[a]) + 2 * k * Math.log(Math.abs(nodes[a])));
        expect(rel(s, df)).toBeLessThan(1e-12);
      }
      if (n >= 2) expect(Math.abs(gaussianExpectation((z) => z ** 3, n))).toBeLessThan(1e-13);
      if (n >= 20) expect(Math.abs(gaussianExpectation(Math.cos, n) - Math.exp(-0.5))).toBeLessThan(1e-14);
    }
    expect(rel(gaussianExpectation((z) => z * z, 199), 1)).toBeLessThan(1e-14);
  });
});

describe("normalCdf and erfc in the tails (mpmath, 40 digits)", () => {
  it("relative 2e-15", () => {
    const cdf: [number, number][] = [[-3, 0.001349898031630094526652], [-5, 2.866515718791939116738e-7], [-10, 7.619853024160526065973e-24], [-20, 2.753624118606233695076e-89], [-30, 4.906713927148187059534e-198], [-37.5, 4.605353009581954843828e-308]];
    for (const [x, v] of cdf) expect(rel(normalCdf(x), v)).toBeLessThan(2e-15);
    const c: [number, number][] = [[0.7, 0.3221988061625815577231], [2, 0.004677734981047265837931], [5, 1.537459794428034850188e-12], [10, 2.088487583762544757001e-45], [26, 5.663192408856142846476e-296]];
    for (const [x, v] of c) expect(rel(erfc(x), v)).toBeLessThan(2e-15);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
  });
});

describe("kernels symmetric only to rounding enter the solvers", () => {
  it("H·Λ·Hᵀ works in nngpPosterior, gradientDescentMSE(…)(∞) and ntkEnsemble(…)(∞); covariances come back exactly symmetric", () => {
    const n = 7, H = randomNormalMatrix(n, n, 4);
    const HL = H.map((r) => r.map((v, j) => v * (1 + j)));
    const K = naiveMatMul(HL, transposeRows(H));
    expect(K.some((r, i) => r.some((v, j) => v !== K[j][i]))).toBe(true);
    const y = Array.from({ length: n }, (_, i) => Math.sin(i));
    const kst = [K[0].map((v) => 0.5 * v), K[1]], kss = [[K[0][0] / 4, K[0][1] / 2], [K[1][0] / 2, K[1][1]]];
    const post = nngpPosterior(K, y, kst, kss);
    const cov = post.covariance ?? [];
    expect(cov[0][1]).toBe(cov[1][0]);
    expect(gradientDescentMSE(K, y)(Infinity, { kTestTrain: kst }).test?.length).toBe(2);
    const ens = ntkEnsemble({ ntkTrainTrain: K, ntkTestTrain: kst, nngpTrainTrain: K, nngpTestTrain: kst, nngpTestTest: kss }, y)(Infinity);
    expect(ens.covariance[0][1]).toBe(ens.covariance[1][0]);
  });
});

describe("several outputs: time is scaled by y.size = N·k (neural-tangents)", () => {
  it("column o of a k-output flow is the one-output flow at learning rate η/k; gradientDescent agrees", () => {
    const K = [[2, 0.5, 0.1], [0.5, 1.5, 0.3], [0.1, 0.3, 1]];
    const y2 = [[1, -1], [0.5, 2], [-0.3, 0.7]];
    const t = 1.7, eta = 0.9;
    const both = gradientDescentMSE(K, y2, { learningRate: eta })(t).train;
    for (const o of [0, 1]) {
      const single = gradientDescentMSE(K, y2.map((r) => r[o]), { learningRate: eta / 2 })(t).train;
      single.forEach((v, i) => expect(rel(both[i][o], v)).toBeLessThan(1e-13));
    }
    // k = 1: f(t) = y + e^{−ηλt/N}(f₀ − y) for a 1×1 kernel, N = 1
    expect(rel(gradientDescentMSE([[3]], [1], { learningRate: eta })(t).train[0], 1 - Math.exp(-eta * 3 * t))).toBeLessThan(1e-15);
    const rk4 = gradientDescent(K, y2, { learningRate: eta })(t).train;
    rk4.forEach((r, i) => r.forEach((v, o) => expect(Math.abs(v - both[i][o])).toBeLessThan(1e-7)));
  });
});
