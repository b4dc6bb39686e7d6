// Parameterizations (src/ntk/parameterization.ts, chapter 10): the table each name stands for, what it implies
// about the network at initialization and about its tangent kernel (closed forms), how features move with width
// (Yang & Hu 2021: NTK ∝ n^{−1/2}, μP ∝ n⁰; Monte Carlo over seeds), and the abc symmetry: μP written with
// per-layer learning rates trains exactly like μP in Yang & Hu's one-learning-rate form.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  empiricalNTK,
  empiricalNTKLayers,
  jacobianNTK,
  kernelDescent,
  layerScalings,
  linearize,
  loglogSlope,
  mlp,
  mlpEnsemble,
  randomNormalMatrix,
  train,
  trainEnsemble,
  trainingDrift,
  type LayerScalings,
  type MLP,
} from "ntk";
import { expectRelClose, onBackend, useCpu } from "./helpers.ts";

const arch = { inputDim: 3, depth: 2, width: 16, activation: "erf", wStd: 1.5, bStd: 0.4 } as const;

/** Θ restricted to one parameter tensor (index i of params), by autodiff: the other tensors held fixed. */
function partKernel(net: MLP, i: number, x: number[][]): number[][] {
  const fixed = net.params.map((p) => tf.clone(p));
  const out = jacobianNTK((ps, xb) => net.apply(xb, fixed.map((p, j) => (j === i ? ps[0] : p))), [fixed[i]], x);
  tf.dispose(fixed);
  return out;
}

/** μP written in the "per-layer learning rate" form (the mup package's MuSGD; Yang et al. 2022, Table 3):
 * every multiplier 1, weights stored at σ_w/√fan_in (readout σ_w/n), learning-rate factors n for the input layer
 * and the hidden biases, 1/n for the readout weights. Related to the "mup" table by the abc symmetry. */
function mupPerLayerLR(d: number, L: number, n: number, wStd: number, bStd: number): LayerScalings {
  const weights = [], biases = [];
  for (let l = 1; l <= L + 1; l++) {
    const input = l === 1, readout = l === L + 1;
    weights.push({ multiplier: 1, initStd: input ? wStd / Math.sqrt(d) : readout ? wStd / n : wStd / Math.sqrt(n), learningRate: input ? n : readout ? 1 / n : 1 });
    biases.push({ multiplier: 1, initStd: bStd, learningRate: readout ? 1 : n });
  }
  return { weights, biases };
}

describe("parameterization tables", () => {
  beforeAll(useCpu);

  it("are Yang & Hu's abc table (μP), neural-tangents' Dense ('ntk', 'standard'), per layer", () => {
    const a = { inputDim: 4, depth: 2, width: 64, wStd: 1.5, bStd: 0.5 };
    const ntk = layerScalings("ntk", a), sp = layerScalings("standard", a), mup = layerScalings("mup", a);
    expect(ntk.weights.map((w) => w.multiplier)).toEqual([1.5 / 2, 1.5 / 8, 1.5 / 8]);
    expect(ntk.weights.every((w) => w.initStd === 1 && w.learningRate === 1)).toBe(true);
    expect(ntk.biases.map((b) => [b.multiplier, b.initStd])).toEqual([[0.5, 1], [0.5, 1], [0.5, 1]]);
    expect(sp.weights.map((w) => [w.multiplier, w.initStd])).toEqual([[1, 1.5 / 2], [1, 1.5 / 8], [1, 1.5 / 8]]);
    expect(sp.biases.map((b) => [b.multiplier, b.initStd])).toEqual([[1, 0.5], [1, 0.5], [1, 0.5]]);
    // μP: m_W = n^{−a} with a = (−½, 0, ½), s_W = σ_w·n^{−½} (input: σ_w/√(d·n)), c = 0
    expect(mup.weights.map((w) => w.multiplier)).toEqual([8, 1, 1 / 8]);
    expect(mup.weights.map((w) => w.initStd)).toEqual([1.5 / Math.sqrt(4 * 64), 1.5 / 8, 1.5 / 8]);
    expect(mup.biases.map((b) => [b.multiplier, b.initStd])).toEqual([[8, 0.5 / 8], [8, 0.5 / 8], [1, 0.5]]);
    expect([...mup.weights, ...mup.biases].every((p) => p.learningRate === 1)).toBe(true);
    // without hidden layers μP's input layer is its readout: a linear model, m_W = 1, s_W = σ_w/√d
    expect(layerScalings("mup", { ...a, depth: 0 }).weights).toEqual([{ multiplier: 1, initStd: 0.75, learningRate: 1 }]);
  });

  it("name the function, the argument and the problem", () => {
    // @ts-expect-error: not a parameterization
    expect(() => mlp({ ...arch, parameterization: "meanfield" })).toThrow(/mlp: argument 'parameterization' must be one of "ntk", "standard", "mup"/);
    const table = mupPerLayerLR(3, 2, 16, 1, 1);
    expect(() => mlp({ ...arch, parameterization: { ...table, weights: table.weights.slice(1) } })).toThrow(/mlp: argument 'parameterization.weights' must list 3 layers/);
    const bad = { ...table, biases: table.biases.map((b, i) => (i === 1 ? { ...b, learningRate: -1 } : b)) };
    expect(() => mlp({ ...arch, parameterization: bad })).toThrow(/mlp: argument 'parameterization.biases\[1\].learningRate' must be ≥ 0/);
    expect(() => mlpEnsemble({ ...arch, members: 2, parameterization: { weights: [], biases: [] } })).toThrow(/mlpEnsemble: argument 'parameterization.weights'/);
  });
});

