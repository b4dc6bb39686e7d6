// Names of the ntk library link to the API reference: inline code in a page's text
// (src/markdown/rehype-api-links.ts) and the names a cell imports from "ntk" (src/notebook/highlight.ts).
import { describe, expect, it } from "vitest";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import rehypeStringify from "rehype-stringify";
import rehypeApiLinks from "../../../src/markdown/rehype-api-links.ts";
import { highlightTs } from "../../../src/notebook/highlight.ts";

async function render(markdown: string): Promise<string> {
  return String(await unified().use(remarkParse).use(remarkRehype).use(rehypeApiLinks, { base: "/ntk-notebook/" }).use(rehypeStringify).process(markdown));
}

describe("library names in the text", () => {
  it("link an exported name, with or without (), to its entry under the base, and `ntk` to the index", async () => {
    const html = await render("The `analyticKernels` and `taylorTerms()` of the `ntk` library.");
    expect(html).toContain('<a href="/ntk-notebook/api/analytic/#analyticKernels" class="api-link"><code>analyticKernels</code></a>');
    expect(html).toContain('<a href="/ntk-notebook/api/taylor/#taylorTerms" class="api-link"><code>taylorTerms()</code></a>');
    expect(html).toContain('<a href="/ntk-notebook/api/" class="api-link"><code>ntk</code></a>');
  });

  it("leave alone unknown names, longer code, code blocks and code already in a link", async () => {
    const html = await render("`width`, `mlp(x)`, [`mlp`](https://example.org)\n\n```ts\nmlp\n```\n");
    expect(html).not.toContain("api-link");
  });
});

describe("names a cell imports from ntk", () => {
  const code = `import { mlp, empiricalNTK as theta } from "ntk";\nimport { mean } from "./other";\nconst net = mlp({});`;
  const link = (name: string) => (["mlp", "empiricalNTK", "mean"].includes(name) ? `/api/#${name}` : null);

  it("link the imported name (not the local alias, not other modules' imports, not later uses)", () => {
    const html = highlightTs(code, link);
    expect([...html.matchAll(/<a class="nb-api-link" href="([^"]+)">/g)].map((m) => m[1])).toEqual(["/api/#mlp", "/api/#empiricalNTK"]);
  });

  it("keep the code's text and colours as they are without links", () => {
    const html = highlightTs(code, link);
    expect(html.replace(/<\/?a[^>]*>/g, "")).toBe(highlightTs(code));
  });
});
