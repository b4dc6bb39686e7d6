// train's `layers` option (src/ntk/train.ts): only the chosen Dense layers move, and they move as plain
// gradient descent on those parameters alone (tf.train.sgd over the same variables, chapter 9's old loop).
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { mlp, randomNormalMatrix, train } from "ntk";
import { expectRelClose, useCpu } from "./helpers.ts";

beforeAll(useCpu);

const arch = { inputDim: 2, depth: 2, width: 32, activation: "erf", wStd: 1.5, bStd: 0.2 } as const;
const x = randomNormalMatrix(8, 2, 5);
const y = x.map((r) => Math.sin(r[0]) - r[1] / 2);
const eta = 0.3, steps = 20;

describe("train with layers", () => {
  for (const layers of [[3], [1, 2], [2]]) {
    it(`layers ${JSON.stringify(layers)}: the others stay exactly as they were, and the chosen ones follow gradient descent on them alone`, () => {
      const net = mlp({ ...arch, seed: 1 }), reference = mlp({ ...arch, seed: 1 });
      const before = net.getParams();
      const { losses, finalLoss } = train(net, x, y, { learningRate: eta, steps, layers });
      const after = net.getParams();
      after.forEach((p, i) => {
        const moved = p.some((v, q) => v !== before[i][q]);
        expect(moved, `params[${i}] (layer ${Math.floor(i / 2) + 1}) moved`).toBe(layers.includes(Math.floor(i / 2) + 1));
      });
      // the same descent written with tfjs's optimizer over the chosen variables only
      const vars = reference.params.filter((_, i) => layers.includes(Math.floor(i / 2) + 1));
      const xt = tf.tensor2d(x), yt = tf.tensor2d(y, [y.length, 1]);
      const sgd = tf.train.sgd(eta);
      for (let t = 0; t < steps; t++) sgd.minimize(() => tf.div(tf.sum(tf.square(tf.sub(reference.apply(xt), yt))), 2 * y.length) as tf.Scalar, false, vars);
      sgd.dispose();
      tf.dispose([xt, yt]);
      reference.getParams().forEach((p, i) => expectRelClose([Array.from(after[i])], [Array.from(p)], 1e-5));
      expect(finalLoss).toBeLessThan(losses[0]);
      net.dispose();
      reference.dispose();
    });
  }

  it("names the function, the argument and the problem", () => {
    const net = mlp({ ...arch, seed: 1 });
    for (const layers of [[], [0], [4], [1, 1], [1.5], "head"]) {
      expect(() => train(net, x, y, { learningRate: eta, steps: 1, layers: layers as number[] }), JSON.stringify(layers)).toThrow(/^train: argument 'layers' must be a non-empty array of distinct layer numbers from 1 to 3/);
    }
    net.dispose();
  });
});