/** The hidden layers' activations a¹ … a^L of a network on x, by its own affine maps (MLP.affine). */
function hidden(net: MLP, x: number[][]): number[][][] {
  return tf.tidy(() => {
    let a = tf.tensor2d(x);
    const out: number[][][] = [];
    for (let l = 1; l <= net.depth; l++) {
      a = net.act.tf(net.affine(l, a)) as tf.Tensor2D;
      out.push(a.arraySync());
    }
    return out;
  });
}

describe("at initialization", () => {
  beforeAll(useCpu);
  const x = randomNormalMatrix(6, 3, 7);

  it("'standard' is the same function as 'ntk' (same seed); 'mup' has NTK's features and a readout √n smaller", () => {
    const ntk = mlp({ ...arch, seed: 2 }), sp = mlp({ ...arch, seed: 2, parameterization: "standard" }), mup = mlp({ ...arch, seed: 2, parameterization: "mup" });
    expectRelClose(sp.predict(x), ntk.predict(x), 1e-5);
    hidden(mup, x).forEach((a, l) => expectRelClose(a, hidden(ntk, x)[l], 1e-5));
    // the readout bias σ_b·ξ is the same in both; the readout weights' effective scale is σ_w/n against σ_w/√n
    const bias = arch.bStd * ntk.getParams()[5][0];
    expectRelClose(mup.predict(x).map((f) => f - bias), ntk.predict(x).map((f) => (f - bias) / Math.sqrt(arch.width)), 1e-5);
    expect(() => trainingDrift(ntk, mup, x)).toThrow(/trainingDrift: argument 'after' must have the parameterization of 'before'/);
    [ntk, sp, mup].forEach((m) => m.dispose());
  });

  it("standard's NTK is NTK parameterization's, layer by layer: weights × n_{l−1}/σ_w², biases × 1/σ_b² (autodiff, per tensor)", () => {
    const ntk = mlp({ ...arch, seed: 4 }), sp = mlp({ ...arch, seed: 4, parameterization: "standard" });
    const fanIn = [arch.inputDim, arch.width, arch.width];
    for (let l = 1; l <= arch.depth + 1; l++) {
      const w = 2 * l - 2, b = 2 * l - 1;
      const factorW = fanIn[l - 1] / arch.wStd ** 2, factorB = 1 / arch.bStd ** 2;
      expectRelClose(partKernel(sp, w, x), partKernel(ntk, w, x).map((r) => r.map((v) => factorW * v)), 1e-4);
      expectRelClose(partKernel(sp, b, x), partKernel(ntk, b, x).map((r) => r.map((v) => factorB * v)), 1e-4);
      // the structured path's layer term is the sum of its two tensors' kernels, in each parameterization
      for (const net of [ntk, sp]) {
        const pw = partKernel(net, w, x), pb = partKernel(net, b, x);
        expectRelClose(empiricalNTKLayers(net, x, null, { engine: "f64" }).layers[l - 1], pw.map((r, i) => r.map((v, j) => v + pb[i][j])), 1e-4);
      }
    }
    ntk.dispose();
    sp.dispose();
  });

  it("the structured NTK equals the Jacobian NTK for 'mup' and for a table with learning-rate factors (each tensor weighted by its factor)", () => {
    const mup = mlp({ ...arch, seed: 5, parameterization: "mup" });
    for (const engine of ["f64", "tfjs"] as const) expectRelClose(empiricalNTK(mup, x, null, { engine }), jacobianNTK((ps, xb) => mup.apply(xb, ps), mup.params, x), 1e-4);
    const table = mupPerLayerLR(3, 2, 16, arch.wStd, arch.bStd);
    const lr = mlp({ ...arch, seed: 5, parameterization: table });
    const weighted = lr.params.map((_, i) => partKernel(lr, i, x).map((r) => r.map((v) => lr.learningRateScales[i] * v)));
    const sum = weighted.reduce((acc, k) => acc.map((r, i) => r.map((v, j) => v + k[i][j])));
    for (const engine of ["f64", "tfjs"] as const) expectRelClose(empiricalNTK(lr, x, null, { engine }), sum, 1e-4);
    // the learning-rate-weighted kernel is what the abc symmetry keeps: the two μP forms have the same one
    expectRelClose(empiricalNTK(lr, x, null, { engine: "f64" }), empiricalNTK(mup, x, null, { engine: "f64" }), 1e-5);
    mup.dispose();
    lr.dispose();
  });

  it("μP's and NTK's kernels converge with width; standard's grows like n (Monte Carlo, 8 seeds per width)", () => {
    const xs = randomNormalMatrix(4, 3, 9);
    const meanKernel = (parameterization: "ntk" | "standard" | "mup", width: number) => {
      const acc = xs.map(() => xs.map(() => 0));
      for (let seed = 0; seed < 8; seed++) {
        const net = mlp({ ...arch, width, seed, parameterization });
        empiricalNTK(net, xs, null, { engine: "f64" }).forEach((r, i) => r.forEach((v, j) => (acc[i][j] += v / 8)));
        net.dispose();
      }
      return acc;
    };
    for (const p of ["ntk", "mup"] as const) expectRelClose(meanKernel(p, 1024), meanKernel(p, 256), 0.06);
    const ratio = meanKernel("standard", 1024)[0][0] / meanKernel("standard", 256)[0][0];
    expect(ratio).toBeGreaterThan(3.6);
    expect(ratio).toBeLessThan(4.1); // 4 less the input layer's share, which does not grow
  });
});

