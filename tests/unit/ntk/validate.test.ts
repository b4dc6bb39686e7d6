import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { empiricalNTK, jacobianNTK, linearize, loglogSlope, mlp, train } from "ntk";
import { useCpu } from "./helpers.ts";

beforeAll(useCpu);

describe("models: bad input names the argument", () => {
  const m = mlp({ inputDim: 2, depth: 1, width: 4, activation: "relu", seed: 1 });
  it("mlp options", () => {
    expect(() => mlp({ inputDim: 2, depth: 1, width: 4, activation: "swish" as "relu" })).toThrow(/mlp: argument 'activation' is unknown activation 'swish'; known: relu, erf/);
    expect(() => mlp({ inputDim: 0, depth: 1, width: 4, activation: "relu" })).toThrow(/'inputDim' must be ≥ 1/);
    expect(() => mlp({ inputDim: 2, depth: 1.5, width: 4, activation: "relu" })).toThrow(/'depth' must be an integer/);
    expect(() => mlp({ inputDim: 2, depth: 1, width: 4, activation: "relu", wStd: NaN })).toThrow(/'wStd' must be a number/);
  });
  it("inputs", () => {
    expect(() => m.predict([[1, 2, 3]])).toThrow(/'x' has 3 columns but the model's inputDim is 2/);
    expect(() => m.predict([[1, Infinity]])).toThrow(/'x' has a non-finite value Infinity at \[0\]\[1\]/);
    expect(() => empiricalNTK(m, [[1, 2]], [[1]])).toThrow(/'x2' has 1 columns but the model's inputDim is 2/);
    const t = tf.zeros([3]) as unknown as tf.Tensor2D;
    expect(() => empiricalNTK(m, t)).toThrow(/'x1' must be a rank-2 tensor/);
    t.dispose();
    expect(() => jacobianNTK((p, x) => m.apply(x, p), [], [[1, 2]])).toThrow(/'params' must be a non-empty array/);
  });
  it("training", () => {
    expect(() => train(m, [[1, 2]], [1], { learningRate: -0.1, steps: 3 })).toThrow(/train: argument 'learningRate' must be positive, got -0.1/);
    expect(() => train(m, [[1, 2]], [1, 2], { learningRate: 0.1, steps: 3 })).toThrow(/'y' has 2 rows but x has 1/);
    const lin = linearize(m);
    // a linear model diverges geometrically once η·λ > 2
    expect(() => train(lin, [[1, 2]], [1], { learningRate: 1e3, steps: 500 })).toThrow(/loss became (NaN|Infinity) at step \d+; lower 'learningRate'/);
    lin.params.forEach((p, i) => p.assign(lin.theta0[i]));
    const stops: number[] = [];
    train(lin, [[1, 2]], [1], { learningRate: 0.1, steps: 10, onStep: (s) => (stops.push(s), s < 2) });
    expect(stops).toEqual([0, 1, 2]);
    lin.dispose();
  });
  it("stats", () => {
    expect(loglogSlope([1, 10, 100], [3, 30, 300])).toBeCloseTo(1, 12);
    expect(() => loglogSlope([1, 2], [1, -1])).toThrow(/'ys' must be positive/);
  });
});
