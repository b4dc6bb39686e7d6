// Tensor bookkeeping across cell runs. Each run is a tfjs scope: tensors the cell created are
// disposed at its end unless a top-level name still reaches them (directly or inside arrays,
// objects, Maps, class instances). A tensor some earlier run kept is disposed once no name reaches
// it any more (re-running `const x = tf.randn(…)` replaces x). Tensors captured only by closures are
// not seen: keep them in a top-level name or tf.keep() them.
import type { Tensor } from "@tensorflow/tfjs";

type Tf = typeof import("@tensorflow/tfjs");

const MAX_VISITS = 200_000;

export class TensorKeeper {
  private kept = new Set<Tensor>();

  constructor(private readonly tf: Tf) {}

  begin(): void {
    this.tf.engine().startScope();
  }

  end(roots: readonly unknown[]): void {
    const reachable = this.reachable(roots);
    this.tf.engine().endScope([...reachable]);
    for (const tensor of this.kept) if (!reachable.has(tensor) && !tensor.isDisposed) tensor.dispose();
    this.kept = reachable;
  }

  private reachable(roots: readonly unknown[]): Set<Tensor> {
    const found = new Set<Tensor>();
    const seen = new Set<object>();
    const stack = [...roots];
    let visits = 0;
    while (stack.length > 0 && visits++ < MAX_VISITS) {
      const value = stack.pop();
      if (typeof value !== "object" || value === null || seen.has(value)) continue;
      seen.add(value);
      if (value instanceof this.tf.Tensor) {
        if (!value.isDisposed) found.add(value);
        continue;
      }
      if (ArrayBuffer.isView(value) || "nodeType" in value) continue; // numbers and DOM nodes hold no tensors
      if (Array.isArray(value)) {
        // Arrays of numbers are common and large: look at the first item only to rule them out.
        if (value.length > 0 && (typeof value[0] !== "object" || value[0] === null)) continue;
        stack.push(...value);
      } else if (value instanceof Map || value instanceof Set) {
        stack.push(...value.values());
      } else {
        stack.push(...Object.values(value));
      }
    }
    return found;
  }
}
