// sitemap.xml: the index, every chapter, the benchmark appendix and the API reference (not the scratch Playground),
// as absolute URLs under the deployed site and base.
import type { APIRoute } from "astro";
import { chaptersInOrder, chapterHref } from "../site/chapters.ts";
import { url } from "../site/paths.ts";
import { apiModel, modulePath } from "../api/model.ts";

export const GET: APIRoute = async ({ site }) => {
  const api = [url("api/"), ...apiModel().modules.map((m) => url(modulePath(m.name)))];
  const pages = [url(), ...(await chaptersInOrder()).map(chapterHref), url("benchmarks/"), ...api];
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${pages.map((path) => `  <url><loc>${new URL(path, site).href}</loc></url>`).join("\n")}
</urlset>
`;
  return new Response(body, { headers: { "Content-Type": "application/xml" } });
};
