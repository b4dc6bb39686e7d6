// Turns a cell's TypeScript into a function the kernel can call with the notebook's shared scope.
//  1. sucrase strips the types (keeping every token on its line, with a token-accurate source map);
//  2. acorn parses the result, and top-level declarations become assignments to the scope object,
//     so cells share names and re-running `const x = …` just assigns x again;
//  3. imports become `await __nbImport("…")` of the kernel's own modules (any other import is an error);
//  4. the last expression statement becomes the function's return value (the cell's "Out");
//  5. every `await x` becomes `await __nbAwait(x)`, where a run a newer one superseded stops.
// The code runs inside `with (__nbScope) { … }`: every name a cell declares lives on that object.
import { transform } from "sucrase";
import { parse, type Node, type Pattern, type Program, type ImportDeclaration, type VariableDeclaration } from "acorn";
import { simple } from "acorn-walk";
import type { SourceRange } from "../protocol.ts";
import { cellNames } from "./names.ts";
import type { CellNames } from "../protocol.ts";
import {
  applyEdits,
  decodeMappings,
  jsToTs,
  lineColumnToOffset,
  offsetToLineColumn,
  unEditOffset,
  type Edit,
  type LineColumn,
  type LineSegments,
} from "./positions.ts";

export const MODULES = ["@tensorflow/tfjs", "@observablehq/plot", "ntk"] as const;
export type ModuleName = (typeof MODULES)[number];

export function isModuleName(name: string): name is ModuleName {
  return (MODULES as readonly string[]).includes(name);
}

/** A problem found before the cell runs, at a position in the cell's TypeScript. */
export class CellCompileError extends Error {
  constructor(message: string, readonly position: LineColumn) {
    super(message);
    this.name = "SyntaxError";
  }
}

export interface CompiledCell {
  /** An expression evaluating to `async (scope, importModule, checkpoint) => lastValue`. */
  code: string;
  /** Top-level names the cell declares (they must exist on the scope before it runs). */
  declared: string[];
  /** What the cell defines and reads, for the page's dependency graph. */
  names: CellNames;
  /** Where the cell calls `Inputs.<type>(…)`, in source order. */
  controlSites: SourceRange[];
  /** The generated code's line:column → the cell's TypeScript line:column. */
  toSource(generated: LineColumn): LineColumn;
}

const HEADER = "(async function (__nbScope, __nbImport, __nbAwait) { with (__nbScope) {";

/** A cell's TypeScript, stripped of its types and parsed. */
interface ParsedCell {
  js: string;
  program: Program;
  /** sucrase's output offset → the cell's TypeScript line:column */
  position(offset: number): LineColumn;
  segments: LineSegments;
}

function parseCell(ts: string): ParsedCell {
  let js: string;
  let segments: LineSegments;
  try {
    const result = transform(ts, {
      transforms: ["typescript"],
      disableESTransforms: true,
      keepUnusedImports: true, // an import binds a name for later cells even if this cell does not use it
      filePath: "cell.ts",
      sourceMapOptions: { compiledFilename: "cell.js" },
    });
    js = result.code;
    segments = decodeMappings(result.sourceMap?.mappings ?? "");
  } catch (error) {
    throw compileErrorFromSucrase(ts, error);
  }

  let program: Program;
  try {
    // ranges: eslint-scope (names.ts) reads them
    program = parse(js, { ecmaVersion: "latest", sourceType: "module", allowAwaitOutsideFunction: true, locations: true, ranges: true });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const at = loc ? jsToTs(segments, { line: loc.line, column: loc.column + 1 }) : { line: 1, column: 1 };
    throw new CellCompileError(cleanAcornMessage(error), at);
  }
  return { js, program, segments, position: (offset) => jsToTs(segments, offsetToLineColumn(js, offset)) };
}

/** What a cell defines and reads (null when it does not compile): for the build and the page's graph. */
export function analyzeCell(ts: string): CellNames | null {
  try {
    return cellNames(parseCell(ts).program);
  } catch (error) {
    if (error instanceof CellCompileError) return null;
    throw error;
  }
}

export function compileCell(ts: string, sourceUrl: string): CompiledCell {
  const { js, program, segments, position: jsPosition } = parseCell(ts);
  const { edits, declared, hoisted } = rewriteTopLevel(program, js, jsPosition);
  const controlSites: SourceRange[] = [];
  simple(program, {
    AwaitExpression(node) {
      edits.push({ start: node.argument.start, end: node.argument.start, text: "__nbAwait(" }, { start: node.argument.end, end: node.argument.end, text: ")" });
    },
    CallExpression(node) {
      const callee = node.callee;
      if (callee.type === "MemberExpression" && !callee.computed && callee.object.type === "Identifier" && callee.object.name === "Inputs") {
        const end = jsPosition(node.end - 1); // the closing parenthesis
        controlSites.push({ start: jsPosition(node.start), end: { line: end.line, column: end.column + 1 } });
      }
    },
  });
  edits.sort((a, b) => a.start - b.start);
  const allEdits: Edit[] = [{ start: 0, end: 0, text: HEADER + hoisted.map((name) => `__nbScope.${name} = ${name};`).join("") }, ...edits];
  const body = applyEdits(js, allEdits);
  const code = `${body}\n}})\n//# sourceURL=${sourceUrl}`;
  return {
    code,
    declared,
    names: cellNames(program),
    controlSites,
    toSource(generated) {
      const jsOffset = unEditOffset(allEdits, lineColumnToOffset(code, generated));
      return jsToTs(segments, offsetToLineColumn(js, jsOffset));
    },
  };
}

