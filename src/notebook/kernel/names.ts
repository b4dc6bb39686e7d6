// What a cell's code defines and reads at its top level, for the page's dependency graph
// (src/notebook/graph.ts). Scopes are resolved by eslint-scope, ESLint's own analyser, so a name
// used inside a function, shadowed by a parameter or a block's `let`, or bound by destructuring is
// counted as JavaScript counts it:
//  - defines: what the cell declares at its top level (const/let/var, function, class, destructured
//    names) and names it assigns without declaring (`total += 1` changes another cell's `total`);
//  - imports: what its imports bind — the same module object on every run, so never a reason to re-run;
//  - reads: every name it uses that its own top level does not declare, wherever the use is (in a
//    function body too: calling it later reads the name then). Globals (Math, display) are among them;
//    the graph keeps those that some cell defines.
import { analyze } from "eslint-scope";
import type { Program } from "acorn";
import type { CellNames } from "../protocol.ts";

export function cellNames(program: Program): CellNames {
  // acorn's tree is ESTree; eslint-scope's types name @types/estree's Program.
  const manager = analyze(program as unknown as Parameters<typeof analyze>[0], { ecmaVersion: 2022, sourceType: "module" });
  const top = manager.globalScope!.childScopes.find((scope) => scope.type === "module");
  const defines = new Set<string>();
  const imports = new Set<string>();
  for (const variable of top?.variables ?? []) {
    if (variable.defs.some((def) => def.type === "ImportBinding")) imports.add(variable.name);
    else defines.add(variable.name);
  }
  const reads = new Set<string>();
  for (const reference of manager.globalScope!.through) {
    const name = reference.identifier.name;
    if (reference.isRead()) reads.add(name);
    if (reference.isWrite()) defines.add(name);
  }
  return { defines: [...defines], imports: [...imports], reads: [...reads] };
}
