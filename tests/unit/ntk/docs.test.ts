// The `ntk` library's documentation, as the API reference (src/pages/api/) and editors show it. Read
// with `deno doc --json` through the reference's own model (src/api/model.ts): the published
// declarations (lib/ntk@<version>.d.ts) carry the same comments to editors.
//
// The rules, for every exported function:
// - a doc comment, an `@param` for each parameter and an `@example`;
// - an `@throws` that names (in backticks) at least one of its parameters: every export checks its
//   arguments (docs/library.md, "Argument checks"), and a function whose body calls `fail(` or a
//   check*/to* validator must say what it checks;
// - each `@chapter` names a chapter and equation labels that exist;
// and every example runs.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { parseChapterTag, readChapters, resolveChapterTag } from "../../../src/api/chapter-refs.ts";
import { type ApiExport, type ApiFunction, readApiModel } from "../../../src/api/model.ts";

const model = readApiModel();
const exports = [...model.byName.values()];
const functions = exports.filter((e): e is ApiFunction & ApiExport => e.kind === "function");
const where = (e: ApiExport) => `${e.source}: ${e.name}`;

/** The body of the function declared at `source` (file:line), from its line to the brace that closes it. */
function functionBody(source: string): string {
  const [file, line] = source.split(":");
  const lines = readFileSync(file, "utf8").split("\n").slice(Number(line) - 1);
  const text = lines.join("\n");
  const open = text.indexOf("{", text.indexOf(")"));
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(open, i + 1);
  }
  return text;
}

/** An example's code: the ```ts fence's body, or the whole text when it has no fence. */
function exampleCode(example: string): string {
  return /^```\w*\n([\s\S]*?)\n```/.exec(example.trim())?.[1] ?? example;
}

describe("the ntk library's documentation", () => {
  it("has a doc comment on every exported function, class and constant", () => {
    expect(exports.length).toBeGreaterThan(40);
    const undocumented = exports.filter((e) => ["function", "class", "variable"].includes(e.kind) && !e.doc).map((e) => `${where(e)} has no doc comment`);
    expect(undocumented).toEqual([]);
  });

  it("documents every parameter of every exported function, with an @example", () => {
    expect(functions.length).toBeGreaterThan(40);
    const missing = functions.flatMap((f) => [
      ...f.params.filter((p) => !p.doc).map((p) => `${where(f)}: no @param ${p.name}`),
      ...(f.examples.length === 0 ? [`${where(f)}: no @example`] : []),
    ]);
    expect(missing).toEqual([]);
  });

  it("says what each exported function checks: an @throws naming a parameter, wherever the body checks its arguments", () => {
    const checks = /\b(fail|check[A-Z]\w*|to(Mat|Vec|Targets)|[a-z]\w*For)\(/;
    const problems = functions.flatMap((f) => {
      const names = f.params.map((p) => p.name.replace(/^\.\.\./, ""));
      const named = f.throws.some((t) => names.some((n) => t.includes(`\`${n}\``)));
      if (f.throws.length > 0 && !named) return [`${where(f)}: @throws names none of its parameters (${names.join(", ")}) in backticks`];
      if (f.throws.length === 0 && checks.test(functionBody(f.source))) return [`${where(f)}: checks its arguments but has no @throws`];
      return f.throws.length === 0 ? [`${where(f)}: no @throws (every export checks its arguments)`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("points every @chapter tag at a chapter and equations that exist", () => {
    const chapters = readChapters();
    const tagged = exports.filter((e) => e.chapters.length > 0);
    expect(tagged.length, "exports that name the chapter they implement").toBeGreaterThan(25);
    const problems = tagged.flatMap((e) =>
      e.chapters.flatMap((text) => {
        const tag = parseChapterTag(text);
        const ref = tag ? resolveChapterTag(tag, chapters) : "does not start with a chapter number";
        return typeof ref === "string" ? [`${where(e)}: @chapter ${text}: ${ref}`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it("has examples that run", async () => {
    const dir = join(process.cwd(), ".cache", "api-examples");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const failed: string[] = [];
    for (const f of functions)
      for (const [i, example] of f.examples.entries()) {
        const file = join(dir, `${f.name}-${i}.ts`);
        writeFileSync(file, `${exampleCode(example)}\nexport {};\n`);
        try {
          await import(/* @vite-ignore */ pathToFileURL(file).href);
        } catch (error) {
          failed.push(`${where(f)}: example ${i + 1} throws ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    expect(failed).toEqual([]);
  }, 240_000);
});
