// Table-driven: many bad inputs across the exported API; each must throw an Error whose message
// begins "<function the user called>: argument '<argument>'" (no NaN, no unnamed error from a dependency).
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import * as ntk from "ntk";
import { useCpu } from "./helpers.ts";

beforeAll(useCpu);

const I2 = [[1, 0], [0, 1]];
const K2 = [[2, 0.5], [0.5, 1]];
const X = [[1, 0], [0, 1]];
const relu = { depth: 1, activation: "relu" as const, wStd: 1, bStd: 0 };
// type-erased calls: the table feeds values the types forbid, as a JavaScript caller could
const call = (f: unknown, ...args: unknown[]): unknown => (f as (...a: unknown[]) => unknown)(...args);

type Case = [fn: string, arg: string, run: () => unknown];

function cases(): Case[] {
  const m = ntk.mlp({ inputDim: 2, depth: 1, width: 3, activation: "relu", seed: 1 });
  const ens2 = ntk.mlpEnsemble({ inputDim: 2, depth: 1, width: 3, activation: "relu", seed: 1, members: 2 });
  const pred = ntk.gradientDescentMSE(K2, [1, 2]);
  const ens = ntk.ntkEnsemble({ ntkTrainTrain: K2, ntkTestTrain: [[1, 1]], nngpTrainTrain: K2, nngpTestTrain: [[1, 1]], nngpTestTest: [[2]] }, [1, 2]);
  return [
    // analyticKernels
    ["analyticKernels", "x1", () => call(ntk.analyticKernels, [], null, relu)],
    ["analyticKernels", "x1", () => call(ntk.analyticKernels, [[1, NaN]], null, relu)],
    ["analyticKernels", "x1", () => call(ntk.analyticKernels, [[1e200, 0]], null, relu)],
    ["analyticKernels", "x1", () => call(ntk.analyticKernels, [[1, 2], [3]], null, relu)],
    ["analyticKernels", "x2", () => call(ntk.analyticKernels, X, [[1, 2, 3]], relu)],
    ["analyticKernels", "opts", () => call(ntk.analyticKernels, X, null)],
    ["analyticKernels", "opts", () => call(ntk.analyticKernels, X, null, { ...relu, mehtod: "auto" })],
    ["analyticKernels", "inputDim", () => call(ntk.analyticKernels, X, null, { ...relu, inputDim: 3, width: 64 })],
    ["analyticKernels", "method", () => call(ntk.analyticKernels, X, null, { ...relu, method: "gauss" })],
    ["analyticKernels", "depth", () => call(ntk.analyticKernels, X, null, { ...relu, depth: 1.5 })],
    ["analyticKernels", "depth", () => call(ntk.analyticKernels, X, null, { ...relu, depth: -1 })],
    ["analyticKernels", "wStd", () => call(ntk.analyticKernels, X, null, { ...relu, wStd: -1 })],
    ["analyticKernels", "bStd", () => call(ntk.analyticKernels, X, null, { ...relu, bStd: Infinity })],
    ["analyticKernels", "activation", () => call(ntk.analyticKernels, X, null, { ...relu, activation: "swish" })],
    ["analyticKernels", "activation.alpha", () => call(ntk.analyticKernels, X, null, { ...relu, activation: { name: "leakyRelu" } })],
    ["analyticKernels", "activation", () => call(ntk.analyticKernels, X, null, { ...relu, activation: { name: "abRelu", a: 1, b: 1, c: 2 } })],
    ["analyticKernels", "quadratureDegree", () => call(ntk.analyticKernels, X, null, { ...relu, quadratureDegree: 401 })],
    ["analyticKernels", "quadratureDegree", () => call(ntk.analyticKernels, X, null, { ...relu, quadratureDegree: 2.5 })],
    ["analyticKernels", "perLayer", () => call(ntk.analyticKernels, X, null, { ...relu, perLayer: "yes" })],
    ["activation", "activation", () => call(ntk.activation, "swish")],
    ["activation", "activation", () => call(ntk.activation, 3)],
    // quadrature
    ["gaussHermite", "degree", () => call(ntk.gaussHermite, 0)],
    ["gaussHermite", "degree", () => call(ntk.gaussHermite, 401)],
    ["gaussHermite", "degree", () => call(ntk.gaussHermite, 3.5)],
    ["gaussianExpectation", "degree", () => call(ntk.gaussianExpectation, (z: number) => z, 0)],
    ["gaussianExpectation", "g", () => call(ntk.gaussianExpectation, 3)],
    ["gaussianExpectation", "g", () => call(ntk.gaussianExpectation, () => NaN)],
    // regression and Bayes
    ["gradientDescentMSE", "kTrainTrain", () => call(ntk.gradientDescentMSE, [[1, 2], [3, 4]], [1, 2])],
    ["gradientDescentMSE", "kTrainTrain", () => call(ntk.gradientDescentMSE, [[1, 2], [2, 1]], [1, 2])],
    ["gradientDescentMSE", "kTrainTrain", () => call(ntk.gradientDescentMSE, [[1, 0, 0], [0, 1, 0]], [1, 2])],
    ["gradientDescentMSE", "yTrain", () => call(ntk.gradientDescentMSE, K2, [1, 2, 3])],
    ["gradientDescentMSE", "yTrain", () => call(ntk.gradientDescentMSE, K2, [1, NaN])],
    ["gradientDescentMSE", "yTrain", () => call(ntk.gradientDescentMSE, K2, [])],
    ["gradientDescentMSE", "learningRate", () => call(ntk.gradientDescentMSE, K2, [1, 2], { learningRate: 0 })],
    ["gradientDescentMSE", "diagReg", () => call(ntk.gradientDescentMSE, K2, [1, 2], { diagReg: -1 })],
    ["gradientDescentMSE", "diagRegAbsoluteScale", () => call(ntk.gradientDescentMSE, K2, [1, 2], { diagRegAbsoluteScale: 1 })],
    ["gradientDescentMSE", "opts", () => call(ntk.gradientDescentMSE, K2, [1, 2], { learningrate: 1 })],
    ["gradientDescentMSE", "t", () => call(pred, -1)],
    ["gradientDescentMSE", "t", () => call(pred, NaN)],
    ["gradientDescentMSE", "t", () => call(pred, [1, -Infinity])],
    ["gradientDescentMSE", "kTestTrain", () => call(pred, 1, { kTestTrain: [[1, 2, 3]] })],
    ["gradientDescentMSE", "fxTrain0", () => call(pred, 1, { fxTrain0: [1] })],
    ["gradientDescentMSE", "fxTest0", () => call(pred, 1, { fxTest0: [1] })],
    ["gradientDescentMSE", "extra", () => call(pred, 1, { kTestTrian: [[1, 2]] })],
    ["gradientDescent", "loss", () => call(ntk.gradientDescent, K2, [1, 2], { loss: "hinge" })],
    ["gradientDescent", "dt", () => call(ntk.gradientDescent, K2, [1, 2], { dt: -1 })],
    ["gradientDescent", "t", () => call(ntk.gradientDescent(K2, [1, 2]), Infinity)],
    ["gradientDescent", "opts", () => call(ntk.gradientDescent, K2, [1, 2], { steps: 3 })],
    ["nngpPosterior", "kTrainTrain", () => call(ntk.nngpPosterior, [[1, 2], [2, 1]], [1, 2], [[1, 1]])],
    ["nngpPosterior", "kTestTrain", () => call(ntk.nngpPosterior, K2, [1, 2], [[1, 1, 1]])],
    ["nngpPosterior", "kTestTest", () => call(ntk.nngpPosterior, K2, [1, 2], [[1, 1]], [[-1]])],
    ["nngpPosterior", "kTestTest", () => call(ntk.nngpPosterior, K2, [1, 2], [[1, 1], [0, 1]], [[1, 2], [2, 1]])],
    ["nngpPosterior", "kTestTest", () => call(ntk.nngpPosterior, K2, [1, 2], [[1, 1]], [[1, 2]])],
    ["nngpPosterior", "yTrain", () => call(ntk.nngpPosterior, K2, [[1], [2], [3]], [[1, 1]])],
    ["nngpPosterior", "opts", () => call(ntk.nngpPosterior, K2, [1, 2], [[1, 1]], null, { ridge: 1 })],
    ["ntkEnsemble", "kernels", () => call(ntk.ntkEnsemble, null, [1, 2])],
    ["ntkEnsemble", "kernels", () => call(ntk.ntkEnsemble, { ntkTrainTrain: K2, ntkTestTrain: [[1, 1]], nngpTrainTrain: K2, nngpTestTrain: [[1, 1]], nngpTestTest: [[2]], extra: 1 }, [1, 2])],
    ["ntkEnsemble", "kernels.nngpTrainTrain", () => call(ntk.ntkEnsemble, { ntkTrainTrain: K2, ntkTestTrain: [[1, 1]], nngpTrainTrain: [[1, 2], [2, 1]], nngpTestTrain: [[1, 1]], nngpTestTest: [[2]] }, [1, 2])],
    ["ntkEnsemble", "kernels.nngpTestTest", () => call(ntk.ntkEnsemble, { ntkTrainTrain: K2, ntkTestTrain: [[1, 1]], nngpTrainTrain: K2, nngpTestTrain: [[1, 1]], nngpTestTest: [[-2]] }, [1, 2])],
    ["ntkEnsemble", "kernels.ntkTestTrain", () => call(ntk.ntkEnsemble, { ntkTrainTrain: K2, ntkTestTrain: [[1]], nngpTrainTrain: K2, nngpTestTrain: [[1, 1]], nngpTestTest: [[2]] }, [1, 2])],
    ["ntkEnsemble", "kernels.ntkTrainTrain", () => call(ntk.ntkEnsemble, { ntkTrainTrain: [[1, 2], [2, 1]], ntkTestTrain: [[1, 1]], nngpTrainTrain: K2, nngpTestTrain: [[1, 1]], nngpTestTest: [[2]] }, [1, 2])],
    ["ntkEnsemble", "opts", () => call(ntk.ntkEnsemble, { ntkTrainTrain: K2, ntkTestTrain: [[1, 1]], nngpTrainTrain: K2, nngpTestTrain: [[1, 1]], nngpTestTest: [[2]] }, [1, 2], { lr: 1 })],
    ["ntkEnsemble", "t", () => call(ens, -2)],
    ["priorSamples", "kernel", () => call(ntk.priorSamples, [[1, 2], [2, 1]], 2)],
    ["priorSamples", "nSamples", () => call(ntk.priorSamples, K2, 0)],
    ["priorSamples", "seed", () => call(ntk.priorSamples, K2, 2, { seed: 0.5 })],
    ["priorSamples", "opts", () => call(ntk.priorSamples, K2, 2, { sede: 1 })],
    ["symmetricEigen", "a", () => call(ntk.symmetricEigen, [[1, 2], [3, 4]])],
    ["symmetricEigen", "a", () => call(ntk.symmetricEigen, [[1, 2]])],
    ["symmetricEigen", "a", () => call(ntk.symmetricEigen, [[1, NaN], [NaN, 1]])],
    ["symmetricEigen", "a", () => call(ntk.symmetricEigen, [])],
    // grids and randomness
    ["linspace", "n", () => call(ntk.linspace, 0, 1, 2.5)],
    ["linspace", "n", () => call(ntk.linspace, 0, 1, 0)],
    ["linspace", "a", () => call(ntk.linspace, NaN, 1, 3)],
    ["linspace", "b", () => call(ntk.linspace, 0, Infinity, 3)],
    ["logspace", "n", () => call(ntk.logspace, 0, 1, -1)],
    ["logspace", "b", () => call(ntk.logspace, 0, 400, 3)],
    ["makeRng", "seed", () => call(ntk.makeRng, 0.5)],
    ["makeRng", "seed", () => call(ntk.makeRng, NaN)],
    ["randn", "n", () => call(ntk.randn, -1, 0)],
    ["randn", "seed", () => call(ntk.randn, 3, 1.5)],
    ["randomNormalMatrix", "rows", () => call(ntk.randomNormalMatrix, 0, 2, 0)],
    ["randomNormalMatrix", "cols", () => call(ntk.randomNormalMatrix, 2, 1.5, 0)],
    ["randomNormalMatrix", "seed", () => call(ntk.randomNormalMatrix, 2, 2, "a")],
    ["circlePoints", "angles", () => call(ntk.circlePoints, [0, NaN])],
    ["circlePoints", "angles", () => call(ntk.circlePoints, 3)],
    // statistics
    ["mean", "v", () => call(ntk.mean, [])],
    ["mean", "v", () => call(ntk.mean, [1, NaN])],
    ["std", "v", () => call(ntk.std, [1])],
    ["std", "v", () => call(ntk.std, [1e200, -1e200])],
    ["mean", "v", () => call(ntk.mean, [1e308, 1e308])],
    ["symmetricEigen", "a", () => call(ntk.symmetricEigen, [[1e308, 1e308], [1e308, 1e308]])],
    ["categoricalReinforceStep", "learningRate", () => call(ntk.categoricalReinforceStep, [0, 1], [1e308, -1e308], { learningRate: 1e10 })],
    ["std", "v", () => call(ntk.std, [1, Infinity])],
    ["loglogSlope", "xs", () => call(ntk.loglogSlope, [1, 1], [1, 2])],
    ["loglogSlope", "ys", () => call(ntk.loglogSlope, [1, 2], [1, -1])],
    ["loglogSlope", "ys", () => call(ntk.loglogSlope, [1, 2], [1])],
    ["relativeError", "b", () => call(ntk.relativeError, [1, 2], [0, 0])],
    ["relativeError", "b", () => call(ntk.relativeError, [1, 2], [1])],
    ["relativeError", "a", () => call(ntk.relativeError, [1, NaN], [1, 2])],
    ["relativeError", "a", () => call(ntk.relativeError, [], [])],
    ["maxAbsDiff", "b", () => call(ntk.maxAbsDiff, [1, 2], [[1, 2, 3]])],
    ["maxAbsDiff", "a", () => call(ntk.maxAbsDiff, [Infinity], [1])],
    ["meanMatrix", "ms", () => call(ntk.meanMatrix, [])],
    ["meanMatrix", "ms", () => call(ntk.meanMatrix, [[[1, 2]], [[1]]])],
    ["meanMatrix", "ms", () => call(ntk.meanMatrix, [[[1, NaN]]])],
    // special functions
    ["erf", "x", () => call(ntk.erf, NaN)],
    ["erfc", "x", () => call(ntk.erfc, "1")],
    ["normalCdf", "x", () => call(ntk.normalCdf, NaN)],
    ["normalPdf", "x", () => call(ntk.normalPdf, undefined)],
    // score functions
    ["softmax", "logits", () => call(ntk.softmax, [NaN, 1])],
    ["softmax", "logits", () => call(ntk.softmax, [])],
    ["categoricalScore", "x", () => call(ntk.categoricalScore, [0, 1], 2)],
    ["categoricalScore", "logits", () => call(ntk.categoricalScore, [0, Infinity], 0)],
    ["categoricalFisherKernel", "logits", () => call(ntk.categoricalFisherKernel, [NaN])],
    ["categoricalReinforceStep", "loss", () => call(ntk.categoricalReinforceStep, [0, 1], [1], { learningRate: 1 })],
    ["categoricalReinforceStep", "samples", () => call(ntk.categoricalReinforceStep, [0, 1], [1, 2], { learningRate: 1, samples: 0 })],
    ["categoricalReinforceStep", "seed", () => call(ntk.categoricalReinforceStep, [0, 1], [1, 2], { learningRate: 1, samples: 3, seed: 0.5 })],
    ["categoricalReinforceStep", "opts", () => call(ntk.categoricalReinforceStep, [0, 1], [1, 2], { learningRate: 1, sample: 3 })],
    ["categoricalReinforceStep", "learningRate", () => call(ntk.categoricalReinforceStep, [0, 1], [1, 2], {})],
    ["gaussianDensity", "x", () => call(ntk.gaussianDensity, NaN, { mean: 0, logStd: 0 })],
    ["gaussianDensity", "params.logStd", () => call(ntk.gaussianDensity, 0, { mean: 0, logStd: NaN })],
    ["gaussianScore", "params", () => call(ntk.gaussianScore, 0, null)],
    ["gaussianScore", "params.mean", () => call(ntk.gaussianScore, 0, { mean: Infinity, logStd: 0 })],
    ["gaussianFisherKernel", "xs1", () => call(ntk.gaussianFisherKernel, [NaN], null, { mean: 0, logStd: 0 })],
    ["gaussianFisherKernel", "params", () => call(ntk.gaussianFisherKernel, [1], null, { mean: 0, logstd: 0 })],
    ["gaussianReinforceStep", "loss", () => call(ntk.gaussianReinforceStep, { mean: 0, logStd: 0 }, 3, [0], { learningRate: 1 })],
    ["gaussianReinforceStep", "points", () => call(ntk.gaussianReinforceStep, { mean: 0, logStd: 0 }, (x: number) => x, [NaN], { learningRate: 1 })],
    // models (tfjs)
    ["mlp", "inputDim", () => call(ntk.mlp, { inputDim: 0, depth: 1, width: 3, activation: "relu" })],
    ["mlp", "width", () => call(ntk.mlp, { inputDim: 2, depth: 1, width: 2.5, activation: "relu" })],
    ["mlp", "activation", () => call(ntk.mlp, { inputDim: 2, depth: 1, width: 3, activation: "swish" })],
    ["mlp", "seed", () => call(ntk.mlp, { inputDim: 2, depth: 1, width: 3, activation: "relu", seed: 0.5 })],
    ["mlp", "options", () => call(ntk.mlp, { inputDim: 2, depth: 1, width: 3, activation: "relu", widht: 4 })],
    ["mlp", "options", () => call(ntk.mlp)],
    ["empiricalNTK", "x1", () => call(ntk.empiricalNTK, m, [[1, 2, 3]])],
    ["empiricalNTK", "model", () => call(ntk.empiricalNTK, {}, X)],
    ["empiricalNTK", "engine", () => call(ntk.empiricalNTK, m, X, null, { engine: "gpu" })],
    ["empiricalNTKLayers", "engine", () => call(ntk.empiricalNTKLayers, m, X, null, { engine: "gpu" })],
    ["empiricalNTK", "opts", () => call(ntk.empiricalNTK, m, X, null, { engin: "f64" })],
    ["empiricalNTKFull", "x2", () => call(ntk.empiricalNTKFull, m, X, [[1]])],
    ["empiricalNNGP", "x1", () => call(ntk.empiricalNNGP, m, [[NaN, 1]])],
    ["chooseEngine", "engine", () => call(ntk.chooseEngine, "gpu")],
    ["jacobianNTK", "params", () => call(ntk.jacobianNTK, (p: tf.Tensor[], x: tf.Tensor) => x, [], X)],
    ["train", "learningRate", () => call(ntk.train, m, X, [1, 2], { learningRate: -1, steps: 1 })],
    ["train", "steps", () => call(ntk.train, m, X, [1, 2], { learningRate: 0.1, steps: 1.5 })],
    ["train", "y", () => call(ntk.train, m, X, [1, 2, 3], { learningRate: 0.1, steps: 1 })],
    ["train", "loss", () => call(ntk.train, m, X, [1, 2], { learningRate: 0.1, steps: 1, loss: "l1" })],
    ["train", "opts", () => call(ntk.train, m, X, [1, 2], { learningRate: 0.1, step: 1 })],
    ["train", "layers", () => call(ntk.train, m, X, [1, 2], { learningRate: 0.1, steps: 1, layers: [3] })],
    ["gradientStepDelta", "learningRate", () => call(ntk.gradientStepDelta, m, X, [1, 2], { learningRate: NaN })],
    ["mlpEnsemble", "members", () => call(ntk.mlpEnsemble, { inputDim: 2, depth: 1, width: 3, activation: "relu", members: 0 })],
    ["taylorTerms", "output", () => call(ntk.taylorTerms, m, X, m.params.map((p) => new Float64Array(p.size)), { output: 3 })],
    ["taylorTerms", "deltaTheta", () => call(ntk.taylorTerms, m, X, [new Float64Array(1)])],
    ["secondOrderTerm", "x", () => call(ntk.secondOrderTerm, m, [[NaN, 1]], m.params.map((p) => new Float64Array(p.size)))],
    ["linearize", "model", () => call(ntk.linearize, {})],
    ["trainEnsemble", "ensemble", () => call(ntk.trainEnsemble, m, X, [1, 2], { learningRate: 0.1, steps: 1 })],
    ["trainEnsemble", "layout", () => call(ntk.trainEnsemble, ens2, X, [1, 2], { learningRate: 0.1, steps: 1, layout: "batched" })],
    ["trainEnsemble", "outputScale", () => call(ntk.trainEnsemble, ens2, X, [1, 2], { learningRate: 0.1, steps: 1, outputScale: [1, 2, 3] })],
    ["trainEnsemble", "x", () => call(ntk.trainEnsemble, ens2, [[1, 2, 3]], [1], { learningRate: 0.1, steps: 1 })],
    ["trainEnsemble", "opts", () => call(ntk.trainEnsemble, ens2, X, [1, 2])],
    ["trainEnsemble", "layers", () => call(ntk.trainEnsemble, ens2, X, [1, 2], { learningRate: 0.1, steps: 1, layers: [0] })],
    ["layerScalings", "parameterization", () => call(ntk.layerScalings, "xavier", { inputDim: 2, depth: 1, width: 3, wStd: 1, bStd: 0 })],
    // regimes
    ["trainingDrift", "before", () => call(ntk.trainingDrift, {}, m, X)],
    ["trainingDrift", "after", () => call(ntk.trainingDrift, m, ntk.mlp({ inputDim: 2, depth: 1, width: 4, activation: "relu", seed: 1 }), X)],
    ["trainingDrift", "x", () => call(ntk.trainingDrift, m, m, [[1, 2, 3]])],
    ["trainingDrift", "x", () => call(ntk.trainingDrift, m, m, [[1, NaN]])],
    ["kernelDescent", "opts", () => call(ntk.kernelDescent, K2, [1, 2])],
    ["kernelDescent", "steps", () => call(ntk.kernelDescent, K2, [1, 2], { steps: -1 })],
    ["kernelDescent", "learningRate", () => call(ntk.kernelDescent, K2, [1, 2], { steps: 1, learningRate: 0 })],
    ["kernelDescent", "kTrainTrain", () => call(ntk.kernelDescent, [[1, 0.5], [0, 1]], [1, 2], { steps: 1 })],
    ["kernelDescent", "yTrain", () => call(ntk.kernelDescent, K2, [1, 2, 3], { steps: 1 })],
    ["kernelDescent", "kTestTrain", () => call(ntk.kernelDescent, K2, [1, 2], { steps: 1, kTestTrain: [[1, 2, 3]] })],
    ["kernelDescent", "fxTrain0", () => call(ntk.kernelDescent, K2, [1, 2], { steps: 1, fxTrain0: [0] })],
    // results that overflow
    ["predict", "x", () => m.predict([[1e200, 0]])],
    ["empiricalNTK", "x1", () => call(ntk.empiricalNTK, m, [[1e200, 0]], null, { engine: "f64" })],
    ["empiricalNTK", "x1", () => call(ntk.empiricalNTK, m, [[1e30, 1e30]], null, { engine: "tfjs" })],
    ["empiricalNTKFull", "x1", () => call(ntk.empiricalNTKFull, m, [[1e200, 0]])],
    ["taylorTerms", "x", () => call(ntk.taylorTerms, m, [[1.7e308, 1.7e308]], m.params.map((p) => new Float64Array(p.size)))],
  ];
}

describe("every exported function names itself, the argument and the problem", () => {
  it("a table of bad inputs", () => {
    const problems: string[] = [];
    const table = cases();
    for (const [fn, arg, run] of table) {
      let message = "";
      try {
        const r = run();
        message = `returned ${JSON.stringify(r)?.slice(0, 60)}`;
      } catch (e) {
        message = e instanceof Error ? e.message : `threw a non-Error ${String(e)}`;
        if (message.startsWith(`${fn}: argument '${arg}'`)) continue;
      }
      problems.push(`${fn}/${arg}: ${message}`);
    }
    expect(problems).toEqual([]);
    expect(table.length).toBeGreaterThan(130);
  });
  it("the table has a case for every function the library exports", () => {
    const tried = new Set(cases().map(([fn]) => fn));
    const exported = Object.entries(ntk).filter(([name, v]) => typeof v === "function" && /^[a-z]/.test(name)).map(([name]) => name);
    expect(exported.filter((name) => !tried.has(name))).toEqual([]);
  });
});
