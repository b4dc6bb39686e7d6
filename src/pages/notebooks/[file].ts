// The notebook downloads: notebooks/<page>.ipynb and notebooks/<page>.ts for every page with cells
// (src/notebook/build/downloads.ts), written as static files by the build.
import type { APIRoute, GetStaticPaths } from "astro";
import { download, notebookPages, type NotebookPage } from "../../notebook/build/downloads.ts";

export const getStaticPaths = (() =>
  notebookPages().flatMap((page) => (["ipynb", "ts"] as const).map((kind) => ({ params: { file: `${page.name}.${kind}` }, props: { page, kind } })))) satisfies GetStaticPaths;

const TYPES = { ipynb: "application/x-ipynb+json", ts: "text/plain; charset=utf-8" };

export const GET: APIRoute = async ({ props }) => {
  const { page, kind } = props as { page: NotebookPage; kind: "ipynb" | "ts" };
  return new Response(await download(page, kind), { headers: { "Content-Type": TYPES[kind] } });
};