describe("training", () => {
  beforeAll(useCpu);
  const x = randomNormalMatrix(8, 3, 11);
  const y = x.map((r) => Math.sin(r[0] + 0.5 * r[1]));

  it("features and first-layer weights move like n^{−½} under NTK parameterization and like n⁰ under μP (Yang & Hu 2021): 10 steps, 4 seeds, widths 64 … 1024", () => {
    const widths = [64, 256, 1024];
    const slopes = (["ntk", "mup"] as const).map((parameterization) => {
      const change = widths.map((width) => {
        const logSum = [0, 0];
        for (let seed = 0; seed < 4; seed++) {
          const net = mlp({ ...arch, depth: 1, width, seed, parameterization }), before = net.clone();
          train(net, x, y, { learningRate: 0.5, steps: 10 });
          const drift = trainingDrift(before, net, x, { engine: "f64" });
          logSum[0] += Math.log(drift.features[0]) / 4;
          logSum[1] += Math.log(drift.weights[0]) / 4;
          net.dispose();
          before.dispose();
        }
        return logSum.map(Math.exp);
      });
      return [0, 1].map((q) => loglogSlope(widths, change.map((c) => c[q])));
    });
    for (const s of slopes[0]) {
      expect(s).toBeGreaterThan(-0.65);
      expect(s).toBeLessThan(-0.35);
    }
    for (const s of slopes[1]) expect(Math.abs(s)).toBeLessThan(0.1);
  });

  it("μP in per-layer-learning-rate form trains exactly like μP in the one-learning-rate form (the abc symmetry)", () => {
    const a = mlp({ ...arch, seed: 6, parameterization: "mup" });
    const b = mlp({ ...arch, seed: 6, parameterization: mupPerLayerLR(3, 2, 16, arch.wStd, arch.bStd) });
    expectRelClose(b.predict(x), a.predict(x), 1e-5);
    const ra = train(a, x, y, { learningRate: 0.4, steps: 20 }), rb = train(b, x, y, { learningRate: 0.4, steps: 20 });
    expectRelClose(rb.losses, ra.losses, 1e-4);
    expectRelClose(b.predict(x), a.predict(x), 1e-4);
    expect(ra.finalLoss).toBeLessThan(ra.losses[0] / 2);
    // and not merely because nothing moved: without its learning-rate factors the second form trains differently
    const c = mlp({ ...arch, seed: 6, parameterization: { ...mupPerLayerLR(3, 2, 16, arch.wStd, arch.bStd), weights: mupPerLayerLR(3, 2, 16, arch.wStd, arch.bStd).weights.map((w) => ({ ...w, learningRate: 1 })) } });
    const rc = train(c, x, y, { learningRate: 0.4, steps: 20 });
    expect(Math.abs(rc.finalLoss - ra.finalLoss) / ra.finalLoss).toBeGreaterThan(0.05);
    [a, b, c].forEach((m) => m.dispose());
  });

  it("a linearized network with learning-rate factors follows kernelDescent on its weighted NTK, step for step", () => {
    const net = mlp({ ...arch, seed: 8, parameterization: mupPerLayerLR(3, 2, 16, arch.wStd, arch.bStd) });
    const lin = linearize(net);
    const theta0 = empiricalNTK(net, x, null, { engine: "f64" }), f0 = net.predict(x);
    const xTest = randomNormalMatrix(5, 3, 12);
    const predicted = kernelDescent(theta0, y, { learningRate: 0.3, steps: 15, kTestTrain: empiricalNTK(net, xTest, x, { engine: "f64" }), fxTrain0: f0, fxTest0: net.predict(xTest) });
    train(lin, x, y, { learningRate: 0.3, steps: 15 });
    expectRelClose(lin.predict(x), predicted.train, 1e-4);
    expectRelClose(lin.predict(xTest), predicted.test!, 1e-4);
    lin.dispose();
    net.dispose();
  });
});

