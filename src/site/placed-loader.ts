// The chapters' loader: Astro's glob loader, with frontmatter errors placed where they are. Astro names
// a file that fails its collection's schema as file:0:0; this checks the schema first and names each
// bad field at its line and column in the frontmatter (a missing one at the frontmatter's first line).
import { glob, type Loader } from "astro/loaders";
import type { z } from "astro/zod";

type Schema = z.ZodType;
type Issue = { path: PropertyKey[]; message: string };

/**
 * Where the field at `path` is in a file's frontmatter, as 1-based line and column: a top-level key,
 * then a list item by index, then a key of that item (the shape of the chapters' schema). A missing
 * field is placed at its parent, or at the frontmatter's first line.
 */
export function frontmatterPlace(text: string, path: readonly PropertyKey[]): { line: number; column: number } {
  const lines = text.split("\n");
  const close = lines.indexOf("---", 1);
  const end = close < 0 ? lines.length : close;
  const keyAt = (i: number, key: string) => new RegExp(`^(\\s*(?:- )?)${key.replace(/[^\w]/g, "\\$&")}:`).exec(lines[i]);
  let place = { line: 1, column: 1 };
  let from = 1;
  let to = end;
  for (const step of path) {
    let hit = -1;
    for (let i = from; i < to && hit < 0; i++) {
      if (typeof step === "number") {
        const items = lines.slice(from, i + 1).filter((line) => /^\s+- /.test(line)).length;
        if (/^\s+- /.test(lines[i]) && items === step + 1) hit = i;
      } else if (keyAt(i, String(step))) hit = i;
    }
    if (hit < 0) break;
    const column = typeof step === "number" ? lines[hit].indexOf("-") : keyAt(hit, String(step))![1].length;
    place = { line: hit + 1, column: column + 1 };
    // the field's own block: up to the next line indented no deeper than it (the next item, the next key)
    const depth = lines[hit].search(/\S/);
    let next = hit + 1;
    while (next < to && !(lines[next].trim() !== "" && lines[next].search(/\S/) <= depth)) next += 1;
    from = typeof step === "number" ? hit : hit + 1;
    to = next;
  }
  return place;
}

export function placedGlob(options: Parameters<typeof glob>[0], schema: Schema): Loader {
  const inner = glob(options);
  return {
    name: inner.name,
    load: (context) =>
      inner.load({
        ...context,
        parseData: async (props) => {
          const checked = schema.safeParse(props.data);
          if (!checked.success && props.filePath) {
            const { readFileSync } = await import("node:fs");
            const text = readFileSync(props.filePath, "utf8");
            const issues = (checked.error.issues as Issue[]).map((issue) => ({ ...frontmatterPlace(text, issue.path), issue }));
            const lines = issues.map(({ line, column, issue }) => {
              const what = /received undefined$/.test(issue.message) ? "is missing" : issue.message;
              return `${props.filePath}:${line}:${column}: frontmatter ${issue.path.length ? `field ${issue.path.join(".")}` : "block"}: ${what}`;
            });
            // loc: where Astro's error report says the problem is
            throw Object.assign(new Error(lines.join("\n")), { loc: { file: props.filePath, line: issues[0].line, column: issues[0].column } });
          }
          return context.parseData(props);
        },
      }),
  };
}
