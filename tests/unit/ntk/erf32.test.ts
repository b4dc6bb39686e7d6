// The float32 erf activation (src/ntk/erf32.ts): the kernel against float64 erf and exp, and the tfjs op's value
// and gradient against tfjs's own tf.erf on cpu and wasm.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { describe, expect, it } from "vitest";
import { erfActivation, erfWithDerivative } from "../../../src/ntk/erf32.ts";
import { erf } from "../../../src/ntk/special.ts";
import { expectRelClose, onBackend } from "./helpers.ts";

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

describe("erfWithDerivative (the kernel)", () => {
  it("erf within 4e-7 of float64 erf and erf′ within 3e-7 relative of 2/√π·exp(−z²) on z² rounded to float32, on [−12, 12]", () => {
    const n = 100_003; // not a multiple of 4: the last values are padding in the kernel
    const z = Float32Array.from({ length: n }, (_, i) => -12 + (24 * i) / (n - 1));
    const { erf: e, derivative: d } = erfWithDerivative(z)!;
    expect([e.length, d.length]).toEqual([n, n]);
    let erfError = 0, derivativeError = 0;
    for (let i = 0; i < n; i++) {
      erfError = Math.max(erfError, Math.abs(e[i] - erf(z[i])));
      const z2 = Math.fround(z[i] * z[i]); // what a float32 z² is: the kernel's argument to exp
      const exact = TWO_OVER_SQRT_PI * Math.exp(-Math.min(z2, 87)); // below e^−87 the kernel stops at e^−87
      derivativeError = Math.max(derivativeError, Math.abs(d[i] - exact) / exact);
    }
    expect(erfError).toBeLessThanOrEqual(4e-7);
    expect(derivativeError).toBeLessThanOrEqual(3e-7);
  });

  it("is odd in erf and even in erf′, ±1 and 0 at the ends, and passes NaN on", () => {
    const { erf: e, derivative: d } = erfWithDerivative(Float32Array.from([0, 0.5, -0.5, Infinity, -Infinity, NaN]))!;
    expect(Array.from(e.subarray(0, 5))).toEqual([0, Math.fround(e[1]), -e[1], 1, -1]);
    expect(e[1]).toBeCloseTo(erf(0.5), 6);
    expect(d[1]).toBe(d[2]);
    expect(d[0]).toBeCloseTo(TWO_OVER_SQRT_PI, 6);
    expect(d[3]).toBeLessThan(1e-37);
    expect(Number.isNaN(e[5]) && Number.isNaN(d[5])).toBe(true);
  });
});

for (const backend of ["cpu", "wasm"] as const) {
  describe(`erfActivation on tfjs-${backend}`, () => {
    onBackend(backend);

    it("value and gradient equal tf.erf's and its autodiff (float32: 1e-6 relative), and leave no tensor behind", () => {
      const x = tf.randomNormal([7, 33], 0, 1.5, "float32", 5);
      const dy = tf.randomNormal([7, 33], 0, 1, "float32", 6);
      const before = tf.memory().numTensors;
      const [value, reference] = [erfActivation(x), tf.erf(x)];
      expectRelClose(Array.from(value.dataSync()), Array.from(reference.dataSync()), 1e-6);
      const loss = (f: (t: tf.Tensor) => tf.Tensor) => (t: tf.Tensor) => tf.sum(tf.mul(f(t), dy));
      const [ours, theirs] = [tf.grad(loss(erfActivation))(x), tf.grad(loss(tf.erf))(x)];
      expectRelClose(Array.from(ours.dataSync()), Array.from(theirs.dataSync()), 1e-6);
      tf.dispose([value, reference, ours, theirs]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, dy]);
    });

    it("is differentiable to any order: second and third derivatives equal −2x·erf′(x) and (4x² − 2)·erf′(x)", () => {
      const xs = [-2.5, -0.7, 0, 0.3, 1.9];
      const x = tf.tensor1d(xs);
      const sum = (f: (t: tf.Tensor) => tf.Tensor) => (t: tf.Tensor) => tf.sum(f(t));
      const first = (t: tf.Tensor) => tf.grad(sum(erfActivation))(t);
      const second = (t: tf.Tensor) => tf.grad(sum(first))(t);
      const third = tf.grad(sum(second))(x);
      const d = xs.map((v) => TWO_OVER_SQRT_PI * Math.exp(-v * v));
      expectRelClose(Array.from(first(x).dataSync()), d, 1e-6);
      expectRelClose(Array.from(second(x).dataSync()), xs.map((v, i) => -2 * v * d[i]), 1e-6);
      expectRelClose(Array.from(third.dataSync()), xs.map((v, i) => (4 * v * v - 2) * d[i]), 1e-6);
      x.dispose();
    });
  });
}
