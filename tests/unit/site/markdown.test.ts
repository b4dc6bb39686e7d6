// The chapter math pipeline: equation labels and references, and math errors that fail with file:line.
import { describe, expect, it } from "vitest";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkMath from "remark-math";
import remarkRehype from "remark-rehype";
import rehypeKatex from "rehype-katex";
import rehypeStringify from "rehype-stringify";
import { VFile } from "vfile";
import remarkEquations from "../../../src/markdown/remark-equations.mjs";
import rehypeMathErrors from "../../../src/markdown/rehype-math-errors.mjs";

async function render(markdown: string): Promise<string> {
  const file = new VFile({ path: "content/chapters/99-test.mdx", value: markdown });
  const out = await unified()
    .use(remarkParse)
    .use(remarkMath)
    .use(remarkEquations)
    .use(remarkRehype)
    .use(rehypeKatex)
    .use(rehypeMathErrors)
    .use(rehypeStringify)
    .process(file);
  return String(out);
}

describe("equation labels and references", () => {
  it("anchors a labelled equation and links a reference to it with its tag", async () => {
    const html = await render("Intro.\n\n$$\na = b \\tag{10}\\label{kernel-step}\n$$\n\nBy $\\eqref{kernel-step}$ we are done.\n");
    expect(html).toContain('id="eq-kernel-step"');
    expect(html).toMatch(/<a href="#eq-kernel-step" class="eqref">\(10\)<\/a>/);
    expect(html).not.toContain("\\label");
    expect(html).toContain("(10)"); // KaTeX renders the tag
  });

  it("resolves references that come before the equation", async () => {
    const html = await render("See $\\eqref{later}$.\n\n$$\nx \\tag{3}\\label{later}\n$$\n");
    expect(html).toContain('href="#eq-later"');
  });

  it("anchors every labelled row of an aligned block", async () => {
    const html = await render("$$\n\\begin{align}\na &= b \\tag{1}\\label{first} \\\\\nc &= d \\tag{2}\\label{second}\n\\end{align}\n$$\n\n$\\eqref{second}$\n");
    expect(html).toContain('id="eq-first"');
    expect(html).toContain('id="eq-second"');
    expect(html).toContain(">(2)</a>");
  });

  it("fails on an unknown label, naming file and line", async () => {
    await expect(render("Line one.\n\nSee $\\eqref{nowhere}$.\n")).rejects.toThrow(/99-test\.mdx:3:\d+: \\eqref\{nowhere\} names no equation/);
  });

  it("fails on a duplicate label and on a label without a tag", async () => {
    await expect(render("$$\na \\tag{1}\\label{x}\n$$\n\n$$\nb \\tag{2}\\label{x}\n$$\n")).rejects.toThrow(/label "x" is defined twice/);
    await expect(render("$$\na \\label{x}\n$$\n")).rejects.toThrow(/needs exactly one \\tag/);
  });
});

describe("math errors", () => {
  it("fail the build naming file, line and column instead of rendering red KaTeX text", async () => {
    await expect(render("# Title\n\nFine $a$ and broken $\\frac{a}{b$ here.\n")).rejects.toThrow(/99-test\.mdx:3:\d+: KaTeX parse error/);
    await expect(render("$$\n\\undefinedmacro x\n$$\n")).rejects.toThrow(/99-test\.mdx:1:1: KaTeX parse error: Undefined control sequence/);
  });

  it("let valid math through as KaTeX HTML with MathML for screen readers", async () => {
    const html = await render("$\\theta_{t+1} = \\theta_t - \\eta \\nabla_\\theta \\mathcal L$\n");
    expect(html).toContain('class="katex"');
    expect(html).toContain("<math");
    expect(html).not.toContain("katex-error");
  });
});
