// Small statistics the chapters print all the time.

/** Least-squares slope of log y on log x (the exponent of a power law y ∝ x^slope). */
export function loglogSlope(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length) throw new Error(`loglogSlope: arguments 'xs' and 'ys' differ in length (${xs.length} vs ${ys.length})`);
  if (xs.length < 2) throw new Error("loglogSlope: argument 'xs' needs at least 2 points");
  xs.forEach((x, i) => {
    if (!(x > 0) || !Number.isFinite(x)) throw new Error(`loglogSlope: argument 'xs' must be positive and finite, got ${x} at [${i}]`);
    if (!(ys[i] > 0) || !Number.isFinite(ys[i])) throw new Error(`loglogSlope: argument 'ys' must be positive and finite, got ${ys[i]} at [${i}]`);
  });
  const lx = xs.map(Math.log), ly = ys.map(Math.log);
  const mx = mean(lx), my = mean(ly);
  let sxy = 0, sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  return sxy / sxx;
}

/** Arithmetic mean of a list of numbers (NaN for an empty list). */
export function mean(v: readonly number[]): number {
  return v.reduce((s, t) => s + t, 0) / v.length;
}

/** Sample standard deviation (n − 1). */
export function std(v: readonly number[]): number {
  const m = mean(v);
  return Math.sqrt(v.reduce((s, t) => s + (t - m) ** 2, 0) / Math.max(v.length - 1, 1));
}

function flat(a: readonly number[] | readonly (readonly number[])[]): number[] {
  return (a as readonly (number | readonly number[])[]).flatMap((r) => (typeof r === "number" ? [r] : Array.from(r)));
}

/** ‖a − b‖_F / ‖b‖_F for vectors or matrices. */
export function relativeError(a: readonly number[] | readonly (readonly number[])[], b: readonly number[] | readonly (readonly number[])[]): number {
  const x = flat(a), y = flat(b);
  if (x.length !== y.length) throw new Error(`relativeError: arguments 'a' and 'b' differ in size (${x.length} vs ${y.length})`);
  let num = 0, den = 0;
  for (let i = 0; i < x.length; i++) {
    num += (x[i] - y[i]) ** 2;
    den += y[i] ** 2;
  }
  return Math.sqrt(num / den);
}

/** max |a − b| over all entries. */
export function maxAbsDiff(a: readonly number[] | readonly (readonly number[])[], b: readonly number[] | readonly (readonly number[])[]): number {
  const x = flat(a), y = flat(b);
  if (x.length !== y.length) throw new Error(`maxAbsDiff: arguments 'a' and 'b' differ in size (${x.length} vs ${y.length})`);
  return x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i])), 0);
}

/** Entry-wise mean of several same-shaped matrices (e.g. kernels over seeds). */
export function meanMatrix(ms: readonly (readonly (readonly number[])[])[]): number[][] {
  if (ms.length === 0) throw new Error("meanMatrix: argument 'ms' is empty");
  return ms[0].map((row, i) => row.map((_, j) => ms.reduce((s, m) => s + m[i][j], 0) / ms.length));
}