function rewriteTopLevel(program: Program, js: string, position: (offset: number) => LineColumn) {
  const edits: Edit[] = [];
  const declared: string[] = [];
  const hoisted: string[] = [];
  const body = program.body;
  body.forEach((statement, i) => {
    const isLast = i === body.length - 1;
    switch (statement.type) {
      case "ImportDeclaration":
        edits.push(rewriteImport(statement, declared, position));
        break;
      case "VariableDeclaration":
        edits.push(...rewriteVariables(statement, js, declared));
        break;
      case "FunctionDeclaration":
        // Kept as a declaration (so it is hoisted inside the cell) and copied onto the scope first thing.
        if (statement.id) {
          declared.push(statement.id.name);
          hoisted.push(statement.id.name);
        }
        break;
      case "ClassDeclaration":
        if (statement.id) {
          declared.push(statement.id.name);
          edits.push({ start: statement.end, end: statement.end, text: `;__nbScope.${statement.id.name} = ${statement.id.name};` });
        }
        break;
      case "ExportNamedDeclaration":
      case "ExportDefaultDeclaration":
      case "ExportAllDeclaration":
        throw new CellCompileError("export is not needed in a cell: every top-level name is shared with the cells below", position(statement.start));
      case "ExpressionStatement":
        // At the statement's start, not the expression's: `({ a })` has its parentheses outside.
        if (isLast) edits.push({ start: statement.start, end: statement.start, text: "return " });
        break;
      default:
        break;
    }
  });
  return { edits, declared: [...new Set(declared)], hoisted };
}

function rewriteImport(statement: ImportDeclaration, declared: string[], position: (offset: number) => LineColumn): Edit {
  const from = String(statement.source.value);
  if (!isModuleName(from)) {
    throw new CellCompileError(
      `cannot import "${from}": a cell can import only ${MODULES.map((m) => `"${m}"`).join(", ")}`,
      position(statement.source.start),
    );
  }
  const load = `await __nbImport(${JSON.stringify(from)})`;
  const fields: string[] = [];
  let text = `;${load};`;
  for (const specifier of statement.specifiers) {
    declared.push(specifier.local.name);
    if (specifier.type === "ImportNamespaceSpecifier") text = `;${specifier.local.name} = ${load};`;
    else if (specifier.type === "ImportDefaultSpecifier") fields.push(`default: ${specifier.local.name}`);
    else {
      const imported = specifier.imported.type === "Identifier" ? specifier.imported.name : JSON.stringify(specifier.imported.value);
      fields.push(`${imported}: ${specifier.local.name}`);
    }
  }
  if (fields.length > 0) text = `;({ ${fields.join(", ")} } = ${load});`;
  return { start: statement.start, end: statement.end, text };
}

/** `const a = 1, {b} = o` → `;(a = 1), ({b} = o);` — the leading and trailing `;` guard against ASI. */
function rewriteVariables(statement: VariableDeclaration, js: string, declared: string[]): Edit[] {
  const edits: Edit[] = [{ start: statement.start, end: statement.declarations[0].start, text: ";" }];
  for (const declarator of statement.declarations) {
    collectNames(declarator.id, declared);
    edits.push({ start: declarator.start, end: declarator.start, text: "(" });
    if (declarator.init === null || declarator.init === undefined) edits.push({ start: declarator.id.end, end: declarator.id.end, text: " = undefined" });
    edits.push({ start: declarator.end, end: declarator.end, text: ")" });
  }
  if (js[statement.end - 1] !== ";") edits.push({ start: statement.end, end: statement.end, text: ";" });
  return edits;
}

function collectNames(pattern: Pattern | Node, into: string[]): void {
  const node = pattern as Pattern;
  switch (node.type) {
    case "Identifier":
      into.push(node.name);
      break;
    case "ObjectPattern":
      for (const property of node.properties) collectNames(property.type === "RestElement" ? property.argument : property.value, into);
      break;
    case "ArrayPattern":
      for (const element of node.elements) if (element) collectNames(element, into);
      break;
    case "RestElement":
      collectNames(node.argument, into);
      break;
    case "AssignmentPattern":
      collectNames(node.left, into);
      break;
    default:
      break;
  }
}

function compileErrorFromSucrase(ts: string, error: unknown): CellCompileError {
  const pos = (error as { pos?: number }).pos;
  const message = error instanceof Error ? error.message.replace(/^Error transforming [^:]*: /, "").replace(/\s*\(\d+:\d+\)$/, "") : String(error);
  return new CellCompileError(message, typeof pos === "number" ? offsetToLineColumn(ts, pos) : { line: 1, column: 1 });
}

function cleanAcornMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\(\d+:\d+\)$/, "");
}
