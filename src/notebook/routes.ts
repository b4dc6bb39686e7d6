// Where the site serves the notebook's own files, relative to its base path: one home for each path.

/** tfjs-backend-wasm's binaries: copied there by integration.mjs after the build, fetched by the kernel. */
export const WASM_ROUTE = "tfjs-wasm/";

/** What a page with cells downloads as: a notebook for the Deno Jupyter kernel, a script for `deno run`. */
export const DOWNLOAD_KINDS = ["ipynb", "ts"] as const;
export type DownloadKind = (typeof DOWNLOAD_KINDS)[number];

/** The name a page's notebook goes by (its downloads, its notebook bar): the page file's name without .mdx. */
export function notebookName(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.mdx$/, "");
}

/** A page's download (written by the route src/pages/notebooks/[file].ts, whose folder is this path). */
export function downloadPath(page: string, kind: DownloadKind): string {
  return `notebooks/${page}.${kind}`;
}
