// The chapter math pipeline: equation labels and references, and math errors that fail with file:line.
import { describe, expect, it } from "vitest";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkMath from "remark-math";
import remarkRehype from "remark-rehype";
import rehypeStringify from "rehype-stringify";
import { VFile } from "vfile";
import remarkEquations from "../../../src/markdown/remark-equations.mjs";
import rehypeTemml from "../../../src/markdown/rehype-temml.mjs";

async function render(markdown: string): Promise<string> {
  const file = new VFile({ path: "content/chapters/99-test.mdx", value: markdown });
  const out = await unified()
    .use(remarkParse)
    .use(remarkMath)
    .use(remarkEquations)
    .use(remarkRehype)
    .use(rehypeTemml)
    .use(rehypeStringify)
    .process(file);
  return String(out);
}

describe("math in the search index", () => {
  it("indexes a formula by its TeX, and leaves the MathML's text out", async () => {
    const html = await render("The kernel $\\Theta_{ji} = \\sum_a z$ is here.\n\n$$\nf = g \\tag{4}\n$$\n");
    const maths = [...html.matchAll(/<math\b[^>]*>/g)].map((m) => m[0]);
    expect(maths).toHaveLength(2);
    expect(maths[0]).toContain('data-tex="\\Theta_{ji} = \\sum_a z"');
    expect(maths[1]).toContain('data-tex="f = g \\tag{4}"');
    for (const math of maths) expect(math).toMatch(/data-pagefind-index-attrs="data-tex" data-pagefind-ignore=""/);
  });
});

describe("equation labels and references", () => {
  it("anchors a labelled equation and links a reference to it with its tag", async () => {
    const html = await render("Intro.\n\n$$\na = b \\tag{10}\\label{kernel-step}\n$$\n\nBy $\\eqref{kernel-step}$ we are done.\n");
    expect(html).toContain('id="eq-kernel-step"');
    expect(html).toMatch(/<a href="#eq-kernel-step" class="eqref">\(10\)<\/a>/);
    expect(html).not.toContain("\\label");
    expect(html).toContain('<mtext class="tml-tag">(10)</mtext>'); // Temml renders the tag
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

  it("resolves a reference anywhere in a formula to its tag, and \\ref to the bare tag", async () => {
    const html = await render("$$\nf = g \\tag{10}\\label{gd}\n$$\n\nThen $x = \\eqref{gd} + 1$, $\\eqref{gd}, \\eqref{gd}$ and $\\ref{gd}$.\n\n$$\ny = \\ref{gd}\n$$\n");
    expect(html, "no reference is left for Temml to draw as an empty link").not.toMatch(/\\(eq)?ref\{/);
    expect(html.match(/<mtext>\(10\)<\/mtext>/g)).toHaveLength(3);
    expect(html).toMatch(/<a href="#eq-gd" class="eqref">10<\/a>/);
    expect(html).toContain("<mtext>10</mtext>");
    expect(html).not.toMatch(/<a href="#(?!eq-)/);
  });

  it("fails on an unknown label anywhere in a formula, inline or displayed, naming file, line and column", async () => {
    const labelled = "$$\na \\tag{1}\\label{known}\n$$\n\n";
    await expect(render(`${labelled}So $x = \\eqref{nope}$.\n`)).rejects.toThrow(/99-test\.mdx:5:4: \\eqref\{nope\} names no equation in this chapter \(known: known\)/);
    await expect(render(`${labelled}$\\eqref{known}, \\eqref{b}$\n`)).rejects.toThrow(/99-test\.mdx:5:1: \\eqref\{b\}/);
    await expect(render(`${labelled}$\\ref{gd}$\n`)).rejects.toThrow(/99-test\.mdx:5:1: \\ref\{gd\} names no equation/);
    await expect(render(`${labelled}$$\ny = \\eqref{missing}\n$$\n`)).rejects.toThrow(/99-test\.mdx:5:1: \\eqref\{missing\}/);
  });

  it("fails on a duplicate label, naming both places, and on a label without a tag", async () => {
    await expect(render("$$\na \\tag{1}\\label{x}\n$$\n\n$$\nb \\tag{2}\\label{x}\n$$\n")).rejects.toThrow(/99-test\.mdx:5:1: equation label "x" is defined twice: first at content\/chapters\/99-test\.mdx:1:1, again here/);
    await expect(render("$$\na \\label{x}\n$$\n")).rejects.toThrow(/needs exactly one \\tag/);
  });
});

describe("math errors", () => {
  it("fail the build naming file, line and column instead of rendering an error in the page", async () => {
    await expect(render("# Title\n\nFine $a$ and broken $\\frac{a}{b$ here.\n")).rejects.toThrow(/99-test\.mdx:3:21: ParseError: Unexpected end of input/);
    await expect(render("$$\n\\undefinedmacro x\n$$\n")).rejects.toThrow(/99-test\.mdx:1:1: ParseError: Unsupported function name: \\undefinedmacro/);
  });

  it("list every bad formula of a file, not only the first", async () => {
    const error = await render("$\\frac{a$ and\n\n$\\nosuch$\n").catch((e: unknown) => e);
    expect(String(error)).toMatch(/Math errors \(Temml\):\n.*99-test\.mdx:1:1: .*\n.*99-test\.mdx:3:1: ParseError: Unsupported function name: \\nosuch/);
  });
});

describe("math as MathML", () => {
  it("renders inline math as <math> and display math as block <math> in a box that can scroll", async () => {
    const html = await render("Let $\\theta_{t+1} = \\theta_t - \\eta \\nabla_\\theta \\mathcal L$.\n\n$$\nx^2\n$$\n");
    expect(html).toMatch(/<p>Let <math[^>]*><mrow><msub><mi>θ<\/mi>/);
    expect(html).toMatch(/<\/msub><mo>=<\/mo><\/mrow><mrow><msub><mi>θ<\/mi><mi>t<\/mi><\/msub><mo>−<\/mo><\/mrow><mrow>/); // pieces a line may break between
    expect(html).toContain("<mi class=\"mathcal\">ℒ</mi>"); // a script letter as its Unicode character, which MathML Core draws
    expect(html).toMatch(/<div class="math-display"><math display="block" class="tml-display"[^>]*><msup><mi>x<\/mi><mn[^>]*>2<\/mn><\/msup><\/math><\/div>/);
    expect(html).not.toContain("<pre");
    expect(html).not.toContain("annotation");
  });

  it("draws a prime as the character after its base, not as a superscript", async () => {
    expect(await render("$f(x')$\n")).toMatch(/<mrow><mi>x<\/mi><mo[^>]*class="tml-prime[^"]*"[^>]*>′<\/mo><\/mrow>/);
    expect(await render("$x''$\n")).toMatch(/<mrow><mi>x<\/mi><mo[^>]*>′<\/mo><mo[^>]*>′<\/mo><\/mrow>/);
    expect(await render("$a'_i$\n")).toMatch(/<mrow><msub><mi>a<\/mi><mi>i<\/mi><\/msub><mo[^>]*>′<\/mo><\/mrow>/);
    expect(await render("$x^2$\n")).toMatch(/<msup><mi>x<\/mi><mn[^>]*>2<\/mn><\/msup>/); // other superscripts stay
    expect(await render("$x'$\n")).not.toContain("msup");
  });
});
