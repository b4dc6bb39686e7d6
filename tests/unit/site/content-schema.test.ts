// A chapter with a bad or missing frontmatter field fails `astro sync` naming the file and the field.
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

  it("rejects a missing title, naming the file and the field", () => {
    const r = syncWith([valid.order, valid.summary, valid.mirrors].join("\n"));
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(r.file);
    expect(r.output).toMatch(/title/);
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
    expect(bad.output).toContain(bad.file);
    expect(bad.output).toMatch(/order/);
    expect(bad.output).toMatch(/mirrors.*note|note.*000/s);
  });
});