for (const backend of ["cpu", "wasm"] as const) {
  describe(`ensembles of other parameterizations on tfjs-${backend}`, () => {
    onBackend(backend);

    it.each(["stacked", "members"] as const)("trainEnsemble (layout %s) trains 'mup', 'standard' and a learning-rate table as train() trains each member", (layout) => {
      const x = randomNormalMatrix(7, 3, 2), y = randomNormalMatrix(7, 1, 3);
      for (const parameterization of ["mup", "standard", mupPerLayerLR(3, 2, 16, arch.wStd, arch.bStd)] as const) {
        const ens = mlpEnsemble({ ...arch, seed: 20, members: 2, parameterization });
        const eta = parameterization === "standard" ? 0.02 : 0.3;
        const together = trainEnsemble(ens, x, y, { learningRate: eta, steps: 4, layout });
        for (let k = 0; k < 2; k++) {
          const single = mlp({ ...arch, seed: 20 + k, parameterization });
          const alone = train(single, x, y, { learningRate: eta, steps: 4 });
          expectRelClose(together.losses.map((l) => l[k]), alone.losses, 1e-5);
          expectRelClose(ens.nets[k].getParams().flatMap((p) => Array.from(p)), single.getParams().flatMap((p) => Array.from(p)), 1e-5);
          single.dispose();
        }
        ens.dispose();
      }
    });
  });
}
