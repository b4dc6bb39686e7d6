// The `ntk` library's API as a typed model, read from its TSDoc by `deno doc --json src/ntk/index.ts`
// (Deno is a devDependency; it parses TypeScript natively, which TypeScript 7 offers no JavaScript API
// for). Run once per process and kept: the API pages, the links from the chapters to them and the
// documentation test all read this one model.
//
// Each export is filed under the source module that declares it (analytic.ts → "analytic"); a module's
// summary is the first sentence of the `//` comment that opens its file, its overview the whole comment.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DocParam, type DocProperty, type DocType, paramParts, paramText, typeText } from "./type-text.ts";

interface DocTag {
  kind: string;
  name?: string;
  doc?: string;
  value?: string;
  tsType?: DocType;
}

interface JsDoc {
  doc?: string;
  tags?: DocTag[];
}

interface DocFunctionDef {
  params: DocParam[];
  returnType?: DocType;
  typeParams?: { name: string }[];
  isAsync?: boolean;
}

interface DocDeclaration {
  kind: "function" | "class" | "interface" | "typeAlias" | "variable" | "enum" | "namespace";
  location: { filename: string; line: number; col: number };
  jsDoc?: JsDoc;
  def?: Record<string, unknown>;
}

/** A parameter as the reference shows it. */
export interface ApiParam {
  name: string;
  type: string | null;
  optional: boolean;
  /** its `@param` text ("" when it has none) */
  doc: string;
}

/** What every documented thing has: its doc comment, split into text and tags. */
export interface ApiDoc {
  /** the comment's text before its tags */
  doc: string;
  /** `@throws` texts */
  throws: string[];
  /** `@example` bodies (Markdown: usually one ```ts fence) */
  examples: string[];
  /** `@chapter` tags' texts ("6 nngp-recursion") */
  chapters: string[];
  /** `@see` texts */
  see: string[];
  /** `@returns` text ("" when it has none) */
  returns: string;
}

export interface ApiFunction extends ApiDoc {
  kind: "function";
  name: string;
  params: ApiParam[];
  returnType: string | null;
  signature: string;
}

export interface ApiMember extends ApiDoc {
  kind: "method" | "property" | "constructor";
  name: string;
  /** a method's or constructor's parameters */
  params: ApiParam[];
  /** a method's return type, a property's type */
  type: string | null;
  signature: string;
  optional: boolean;
  readonly: boolean;
}

export interface ApiContainer extends ApiDoc {
  kind: "class" | "interface";
  name: string;
  signature: string;
  members: ApiMember[];
}

export interface ApiValue extends ApiDoc {
  kind: "typeAlias" | "variable";
  name: string;
  type: string | null;
  signature: string;
}

export type ApiExport = (ApiFunction | ApiContainer | ApiValue) & {
  module: string;
  /** where it is declared, relative to the project: src/ntk/analytic.ts:349 */
  source: string;
};

export interface ApiModule {
  /** the source file's name without .ts: "analytic" */
  name: string;
  /** src/ntk/analytic.ts */
  file: string;
  summary: string;
  overview: string;
  exports: ApiExport[];
}

export interface ApiModel {
  /** the library's version (src/ntk/package.json) */
  version: string;
  modules: ApiModule[];
  /** every export by name */
  byName: Map<string, ApiExport>;
}

const LIBRARY = "src/ntk";

function docParts(jsDoc: JsDoc | undefined): ApiDoc & { params: Map<string, string> } {
  const tags = jsDoc?.tags ?? [];
  const texts = (kind: string) => tags.filter((t) => t.kind === kind).map((t) => (t.doc ?? "").trim());
  const custom = (name: string) =>
    tags.filter((t) => t.kind === "unsupported" && t.value?.startsWith(`@${name}`)).map((t) => t.value!.slice(name.length + 1).trim());
  return {
    doc: (jsDoc?.doc ?? "").trim(),
    throws: texts("throws"),
    examples: texts("example"),
    chapters: custom("chapter"),
    see: texts("see"),
    returns: texts("return")[0] ?? "",
    params: new Map(tags.filter((t) => t.kind === "param" && t.name).map((t) => [t.name!, (t.doc ?? "").trim()])),
  };
}

function apiParams(params: readonly DocParam[], docs: Map<string, string>): ApiParam[] {
  return params.map((p) => {
    const { name, type, optional, rest } = paramParts(p);
    return { name: rest ? `...${name}` : name, type, optional, doc: docs.get(name) ?? "" };
  });
}

function signatureOf(name: string, def: DocFunctionDef): string {
  const typeParams = def.typeParams?.length ? `<${def.typeParams.map((t) => t.name).join(", ")}>` : "";
  const returns = def.returnType ? `: ${typeText(def.returnType)}` : "";
  return `${name}${typeParams}(${def.params.map(paramText).join(", ")})${returns}`;
}

