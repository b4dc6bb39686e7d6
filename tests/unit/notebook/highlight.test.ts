// Cell highlighting (src/notebook/highlight.ts): a span for each token src/styles/highlight.css colours, and bare
// text for the rest.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { highlightTs } from "../../../src/notebook/highlight.ts";

const SAMPLE = `// the kernel
const theta: Tensor = tf.zeros([2, 3]);
function sigmaDot(x: number) { return x > 0 ? 1 : /a+/.test(\`\${x}\\n\`) ? null : true; }
class Net { width = 0; }`;

/** [text, class] for each span of the highlighted HTML. */
const spans = (html: string) => [...html.matchAll(/<span class="([^"]+)">([^<]*)<\/span>/g)].map((m) => [m[2], m[1]]);

describe("highlightTs", () => {
  it("colours keywords, strings, constants, comments, types and definitions, and leaves the rest bare", () => {
    const html = highlightTs(SAMPLE);
    expect(spans(html)).toEqual([
      ["// the kernel", "tok-comment"],
      ["const", "tok-keyword"],
      ["theta", "tok-definition"],
      ["Tensor", "tok-type"],
      ["2", "tok-constant"],
      ["3", "tok-constant"],
      ["function", "tok-keyword"],
      ["sigmaDot", "tok-definition"],
      ["x", "tok-definition"],
      ["number", "tok-type"],
      ["return", "tok-keyword"],
      ["0", "tok-constant"],
      ["1", "tok-constant"],
      ["/a+/", "tok-string"],
      ["`", "tok-string"],
      ["\\n`", "tok-string"],
      ["null", "tok-keyword"],
      ["true", "tok-constant"],
      ["class", "tok-keyword"],
      ["Net", "tok-type"],
      ["width", "tok-definition"],
      ["0", "tok-constant"],
    ]);
    expect(html.replace(/<[^>]+>/g, "")).toBe(SAMPLE.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
  });

  it("emits exactly the classes src/styles/highlight.css styles", () => {
    const styled = new Set([...readFileSync("src/styles/highlight.css", "utf8").matchAll(/\.(tok-[\w-]+)/g)].map((m) => m[1]));
    const emitted = new Set(spans(highlightTs(SAMPLE)).map(([, cls]) => cls));
    expect([...emitted].sort()).toEqual([...styled].sort());
  });
});
