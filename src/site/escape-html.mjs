// Text into HTML or SVG markup: the one escaper of the site (cell outputs, the outline's labels, the
// sharing cards).

/** @param {string} text @returns {string} */
export function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}
