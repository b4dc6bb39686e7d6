// robots.txt: everything may be crawled; points at the sitemap under the base path.
import type { APIRoute } from "astro";
import { url } from "../site/paths.ts";

export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${new URL(url("sitemap.xml"), site).href}\n`, {
    headers: { "Content-Type": "text/plain" },
  });
