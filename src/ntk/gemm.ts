// The library's products on WebAssembly SIMD (kernels of kernels.wat, run through wasm.ts):
// - C = A·Bᵀ in float64, 3–4× the plain JavaScript kernel of mat.ts (docs/performance.md, "The float64 product");
// - batches of float32 products C_k = op(A_k)·B_k and A_k·B_kᵀ, for the stacked ensembles' layers (dense.ts),
//   10–25× tfjs-wasm's batched matMul (docs/performance.md, "Ensembles: two layouts").
// Where the engine lacks WebAssembly SIMD, or a product would not fit the module's 32-bit memory, each answers
// null and its caller runs its fallback. The module's memory grows to hold the largest product made so far
// (A, B and C: 16 MB for the benchmark's 512×1024·(1024×1024)ᵀ).
import type { Mat } from "./mat.ts";
import { kernelsRun, roundUp, withMemory } from "./wasm.ts";

/** The blocks of B the kernel is called on: rows (columns of C), and columns of K (kernels.wat). */
const BLOCK_ROWS = 64, BLOCK_COLS = 256;

/** Which kernel float64 products run on here: "wasm-simd", or "js" where WebAssembly SIMD is missing. */
export function float64Kernel(): "wasm-simd" | "js" {
  return kernelsRun() ? "wasm-simd" : "js";
}

/**
 * `batch` row-major [rows, cols] matrices, one after the other in data, into heap from `at`, each as
 * [rowsTo, stride] with zeros beyond its rows and columns (the kernels' tiles).
 */
function placePadded<T extends Float32Array | Float64Array>(heap: T, data: T, batch: number, rows: number, cols: number, at: number, rowsTo: number, stride: number): void {
  const size = rowsTo * stride;
  if (stride === cols && rowsTo === rows) {
    heap.set(data, at);
    return;
  }
  heap.fill(0, at, at + batch * size);
  for (let k = 0; k < batch; k++)
    for (let r = 0; r < rows; r++) {
      const from = (k * rows + r) * cols;
      heap.set(data.subarray(from, from + cols), at + k * size + r * stride);
    }
}

/**
 * C = A·Bᵀ (C[i,j] = Σ_k A[i,k]·B[j,k]) on the WebAssembly kernel; null where it cannot run.
 * The caller checks that the inner dimensions agree.
 */
export function gemmABtWasm(a: Mat, b: Mat): Mat | null {
  const M = a.rows, N = b.rows, K = a.cols;
  if (M === 0 || N === 0 || K === 0) return { rows: M, cols: N, data: new Float64Array(M * N) };
  // the kernel's tiles: rows of A in fours, rows of B in twos, k in twos; the padding is zero
  const Mp = roundUp(M, 4), Np = roundUp(N, 2), Kp = roundUp(K, 2);
  const g = withMemory(8 * (Mp * Kp + Np * Kp + Mp * Np));
  if (!g) return null;
  const heap = new Float64Array(g.memory.buffer);
  const pa = 0, pb = Mp * Kp, pc = pb + Np * Kp;
  placePadded(heap, a.data, 1, M, K, pa, Mp, Kp);
  placePadded(heap, b.data, 1, N, K, pb, Np, Kp);
  heap.fill(0, pc, pc + Mp * Np);
  for (let j0 = 0; j0 < Np; j0 += BLOCK_ROWS)
    for (let k0 = 0; k0 < Kp; k0 += BLOCK_COLS) g.gemmBlock(8 * pa, 8 * pb, 8 * pc, Mp, Np, Kp, j0, Math.min(Np, j0 + BLOCK_ROWS), k0, Math.min(BLOCK_COLS, Kp - k0));
  const c = new Float64Array(M * N);
  if (Np === N) c.set(heap.subarray(pc, pc + M * N));
  else for (let i = 0; i < M; i++) c.set(heap.subarray(pc + i * Np, pc + i * Np + N), i * N);
  return { rows: M, cols: N, data: c };
}

/**
 * A batch of float32 matrices: `batch` of them, each [rows, cols] row-major, one after the other in data.
 * The products below answer with data a view of the module's memory, valid until the next product: copy it
 * (tf.tensor does) before making another. (A fresh array per result would cost more than the product: the
 * pages of a new 8 MB array take 25 ms to fault in on the benchmark box.)
 */
export interface Batch32 {
  batch: number;
  rows: number;
  cols: number;
  data: Float32Array;
}

/** Every matrix of m into heap from `at`, each as [rowsTo, stride] with zeros beyond its rows and columns. */
const place32 = (heap: Float32Array, m: Batch32, at: number, rowsTo: number, stride: number): void => placePadded(heap, m.data, m.batch, m.rows, m.cols, at, rowsTo, stride);

/**
 * The [rows, cols] top-left of every [rowsFrom, stride] matrix in heap from `at`, moved together in place
 * (every row moves towards the start, so none is overwritten before it moves): a view of the module's memory.
 */
