// The library's WebAssembly module (kernels.wat, its bytes inline in kernels-wasm.ts): instantiated on first use,
// its memory grown to what a call needs and kept for the next. Its users: gemm.ts (the products) and erf32.ts.
import { KERNELS_WASM_BASE64 } from "./kernels-wasm.ts";

/** The module's exports (kernels.wat documents each). */
export interface KernelExports {
  memory: WebAssembly.Memory;
  gemmBlock(a: number, b: number, c: number, M: number, N: number, K: number, j0: number, j1: number, k0: number, kLen: number): void;
  sgemmAB(a: number, sRow: number, sRed: number, b: number, c: number, M: number, N: number, K: number, ldb: number): void;
  sgemmBlockABt(a: number, b: number, c: number, M: number, N: number, K: number, j0: number, j1: number, k0: number, kLen: number): void;
  erfF32(z: number, out: number, dOut: number, n: number): void;
}

/** The instantiated module; null where it cannot run; undefined until first asked. */
let kernels: KernelExports | null | undefined;

/** Largest memory a call may ask for (bytes): byte offsets stay below 2³¹, so no address arithmetic in a kernel overflows. */
const MAX_BYTES = 2 ** 31 - 2 ** 16;

function instance(): KernelExports | null {
  if (kernels === undefined) {
    try {
      const bytes = Uint8Array.from(atob(KERNELS_WASM_BASE64), (c) => c.charCodeAt(0));
      kernels = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as KernelExports;
    } catch {
      kernels = null; // no WebAssembly, or no SIMD: the module does not compile
    }
  }
  return kernels;
}

/** Whether the module runs here (WebAssembly with SIMD); where it does not, every kernel's caller has a fallback. */
export function kernelsRun(): boolean {
  return instance() !== null;
}

/** The module with at least `bytes` of memory, or null where it cannot run or would not grow. */
export function withMemory(bytes: number): KernelExports | null {
  const k = instance();
  if (!k || bytes > MAX_BYTES) return null;
  try {
    const have = k.memory.buffer.byteLength;
    if (have < bytes) k.memory.grow(Math.ceil((bytes - have) / 65536));
  } catch {
    return null; // the engine would not grow the memory: the caller's fallback needs less
  }
  return k;
}

export const roundUp = (n: number, m: number): number => Math.ceil(n / m) * m;
