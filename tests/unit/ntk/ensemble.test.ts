// Ensembles (src/ntk/ensemble.ts): K networks as one batched program are exactly K networks made by
// mlp() with seeds seed … seed+K−1, and training them together takes the steps train() takes on each —
// on cpu and on wasm.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { mlp, mlpEnsemble, randomNormalMatrix, train, trainEnsemble } from "ntk";
import { expectRelClose, onBackend, useCpu } from "./helpers.ts";

const arch = { inputDim: 3, depth: 2, width: 24, activation: "erf", wStd: 1.5, bStd: 0.1 } as const;

for (const backend of ["cpu", "wasm"] as const) {
  describe(`mlpEnsemble on tfjs-${backend}`, () => {
    onBackend(backend);

    it("member k is mlp({…, seed: seed + k}): same parameters, same outputs", () => {
      const ens = mlpEnsemble({ ...arch, seed: 3, members: 4 });
      expect(ens.members).toBe(4);
      const x = randomNormalMatrix(7, 3, 1);
      const f = ens.predict(x);
      expect(f.length).toBe(4);
      for (let k = 0; k < 4; k++) {
        const single = mlp({ ...arch, seed: 3 + k });
        const member = ens.nets[k];
        expect(member.getParams()).toEqual(single.getParams());
        expectRelClose(f[k], single.predict(x), 1e-6);
        single.dispose();
      }
      ens.dispose();
    });

    it.each(["stacked", "members", "auto"] as const)("trainEnsemble (layout %s) moves every member as train() moves it alone (MSE and cross-entropy)", (layout) => {
      const x = randomNormalMatrix(9, 3, 2);
      for (const [loss, outputs, y] of [
        ["mse", 1, randomNormalMatrix(9, 1, 3)],
        ["crossEntropy", 3, x.map((_, i) => [0, 1, 2].map((c) => (c === i % 3 ? 1 : 0)))],
      ] as const) {
        const ens = mlpEnsemble({ ...arch, outputs, seed: 10, members: 3 });
        const together = trainEnsemble(ens, x, y, { learningRate: 0.3, steps: 5, loss, layout });
        expect(together.losses.length).toBe(5);
        for (let k = 0; k < 3; k++) {
          const single = mlp({ ...arch, outputs, seed: 10 + k });
          const alone = train(single, x, y, { learningRate: 0.3, steps: 5, loss });
          expectRelClose(together.losses.map((l) => l[k]), alone.losses, 1e-5);
          expectRelClose([together.finalLoss[k]], [alone.finalLoss], 1e-5);
          const member = ens.nets[k];
          expectRelClose(member.getParams().flatMap((p) => Array.from(p)), single.getParams().flatMap((p) => Array.from(p)), 1e-5);
          single.dispose();
        }
        expect(together.finalLoss.every((l, k) => l < together.losses[0][k]), `${loss}: every member's loss fell`).toBe(true);
        ens.dispose();
      }
    });

    it.each(["stacked", "members"] as const)("trainEnsemble (layout %s) with layers trains only those layers, as train() does each member", (layout) => {
      const x = randomNormalMatrix(9, 3, 2), y = randomNormalMatrix(9, 1, 3);
      for (const layers of [[3], [1, 2]]) {
        const ens = mlpEnsemble({ ...arch, seed: 10, members: 3 });
        const before = ens.nets.map((net) => net.getParams());
        trainEnsemble(ens, x, y, { learningRate: 0.3, steps: 5, layout, layers });
        for (let k = 0; k < 3; k++) {
          const single = mlp({ ...arch, seed: 10 + k });
          train(single, x, y, { learningRate: 0.3, steps: 5, layers });
          const after = ens.nets[k].getParams();
          after.forEach((p, i) => expect(p.some((v, q) => v !== before[k][i][q]), `member ${k}, params[${i}] moved`).toBe(layers.includes(Math.floor(i / 2) + 1)));
          expectRelClose(after.flatMap((p) => Array.from(p)), single.getParams().flatMap((p) => Array.from(p)), 1e-5);
          single.dispose();
        }
        ens.dispose();
      }
    });

    it("leaves no tensor behind", () => {
      const before = tf.memory().numTensors;
      const ens = mlpEnsemble({ ...arch, members: 2 });
      for (const layout of ["stacked", "members"] as const) trainEnsemble(ens, randomNormalMatrix(4, 3, 1), [1, 0, -1, 0.5], { learningRate: 0.1, steps: 2, layout });
      ens.predict(randomNormalMatrix(3, 3, 2));
      ens.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}

describe("ensemble arguments", () => {
  beforeAll(useCpu);
  it("names the function, the argument and the problem", () => {
    expect(() => mlpEnsemble({ ...arch, members: 0 })).toThrow(/mlpEnsemble.*members/);
    expect(() => mlpEnsemble({ ...arch, width: 0, members: 2 })).toThrow(/mlpEnsemble.*width/);
    const ens = mlpEnsemble({ ...arch, members: 2 });
    expect(() => trainEnsemble(ens, [[1, 2, 3]], [1, 2], { learningRate: 0.1, steps: 1 })).toThrow(/trainEnsemble.*y.*rows/);
    expect(() => trainEnsemble(ens, [[1, 2, 3]], [1], { learningRate: -1, steps: 1 })).toThrow(/trainEnsemble.*learningRate/);
    // @ts-expect-error: not a layout
    expect(() => trainEnsemble(ens, [[1, 2, 3]], [1], { learningRate: 0.1, steps: 1, layout: "batched" })).toThrow(/trainEnsemble.*layout.*"stacked"/);
    ens.dispose();
  });
});
