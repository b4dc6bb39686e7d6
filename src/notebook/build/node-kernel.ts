// The kernel as the build (and the unit tests) run it in Node: wasm backend (cpu if wasm fails),
// with the .wasm files read straight from node_modules.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Kernel } from "../kernel/kernel.ts";

export function nodeWasmPath(): string {
  const require = createRequire(join(process.cwd(), "package.json"));
  return `${dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json"))}/dist/`;
}

export function startNodeKernel(): Promise<Kernel> {
  return Kernel.start({ backends: ["wasm", "cpu"], wasmPath: nodeWasmPath() });
}
