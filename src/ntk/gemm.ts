// C = A·Bᵀ in float64 on WebAssembly SIMD (the kernel of gemm.wat, its bytes in gemm-wasm.ts): 3–4× the
// plain JavaScript kernel of mat.ts (docs/performance.md, "The float64 product"). Where the engine lacks
// WebAssembly SIMD, or a product would not fit the module's 32-bit memory, it answers null and mat.ts runs
// its JavaScript kernel instead. The module's memory grows to hold the largest product made so far
// (A, B and C: 16 MB for the benchmark's 512×1024·(1024×1024)ᵀ) and is kept for the next one.
import { GEMM_WASM_BASE64 } from "./gemm-wasm.ts";
import type { Mat } from "./mat.ts";

interface GemmExports {
  memory: WebAssembly.Memory;
  gemmBlock(a: number, b: number, c: number, M: number, N: number, K: number, j0: number, j1: number, k0: number, kLen: number): void;
}

/** The instantiated module; null where it cannot run; undefined until first asked. */
let gemm: GemmExports | null | undefined;

/** The blocks of B the kernel is called on: rows (columns of C), and columns of K (gemm.wat). */
const BLOCK_ROWS = 64, BLOCK_COLS = 256;

/** Largest A, B and C together (bytes): byte offsets stay below 2³¹, so no address arithmetic in the kernel overflows. */
const MAX_BYTES = 2 ** 31 - 2 ** 16;

function instance(): GemmExports | null {
  if (gemm === undefined) {
    try {
      const bytes = Uint8Array.from(atob(GEMM_WASM_BASE64), (c) => c.charCodeAt(0));
      gemm = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as GemmExports;
    } catch {
      gemm = null; // no WebAssembly, or no SIMD: the module does not compile
    }
  }
  return gemm;
}

/** Which kernel float64 products run on here: "wasm-simd", or "js" where WebAssembly SIMD is missing. */
export function float64Kernel(): "wasm-simd" | "js" {
  return instance() ? "wasm-simd" : "js";
}

const roundUp = (n: number, m: number): number => Math.ceil(n / m) * m;

/** m (row-major) into heap at `at`, rows stride apart (stride is cols, or cols + 1 with a zero column). */
function place(heap: Float64Array, m: Mat, at: number, stride: number): void {
  if (stride === m.cols) heap.set(m.data, at);
  else for (let r = 0; r < m.rows; r++) {
    heap.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), at + r * stride);
    heap[at + r * stride + m.cols] = 0;
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
  const bytes = 8 * (Mp * Kp + Np * Kp + Mp * Np);
  const g = instance();
  if (!g || bytes > MAX_BYTES) return null;
  try {
    const have = g.memory.buffer.byteLength;
    if (have < bytes) g.memory.grow(Math.ceil((bytes - have) / 65536));
  } catch {
    return null; // the engine would not grow the memory: the JavaScript kernel needs less
  }
  const heap = new Float64Array(g.memory.buffer);
  const pa = 0, pb = Mp * Kp, pc = pb + Np * Kp;
  place(heap, a, pa, Kp);
  heap.fill(0, pa + M * Kp, pb);
  place(heap, b, pb, Kp);
  heap.fill(0, pb + N * Kp, pc);
  heap.fill(0, pc, pc + Mp * Np);
  for (let j0 = 0; j0 < Np; j0 += BLOCK_ROWS)
    for (let k0 = 0; k0 < Kp; k0 += BLOCK_COLS) g.gemmBlock(8 * pa, 8 * pb, 8 * pc, Mp, Np, Kp, j0, Math.min(Np, j0 + BLOCK_ROWS), k0, Math.min(BLOCK_COLS, Kp - k0));
  const c = new Float64Array(M * N);
  if (Np === N) c.set(heap.subarray(pc, pc + M * N));
  else for (let i = 0; i < M; i++) c.set(heap.subarray(pc + i * Np, pc + i * Np + N), i * N);
  return { rows: M, cols: N, data: c };
}