function functionExport(name: string, decl: DocDeclaration): ApiFunction {
  const def = decl.def as unknown as DocFunctionDef;
  const { params, ...doc } = docParts(decl.jsDoc);
  return {
    kind: "function",
    name,
    ...doc,
    params: apiParams(def.params, params),
    returnType: def.returnType ? typeText(def.returnType) : null,
    signature: `function ${signatureOf(name, def)}`,
  };
}

interface DocClassDef {
  constructors?: { params: DocParam[]; jsDoc?: JsDoc; accessibility?: string }[];
  properties?: (DocProperty & { jsDoc?: JsDoc; accessibility?: string; isStatic?: boolean })[];
  methods?: { name: string; kind: string; jsDoc?: JsDoc; accessibility?: string; isStatic?: boolean; functionDef: DocFunctionDef }[];
  extends?: string;
}

interface DocInterfaceDef {
  properties?: (DocProperty & { jsDoc?: JsDoc })[];
  methods?: { name: string; jsDoc?: JsDoc; optional?: boolean; params: DocParam[]; returnType?: DocType }[];
  extends?: DocType[];
}

function memberDoc(jsDoc: JsDoc | undefined) {
  const { params, ...doc } = docParts(jsDoc);
  return { doc, params };
}

function classExport(name: string, decl: DocDeclaration): ApiContainer {
  const def = decl.def as unknown as DocClassDef;
  const isPublic = (m: { accessibility?: string }) => m.accessibility !== "private" && m.accessibility !== "protected";
  const members: ApiMember[] = [
    ...(def.constructors ?? []).filter(isPublic).map((c): ApiMember => {
      const { doc, params } = memberDoc(c.jsDoc);
      return { kind: "constructor", name: "constructor", ...doc, params: apiParams(c.params, params), type: null, signature: `new ${name}(${c.params.map(paramText).join(", ")})`, optional: false, readonly: false };
    }),
    ...(def.properties ?? []).filter(isPublic).map((p): ApiMember => {
      const { doc } = memberDoc(p.jsDoc);
      const type = p.tsType ? typeText(p.tsType) : null;
      return { kind: "property", name: p.name, ...doc, params: [], type, signature: `${p.isStatic ? "static " : ""}${p.readonly ? "readonly " : ""}${p.name}${p.optional ? "?" : ""}${type ? `: ${type}` : ""}`, optional: p.optional === true, readonly: p.readonly === true };
    }),
    ...(def.methods ?? []).filter(isPublic).map((m): ApiMember => {
      const { doc, params } = memberDoc(m.jsDoc);
      const prefix = `${m.isStatic ? "static " : ""}${m.kind === "getter" ? "get " : m.kind === "setter" ? "set " : ""}`;
      return { kind: "method", name: m.name, ...doc, params: apiParams(m.functionDef.params, params), type: m.functionDef.returnType ? typeText(m.functionDef.returnType) : null, signature: prefix + signatureOf(m.name, m.functionDef), optional: false, readonly: false };
    }),
  ];
  const { params: _, ...doc } = docParts(decl.jsDoc);
  return { kind: "class", name, ...doc, members, signature: `class ${name}${def.extends ? ` extends ${def.extends}` : ""}` };
}

function interfaceExport(name: string, decl: DocDeclaration): ApiContainer {
  const def = decl.def as unknown as DocInterfaceDef;
  const members: ApiMember[] = [
    ...(def.properties ?? []).map((p): ApiMember => {
      const { doc } = memberDoc(p.jsDoc);
      const type = p.tsType ? typeText(p.tsType) : null;
      return { kind: "property", name: p.name, ...doc, params: [], type, signature: `${p.readonly ? "readonly " : ""}${p.name}${p.optional ? "?" : ""}${type ? `: ${type}` : ""}`, optional: p.optional === true, readonly: p.readonly === true };
    }),
    ...(def.methods ?? []).map((m): ApiMember => {
      const { doc, params } = memberDoc(m.jsDoc);
      return { kind: "method", name: m.name, ...doc, params: apiParams(m.params, params), type: m.returnType ? typeText(m.returnType) : null, signature: signatureOf(m.name, { params: m.params, returnType: m.returnType }), optional: m.optional === true, readonly: false };
    }),
  ];
  const { params: _, ...doc } = docParts(decl.jsDoc);
  const extended = def.extends?.length ? ` extends ${def.extends.map(typeText).join(", ")}` : "";
  return { kind: "interface", name, ...doc, members, signature: `interface ${name}${extended}` };
}

