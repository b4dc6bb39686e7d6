// Tensors as the library's WebAssembly kernels (kernels.wat) see them: on the backends whose tensors live in CPU
// memory (tfjs-wasm, tfjs-cpu), read where they are, and the kernels' results made tensors again.
import * as tf from "@tensorflow/tfjs";

/** What the wasm backend keeps of a tensor (tfjs-backend-wasm's BackendWasm: its heap and each tensor's place in it). */
interface WasmBackendInternals {
  wasm?: { HEAPU8?: Uint8Array };
  dataIdMap?: { get(dataId: object): { memoryOffset?: number | null } | undefined };
}

/** Whether the current backend keeps tensors in CPU memory, where the kernels can run on them. */
export const onHostBackend = (): boolean => tf.getBackend() === "wasm" || tf.getBackend() === "cpu";

/**
 * A tensor's values as float32 where the CPU can read them: on the wasm backend a view of tfjs's own heap (no copy:
 * dataSync would copy 8 MB for chapter 7's stacked weights, most of a step), elsewhere dataSync (converted if not float32).
 */
export function hostData(t: tf.Tensor): Float32Array {
  const backend = tf.backend() as unknown as WasmBackendInternals;
  const heap = backend.wasm?.HEAPU8;
  const offset = backend.dataIdMap?.get(t.dataId)?.memoryOffset;
  if (tf.getBackend() === "wasm" && t.dtype === "float32" && heap && typeof offset === "number" && offset + 4 * t.size <= heap.byteLength)
    return new Float32Array(heap.buffer, heap.byteOffset + offset, t.size);
  const values = t.dataSync();
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

/**
 * A kernel's result as a tensor of `shape`. Its values are a view of the kernels' memory that the next call
 * overwrites: tfjs-wasm copies them into its heap, but tfjs-cpu would keep the array itself, so there they are copied first.
 */
export function tensorFromView<T extends tf.Tensor>(values: Float32Array, shape: readonly number[]): T {
  return tf.tensor(tf.getBackend() === "wasm" ? values : values.slice(), [...shape], "float32") as T;
}
