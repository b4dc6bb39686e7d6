// The notebook downloads: notebooks/<page>.ipynb and notebooks/<page>.ts for every page with cells
// (src/notebook/build/downloads.ts), written as static files by the build. They import from the
// site's absolute URL (astro.config.mjs's site and base, from src/site/deploy.mjs).
import type { APIRoute, GetStaticPaths } from "astro";
import { download, notebookPages, type NotebookPage } from "../../notebook/build/downloads.ts";
import { DOWNLOAD_KINDS, type DownloadKind } from "../../notebook/routes.ts";

export const getStaticPaths = (() =>
  notebookPages().flatMap((page) => DOWNLOAD_KINDS.map((kind) => ({ params: { file: `${page.name}.${kind}` }, props: { page, kind } })))) satisfies GetStaticPaths;

const TYPES: Record<DownloadKind, string> = { ipynb: "application/x-ipynb+json", ts: "text/plain; charset=utf-8" };

export const GET: APIRoute = async ({ props, site }) => {
  const { page, kind } = props as { page: NotebookPage; kind: DownloadKind };
  if (!site) throw new Error("astro.config.mjs sets no `site`: the notebook downloads import the library from the site's absolute URL");
  const root = new URL(import.meta.env.BASE_URL.replace(/\/?$/, "/"), site).href;
  return new Response(await download(page, kind, root), { headers: { "Content-Type": TYPES[kind] } });
};