function valueExport(name: string, decl: DocDeclaration): ApiValue {
  const def = decl.def as { tsType?: DocType; kind?: string; typeParams?: { name: string }[] };
  const type = def.tsType ? typeText(def.tsType) : null;
  const { params: _, ...doc } = docParts(decl.jsDoc);
  if (decl.kind === "typeAlias") {
    const typeParams = def.typeParams?.length ? `<${def.typeParams.map((t) => t.name).join(", ")}>` : "";
    return { kind: "typeAlias", name, ...doc, type, signature: `type ${name}${typeParams} = ${type ?? "unknown"}` };
  }
  return { kind: "variable", name, ...doc, type, signature: `const ${name}${type ? `: ${type}` : ""}` };
}

/** The first sentence of the comment that opens a source file, and the whole comment. */
export function fileComment(text: string): { summary: string; overview: string } {
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("//")) break;
    lines.push(line.replace(/^\/\/ ?/, ""));
  }
  const overview = lines.join("\n").trim();
  // The opening sentence: prose lines up to the first indented (formula) or list line, cut at the first full stop or closing colon.
  const prose: string[] = [];
  for (const line of lines) {
    if (/^\s|^- /.test(line) || line.trim() === "") break;
    prose.push(line.trim());
  }
  const joined = prose.join(" ");
  const end = /\.(?=\s+[A-Z(]|$)|:$/.exec(joined);
  const sentence = (end ? joined.slice(0, end.index) : joined).replace(/[,;.]$/, "").trim();
  return { summary: sentence ? `${sentence}.` : "", overview };
}

/** Runs `deno doc --json` on the library's entry point; fails with what to do when Deno is missing. */
function denoDoc(root: string): { nodes: Record<string, { symbols: { name: string; declarations: DocDeclaration[] }[] }> } {
  const local = join(root, "node_modules/.bin/deno");
  const deno = existsSync(local) ? local : "deno";
  const result = spawnSync(deno, ["doc", "--json", join(LIBRARY, "index.ts")], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new Error(`The API reference is generated by \`deno doc\`, and Deno was not found (looked for ${local} and \`deno\` on the PATH): run \`npm ci\`, which installs it (the \`deno\` devDependency).`);
  }
  if (result.status !== 0) throw new Error(`\`deno doc --json ${LIBRARY}/index.ts\` failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Reads the library's API (uncached; see apiModel). */
export function readApiModel(root = process.cwd()): ApiModel {
  const doc = denoDoc(root);
  const modules = new Map<string, ApiModule>();
  const byName = new Map<string, ApiExport>();
  const symbols = Object.values(doc.nodes).flatMap((node) => node.symbols);
  for (const symbol of symbols) {
    // A function with overloads has a declaration each; the reference documents the first.
    const decl = symbol.declarations[0];
    if (!decl) continue;
    const path = fileURLToPath(decl.location.filename);
    const file = join(LIBRARY, basename(path));
    const name = basename(path, ".ts");
    if (!modules.has(name)) {
      const { summary, overview } = fileComment(readFileSync(path, "utf8"));
      modules.set(name, { name, file, summary, overview, exports: [] });
    }
    const made =
      decl.kind === "function" ? functionExport(symbol.name, decl)
      : decl.kind === "class" ? classExport(symbol.name, decl)
      : decl.kind === "interface" ? interfaceExport(symbol.name, decl)
      : valueExport(symbol.name, decl);
    const entry: ApiExport = { ...made, module: name, source: `${file}:${decl.location.line}` };
    modules.get(name)!.exports.push(entry);
    byName.set(symbol.name, entry);
  }
  const version = (JSON.parse(readFileSync(join(root, LIBRARY, "package.json"), "utf8")) as { version: string }).version;
  const order = { function: 0, class: 1, variable: 2, interface: 3, typeAlias: 4 } as const;
  for (const module of modules.values()) module.exports.sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name));
  return { version, modules: [...modules.values()].sort((a, b) => a.name.localeCompare(b.name)), byName };
}

let cached: ApiModel | undefined;

/** The library's API, read once per process. */
export function apiModel(): ApiModel {
  cached ??= readApiModel();
  return cached;
}

/** The page of a module under the site's base: "api/analytic/". */
export function modulePath(module: string): string {
  return `api/${module}/`;
}

/** An export's entry: "api/analytic/#analyticKernels". */
export function exportPath(entry: Pick<ApiExport, "module" | "name">): string {
  return `${modulePath(entry.module)}#${entry.name}`;
}

/** The API entry that inline code names (`analyticKernels`, `analyticKernels()`; "ntk": the index), under the base, or null. */
export function codeLink(text: string, base: string, model = apiModel()): string | null {
  if (text === "ntk") return `${base}api/`;
  const entry = model.byName.get(text.replace(/\(\)$/, ""));
  return entry ? `${base}${exportPath(entry)}` : null;
}
