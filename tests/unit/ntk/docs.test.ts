// Every function, class and constant the `ntk` library exports has a doc comment: the published
// declarations (lib/ntk@<version>.d.ts) carry them to editors. Read with `deno doc --json`, which
// parses TypeScript natively (TypeScript 7 has no JavaScript API for a generator to use).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

interface DocNode {
  name: string;
  declarations: { kind: string; location: { filename: string; line: number; col: number }; jsDoc?: { doc?: string } }[];
}

function exported(): DocNode[] {
  const result = spawnSync("node_modules/.bin/deno", ["doc", "--json", "src/ntk/index.ts"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 * 1024 * 1024 });
  expect(result.status, result.stderr).toBe(0);
  const doc = JSON.parse(result.stdout) as { nodes: Record<string, { symbols: DocNode[] }> };
  return Object.values(doc.nodes).flatMap((module) => module.symbols);
}

describe("the ntk library's documentation", () => {
  it("has a doc comment on every exported function, class and constant", () => {
    const symbols = exported();
    expect(symbols.length).toBeGreaterThan(40);
    const undocumented = symbols.flatMap((symbol) =>
      symbol.declarations
        .filter((d) => ["function", "class", "variable"].includes(d.kind) && !d.jsDoc?.doc?.trim())
        .map((d) => `${d.location.filename.replace(/^file:\/\/\//, "/").replace(`${process.cwd()}/`, "")}:${d.location.line}:${d.location.col + 1}: ${d.kind} ${symbol.name} has no doc comment`),
    );
    expect(undocumented).toEqual([]);
  });
});
