// The `ntk` library the notebook cells import: `import { mlp, empiricalNTK, … } from "ntk"`.
// Conventions follow google/neural-tangents: NTK parameterization (weights scaled by wStd/√fan-in), kernels returned as NNGP and NTK together.
export { ACTIVATIONS, activation, type Activation, type ActivationName, type ActivationSpec } from "./activations.ts";
export { analyticKernels, type AnalyticKernels, type AnalyticOptions, type Kernels } from "./analytic.ts";
export { nngpPosterior, ntkEnsemble, priorSamples, type EnsembleKernels, type EnsembleOptions, type Posterior } from "./bayes.ts";
export { gradientDescent, gradientDescentMSE, type GeneralGDOptions, type MSEOptions, type Prediction, type PredictExtra, type Predictor } from "./dynamics.ts";
export {
  chooseEngine,
  empiricalNNGP,
  empiricalNTK,
  empiricalNTKFull,
  empiricalNTKLayers,
  jacobianNTK,
  type EmpiricalOptions,
  type Engine,
  type LayeredKernel,
  type ParamFunction,
} from "./empirical.ts";
export { mlpEnsemble, MLPEnsemble, trainEnsemble, type MLPEnsembleOptions, type EnsembleTrainOptions, type EnsembleTrainResult, type EnsembleLayout } from "./ensemble.ts";
export { symmetricEigen } from "./linalg.ts";
export { linearize, LinearizedMLP } from "./linearize.ts";
export { mlp, MLP, type MLPOptions, type Model } from "./mlp.ts";
export { layerScalings, type LayerScalings, type ParamScaling, type Parameterization, type ParameterizationName, type ScalingArch } from "./parameterization.ts";
export { gaussHermite, gaussianExpectation } from "./quadrature.ts";
export { kernelDescent, trainingDrift, type KernelDescentOptions, type TrainingDrift } from "./regimes.ts";
export { circlePoints, linspace, logspace, makeRng, randn, randomNormalMatrix, type Rng } from "./rng.ts";
export {
  categoricalFisherKernel,
  categoricalReinforceStep,
  categoricalScore,
  gaussianDensity,
  gaussianFisherKernel,
  gaussianReinforceStep,
  gaussianScore,
  softmax,
  type GaussianParams,
} from "./score.ts";
export { erf, erfc, normalCdf, normalPdf } from "./special.ts";
export { loglogSlope, maxAbsDiff, mean, meanMatrix, relativeError, std } from "./stats.ts";
export { secondOrderTerm, taylorTerms, type TaylorTerms } from "./taylor.ts";
export { gradientStepDelta, train, type TrainOptions, type TrainResult } from "./train.ts";
export type { MatrixInput, TargetInput } from "./validate.ts";