function compact32(heap: Float32Array, at: number, batch: number, rows: number, cols: number, rowsFrom: number, stride: number): Float32Array {
  if (stride !== cols || rowsFrom !== rows)
    for (let k = 0; k < batch; k++)
      for (let r = 0; r < rows; r++) {
        const from = at + (k * rowsFrom + r) * stride;
        heap.copyWithin(at + (k * rows + r) * cols, from, from + cols);
      }
  return heap.subarray(at, at + batch * rows * cols);
}

/**
 * The row stride, in floats, of a float32 matrix whose rows sgemmAB reads a few floats of at a time down a
 * column: `floats` (a multiple of 4), or 8 more where its rows would be a multiple of 2 KB apart. At such strides
 * the rows of a strip fall into one or two of the cache's sets and evict one another: ∂W = aᵀ·∂z of twelve
 * networks of width 1024 on 20 points took 36 ms, and 21 ms with the 8 floats. (At smaller multiples, such as
 * chapter 7's rows of 128, the padding measured no faster, and its row-by-row copy made the step slower.)
 */
const rowStride32 = (floats: number): number => (floats % 512 === 0 ? floats + 8 : floats);

/**
 * C_k = op(A_k)·B_k for every k of the batch, in float32 on the WebAssembly kernel (sgemmAB): op(A) = A
 * for A_k [M, K], or Aᵀ (`transposeA`) for A_k [K, M]; B_k [K, N]. Null where the kernel cannot run.
 * The caller checks the shapes.
 */
export function sgemmBatchAB(a: Batch32, b: Batch32, transposeA: boolean): Batch32 | null {
  const batch = b.batch, K = b.rows, N = b.cols, M = transposeA ? a.cols : a.rows;
  if (M === 0 || N === 0 || K === 0) return { batch, rows: M, cols: N, data: new Float32Array(batch * M * N) };
  // tiles of 4 rows by 8 columns of C: A's M side padded to 4, B's and C's columns to 8; B's rows ldB apart
  const Mp = roundUp(M, 4), Np = roundUp(N, 8), ldB = rowStride32(Np), ldA = transposeA ? rowStride32(Mp) : K;
  const sizeA = transposeA ? K * ldA : Mp * K, sizeB = K * ldB, sizeC = Mp * Np;
  const g = withMemory(4 * batch * (sizeA + sizeB + sizeC));
  if (!g) return null;
  const heap = new Float32Array(g.memory.buffer);
  const pa = 0, pb = batch * sizeA, pc = pb + batch * sizeB;
  if (transposeA) place32(heap, a, pa, K, ldA); // A_k [K, M] as [K, ldA]: element (i, p) at p·ldA + i
  else place32(heap, a, pa, Mp, K); // A_k [M, K] as [Mp, K]: element (i, p) at i·K + p
  place32(heap, b, pb, K, ldB);
  const sRow = transposeA ? 4 : 4 * K, sRed = transposeA ? 4 * ldA : 4;
  for (let k = 0; k < batch; k++) g.sgemmAB(4 * (pa + k * sizeA), sRow, sRed, 4 * (pb + k * sizeB), 4 * (pc + k * sizeC), Mp, Np, K, ldB);
  return { batch, rows: M, cols: N, data: compact32(heap, pc, batch, M, N, Mp, Np) };
}

/**
 * C_k = A_k·B_kᵀ for every k of the batch, in float32 on the WebAssembly kernel (sgemmBlockABt): A_k [M, K],
 * B_k [N, K]. Null where the kernel cannot run. The caller checks the shapes.
 */
export function sgemmBatchABt(a: Batch32, b: Batch32): Batch32 | null {
  const batch = a.batch, M = a.rows, N = b.rows, K = a.cols;
  if (M === 0 || N === 0 || K === 0) return { batch, rows: M, cols: N, data: new Float32Array(batch * M * N) };
  const Mp = roundUp(M, 4), Np = roundUp(N, 2), Kp = roundUp(K, 4);
  const sizeA = Mp * Kp, sizeB = Np * Kp, sizeC = Mp * Np;
  const g = withMemory(4 * batch * (sizeA + sizeB + sizeC));
  if (!g) return null;
  const heap = new Float32Array(g.memory.buffer);
  const pa = 0, pb = batch * sizeA, pc = pb + batch * sizeB;
  place32(heap, a, pa, Mp, Kp);
  place32(heap, b, pb, Np, Kp);
  heap.fill(0, pc, pc + batch * sizeC);
  for (let k = 0; k < batch; k++)
    for (let j0 = 0; j0 < Np; j0 += BLOCK_ROWS)
      for (let k0 = 0; k0 < Kp; k0 += BLOCK_COLS)
        g.sgemmBlockABt(4 * (pa + k * sizeA), 4 * (pb + k * sizeB), 4 * (pc + k * sizeC), Mp, Np, Kp, j0, Math.min(Np, j0 + BLOCK_ROWS), k0, Math.min(BLOCK_COLS, Kp - k0));
  return { batch, rows: M, cols: N, data: compact32(heap, pc, batch, M, N, Mp, Np) };
}
