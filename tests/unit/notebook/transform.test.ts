import { describe, expect, it } from "vitest";
import { CellCompileError, compileCell } from "../../../src/notebook/kernel/transform.ts";

type CellFn = (scope: Record<string, unknown>, load: (name: string) => Promise<object>, checkpoint: (value: unknown) => Promise<unknown>) => Promise<unknown>;

/** Compiles and runs a cell on `scope` the way the kernel does. */
async function run(source: string, scope: Record<string, unknown>, modules: Record<string, object> = {}): Promise<unknown> {
  const compiled = compileCell(source, "nb-run-test");
  for (const name of compiled.declared) if (!(name in scope)) scope[name] = undefined;
  const fn = (0, eval)(compiled.code) as CellFn;
  return fn(scope, async (name) => modules[name], async (value) => value);
}

function compileError(source: string): CellCompileError {
  try {
    compileCell(source, "nb-run-test");
  } catch (error) {
    if (error instanceof CellCompileError) return error;
    throw error;
  }
  throw new Error("expected a compile error");
}

describe("compileCell", () => {
  it("shares top-level names between cells and lets `const` be re-run", async () => {
    const scope: Record<string, unknown> = Object.create(null);
    await run("const x: number = 2;\nlet y = x * 3", scope);
    expect(await run("y + x", scope)).toBe(8);
    await run("const x = 10", scope);
    expect(await run("x", scope)).toBe(10);
  });

  it("declares destructured names, functions (hoisted) and classes", async () => {
    const scope: Record<string, unknown> = Object.create(null);
    await run("const { a, b: [c, ...rest] } = { a: 1, b: [2, 3, 4] };\nconst n = twice(a);\nfunction twice(v: number): number { return 2 * v }\nclass P { q = 5 }", scope);
    expect(scope.a).toBe(1);
    expect(scope.c).toBe(2);
    expect(scope.rest).toEqual([3, 4]);
    expect(scope.n).toBe(2);
    expect(await run("new P().q + twice(c)", scope)).toBe(9);
  });

  it("survives missing semicolons around rewritten declarations", async () => {
    const scope: Record<string, unknown> = Object.create(null);
    expect(await run("const f = (v: number) => v + 1\nf(0)\nconst z = f(1)\nz", scope)).toBe(2);
  });

  it("returns the last expression, supports top-level await, and strips types", async () => {
    const scope: Record<string, unknown> = Object.create(null);
    expect(await run("interface P { x: number }\nconst p: P = { x: await Promise.resolve(4) };\np.x as number", scope)).toBe(4);
    expect(await run("const q = 1;", scope)).toBeUndefined();
    expect(await run("({ q, double: q * 2 })", scope)).toEqual({ q: 1, double: 2 });
  });

  it("maps imports of the kernel's modules and rejects any other with its line:column", async () => {
    const scope: Record<string, unknown> = Object.create(null);
    const ntk = { linspace: (a: number) => a };
    await run('import * as tf from "@tensorflow/tfjs";\nimport { linspace as ls } from "ntk";', scope, { "@tensorflow/tfjs": { tag: "tf" }, ntk });
    expect(scope.tf).toEqual({ tag: "tf" });
    expect(scope.ls).toBe(ntk.linspace);
    const error = compileError('const a = 1;\nimport _ from "lodash";');
    expect(error.message).toMatch(/cannot import "lodash".*"@tensorflow\/tfjs".*"ntk"/);
    expect(error.position).toEqual({ line: 2, column: 15 });
  });

  it("reports a syntax error at its line:column in the TypeScript", () => {
    const error = compileError("const a: number = 1;\nconst b = (a + ;");
    expect(error.position).toEqual({ line: 2, column: 16 });
  });

  it("maps a generated position back through type stripping", async () => {
    const source = "const v: Array<number> = [1];\nconst w: { deep: number } | null = null;\nw!.deep";
    const compiled = compileCell(source, "nb-run-map");
    const fn = (0, eval)(compiled.code) as CellFn;
    const scope: Record<string, unknown> = { v: undefined, w: undefined };
    const error = await fn(scope, async () => ({}), async (value) => value).catch((e: Error) => e);
    const frame = /nb-run-map:(\d+):(\d+)/.exec((error as Error).stack ?? "");
    expect(frame).not.toBeNull();
    // `w!.deep`: V8 points at `.deep`; the `!` is stripped but the mapping restores its column.
    expect(compiled.toSource({ line: Number(frame![1]), column: Number(frame![2]) })).toEqual({ line: 3, column: 4 });
  });
});
