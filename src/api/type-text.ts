// TypeScript types as text, from the type trees `deno doc --json` writes (its TsTypeDef): what the API
// reference shows for a parameter, a return value, a property or a type alias.

/** A type as `deno doc --json` describes it (only the fields this printer reads). */
export interface DocType {
  kind: string;
  repr?: string;
  value?: unknown;
}

/** A parameter of a function, method or function type, as `deno doc --json` describes it. */
export interface DocParam {
  kind: "identifier" | "assign" | "rest" | "array" | "object";
  name?: string;
  optional?: boolean;
  tsType?: DocType;
  left?: DocParam;
  right?: string;
  arg?: DocParam;
}

export interface DocProperty {
  name: string;
  optional?: boolean;
  readonly?: boolean;
  tsType?: DocType;
}

interface TypeLiteral {
  properties?: DocProperty[];
  methods?: { name: string; params: DocParam[]; returnType?: DocType; optional?: boolean }[];
  callSignatures?: { params: DocParam[]; tsType?: DocType }[];
  indexSignatures?: { params: DocParam[]; tsType?: DocType; readonly?: boolean }[];
}

/** Wraps a type that binds looser than `[]` (a union, a function type …) before `[]` follows it. */
function operand(type: DocType): string {
  const text = typeText(type);
  return ["union", "intersection", "fnOrConstructor", "conditional", "typeOperator"].includes(type.kind) ? `(${text})` : text;
}

/** One parameter as `name?: type` (`...name: type` for a rest parameter). */
export function paramText(param: DocParam): string {
  const { name, optional, type, rest } = paramParts(param);
  return `${rest ? "..." : ""}${name}${optional ? "?" : ""}${type ? `: ${type}` : ""}`;
}

/** A parameter's name, type and whether it may be left out (a default value makes it optional). */
export function paramParts(param: DocParam): { name: string; type: string | null; optional: boolean; rest: boolean } {
  if (param.kind === "assign" && param.left) return { ...paramParts(param.left), optional: true };
  if (param.kind === "rest" && param.arg) return { ...paramParts(param.arg), rest: true, type: param.tsType ? typeText(param.tsType) : paramParts(param.arg).type };
  const name = param.kind === "identifier" ? (param.name ?? "arg") : param.kind === "object" ? "{…}" : "[…]";
  return { name, type: param.tsType ? typeText(param.tsType) : null, optional: param.optional === true, rest: false };
}

function literalText(value: { kind: string; string?: string; number?: number; boolean?: boolean; bigInt?: string }): string {
  if (value.kind === "string") return JSON.stringify(value.string);
  if (value.kind === "number") return String(value.number);
  if (value.kind === "boolean") return String(value.boolean);
  if (value.kind === "bigInt") return `${value.bigInt}n`;
  return "…";
}

function typeLiteralText(literal: TypeLiteral): string {
  const members = [
    ...(literal.callSignatures ?? []).map((s) => `(${s.params.map(paramText).join(", ")}): ${s.tsType ? typeText(s.tsType) : "unknown"}`),
    ...(literal.indexSignatures ?? []).map((s) => `${s.readonly ? "readonly " : ""}[${s.params.map(paramText).join(", ")}]: ${s.tsType ? typeText(s.tsType) : "unknown"}`),
    ...(literal.properties ?? []).map((p) => `${p.readonly ? "readonly " : ""}${p.name}${p.optional ? "?" : ""}: ${p.tsType ? typeText(p.tsType) : "unknown"}`),
    ...(literal.methods ?? []).map((m) => `${m.name}${m.optional ? "?" : ""}(${m.params.map(paramText).join(", ")}): ${m.returnType ? typeText(m.returnType) : "unknown"}`),
  ];
  return members.length === 0 ? "{}" : `{ ${members.join("; ")} }`;
}

/** The type as TypeScript source (`readonly (readonly number[])[] | tf.Tensor2D`). */
export function typeText(type: DocType): string {
  const v = type.value as never;
  switch (type.kind) {
    case "keyword":
      return String(v);
    case "literal":
      return literalText(v);
    case "typeRef": {
      const ref = v as { typeName: string; typeParams?: DocType[] };
      return ref.typeParams?.length ? `${ref.typeName}<${ref.typeParams.map(typeText).join(", ")}>` : ref.typeName;
    }
    case "array":
      return `${operand(v)}[]`;
    case "union":
      return (v as DocType[]).map(typeText).join(" | ");
    case "intersection":
      return (v as DocType[]).map(operand).join(" & ");
    case "tuple":
      return `[${(v as DocType[]).map(typeText).join(", ")}]`;
    case "typeOperator": {
      const op = v as { operator: string; tsType: DocType };
      return `${op.operator} ${typeText(op.tsType)}`;
    }
    case "parenthesized":
      return `(${typeText(v)})`;
    case "typeQuery":
      return `typeof ${typeof v === "string" ? v : type.repr}`;
    case "indexedAccess": {
      const ia = v as { objType: DocType; indexType: DocType };
      return `${operand(ia.objType)}[${typeText(ia.indexType)}]`;
    }
    case "fnOrConstructor": {
      const fn = v as { constructor: boolean; params: DocParam[]; tsType: DocType };
      return `${fn.constructor ? "new " : ""}(${fn.params.map(paramText).join(", ")}) => ${typeText(fn.tsType)}`;
    }
    case "typeLiteral":
      return typeLiteralText(v);
    case "optional":
      return `${typeText(v)}?`;
    case "rest":
      return `...${typeText(v)}`;
    case "this":
      return "this";
    case "typePredicate": {
      const p = v as { asserts: boolean; param: { name?: string; type: string }; type?: DocType };
      return `${p.asserts ? "asserts " : ""}${p.param.name ?? "this"}${p.type ? ` is ${typeText(p.type)}` : ""}`;
    }
    default:
      // Conditional, mapped, infer and import types: deno doc gives their source text.
      return type.repr ?? type.kind;
  }
}
