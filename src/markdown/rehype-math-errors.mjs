// rehype-katex reports a bad formula as a message and renders it in red; we fail the build instead,
// naming the file, line and column, so no KaTeX error ever reaches a page.

/** The message's own place, else that of the nearest ancestor that has one (remark-math's inner <code> has none). */
function placeOf(message) {
  if (message.line != null) return { line: message.line, column: message.column ?? 0 };
  for (const node of [...(message.ancestors ?? [])].reverse()) {
    const start = node.position?.start;
    if (start) return { line: start.line, column: start.column };
  }
  return { line: 0, column: 0 };
}

export default function rehypeMathErrors() {
  return (_tree, file) => {
    const errors = file.messages.filter((m) => m.source === "rehype-katex");
    if (errors.length === 0) return;
    const lines = errors.map((m) => {
      const { line, column } = placeOf(m);
      const detail = m.cause instanceof Error ? m.cause.message.split("\n")[0] : m.reason;
      return `${file.path}:${line}:${column}: ${detail}`;
    });
    throw new Error(`Math error${errors.length > 1 ? "s" : ""} (KaTeX):\n${lines.join("\n")}`);
  };
}
