// A short, readable text form of any value (the "repr" shown for a cell's value and console.log),
// with long arrays and deep objects elided so a million-element array prints in microseconds.

const MAX_ITEMS = 20;
const MAX_DEPTH = 3;
const MAX_CHARS = 4000;

/** Returns a text for values the caller formats itself (tensors), or null to inspect normally. */
export type SpecialFormatter = (value: unknown) => string | null;

export function formatNumber(n: number): string {
  if (Object.is(n, -0)) return "-0";
  return String(n);
}

export function inspect(value: unknown, special: SpecialFormatter = () => null): string {
  const text = inspectAt(value, 0, special, new Set());
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)} … (${text.length - MAX_CHARS} more characters)` : text;
}

function inspectAt(value: unknown, depth: number, special: SpecialFormatter, seen: Set<object>): string {
  switch (typeof value) {
    case "string":
      return depth === 0 ? value : JSON.stringify(value);
    case "number":
      return formatNumber(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
    case "undefined":
    case "symbol":
      return String(value);
    case "function":
      return `[Function ${value.name || "(anonymous)"}]`;
    default:
      break;
  }
  if (value === null) return "null";
  const object = value as object;
  const custom = special(object);
  if (custom !== null) return custom;
  if (seen.has(object)) return "[Circular]";
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const typed = value as unknown as ArrayLike<number>;
    return `${value.constructor.name}(${typed.length}) ${listOf(Array.from(elide(typed)), typed.length, (x) => formatNumber(x as number))}`;
  }
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? `Array(${value.length})` : "{…}";
  seen.add(object);
  try {
    const inner = (x: unknown) => inspectAt(x, depth + 1, special, seen);
    if (Array.isArray(value)) {
      const items = elide(value);
      const nested = items.length > 0 && items.every((item) => Array.isArray(item));
      return nested ? matrixOf(items as unknown[][], value.length, inner) : listOf(items, value.length, inner);
    }
    if (value instanceof Map) return `Map(${value.size}) {${[...value].slice(0, MAX_ITEMS).map(([k, v]) => `${inner(k)} => ${inner(v)}`).join(", ")}${value.size > MAX_ITEMS ? ", …" : ""}}`;
    if (value instanceof Set) return `Set(${value.size}) ${listOf([...value].slice(0, MAX_ITEMS), value.size, inner)}`;
    const entries = Object.entries(object);
    const body = entries.slice(0, MAX_ITEMS).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inner(v)}`);
    if (entries.length > MAX_ITEMS) body.push(`… ${entries.length - MAX_ITEMS} more`);
    const name = Object.getPrototypeOf(object)?.constructor?.name;
    const prefix = name && name !== "Object" ? `${name} ` : "";
    return `${prefix}{${body.length ? ` ${body.join(", ")} ` : ""}}`;
  } finally {
    seen.delete(object);
  }
}

/** The first items of a long list (the rest are summarised by the caller). */
function elide<T>(items: ArrayLike<T>): T[] {
  return Array.prototype.slice.call(items, 0, MAX_ITEMS) as T[];
}

function listOf(items: unknown[], total: number, format: (x: unknown) => string): string {
  const parts = items.map(format);
  if (total > items.length) parts.push(`… ${total - items.length} more`);
  return `[${parts.join(", ")}]`;
}

/** Arrays of arrays print one row per line, like a matrix. */
function matrixOf(rows: unknown[][], total: number, format: (x: unknown) => string): string {
  const lines = rows.map((row) => listOf(elide(row), row.length, format));
  if (total > rows.length) lines.push(`… ${total - rows.length} more rows`);
  return `[${lines.join(",\n ")}]`;
}
