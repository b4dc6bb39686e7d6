// A fault in a chapter fails the build naming the file, line and column: a bad or missing frontmatter
// field (`astro sync`), a cell that never ends (stopped at its fence's time limit, the line it was
// running named), an unclosed MDX tag. Each runs Astro on a fixture chapter folder (CHAPTERS_DIR) in a
// temporary folder; they share one file so that no two Astro runs write .astro/ at once.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

function syncWith(frontmatter: string): { status: number | null; output: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "ntk-chapters-"));
  const file = join(dir, "01-fixture.mdx");
  writeFileSync(file, `---\n${frontmatter}\n---\n\nBody.\n`);
  const result = spawnSync(process.execPath, ["node_modules/astro/bin/astro.mjs", "sync"], {
    env: { ...process.env, CHAPTERS_DIR: dir, ASTRO_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, file };
}

const valid = {
  title: "title: Fixture",
  order: "order: 1",
  summary: "summary: A fixture chapter whose summary is long enough.",
  mirrors: 'mirrors:\n  - note: "000"\n    section: "Neural tangent kernel"',
};

describe("chapter frontmatter schema", () => {
  it("accepts a valid chapter", () => {
    const r = syncWith(Object.values(valid).join("\n"));
    expect(r.output).not.toMatch(/does not match collection schema/);
    expect(r.status).toBe(0);
  });

  it("rejects a missing title, naming the file, the field and the frontmatter's first line", () => {
    const r = syncWith([valid.order, valid.summary, valid.mirrors].join("\n"));
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(`${r.file}:1:1: frontmatter field title: is missing`);
    expect(r.output).not.toContain(`${r.file}:0:0`);
  });

  it("rejects TeX in the summary (it is shown as written), naming the field and the character", () => {
    const r = syncWith([valid.title, valid.order, "summary: The kernel of layer l is Θ^{l+1} = Σ + Σ̇·Θ, a recursion.", valid.mirrors].join("\n"));
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(r.file);
    expect(r.output).toMatch(/summary/);
    expect(r.output).toContain('"^" at character 27 is TeX');
  });

  it("rejects TeX in a source section's name too", () => {
    const r = syncWith([valid.title, valid.order, valid.summary, 'mirrors:\n  - note: "002"\n    section: "Kernel Gradient, reference [^1]"'].join("\n"));
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/mirrors.*section/s);
    expect(r.output).toContain('"^" at character 29 is TeX');
  });

  it("rejects a mistyped order and a malformed mirror, naming each field", () => {
    const bad = syncWith([valid.title, "order: first", valid.summary, 'mirrors:\n  - note: "zero"\n    section: "x"'].join("\n"));
    expect(bad.status).not.toBe(0);
    // line 1 is the opening ---: title is line 2, order line 3, summary 4, mirrors 5, its first note line 6
    expect(bad.output).toContain(`${bad.file}:3:1: frontmatter field order:`);
    expect(bad.output).toContain(`${bad.file}:6:5: frontmatter field mirrors.0.note: a note number such as "000"`);
  });
});

const FRONTMATTER = `---
title: Fixture
order: 1
summary: A fixture chapter whose summary is long enough to pass.
mirrors:
  - note: "000"
    section: "Neural tangent kernel"
---
`;

function build(body: string): { status: number | null; output: string; file: string; seconds: number } {
  const dir = mkdtempSync(join(tmpdir(), "ntk-faults-"));
  const file = join(dir, "01-fixture.mdx");
  writeFileSync(file, FRONTMATTER + body);
  const started = Date.now();
  const result = spawnSync(process.execPath, ["node_modules/astro/bin/astro.mjs", "build", "--outDir", join(dir, "dist")], {
    env: { ...process.env, CHAPTERS_DIR: dir, ASTRO_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    timeout: 240_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, file, seconds: (Date.now() - started) / 1000 };
}

describe("build faults", () => {
  it("a cell that never ends is stopped at its fence's time limit, with the line it was running", () => {
    // lines 9–10 are prose, the fence is line 11, the cell's code starts at line 12
    const r = build("\nSome prose.\n\n```ts cell id=spin timeout=3\nlet turns = 0;\nwhile (true) {\n  turns += 1;\n}\n```\n\nNever reached.\n");
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(new RegExp(`${r.file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1[345]:\\d+: cell 1 \\(id=spin\\) did not finish within its 3 s limit; if it needs longer, say so in its fence: \`\`\`ts cell id=spin timeout=6 \\(it was at cell 1 \\(id=spin\\), line [2-4]:\\d+\\)`));
    expect(r.seconds, "the build stopped soon after the limit (other pages may bake first)").toBeLessThan(150);
  }, 240_000);

  it("an unclosed component fails at its line and column, not file:0:0", () => {
    const r = build('\nSome text.\n\n<Erratum note="000" title="unclosed">\n\nThe box is never closed.\n');
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(`${r.file}:12:1: Expected a closing tag for \`<Erratum>\``);
    expect(r.output).not.toContain(`${r.file}:0:0`);
  }, 240_000);
});
