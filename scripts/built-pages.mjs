// The pages of a built site, as the sitemap it wrote lists them: the browser tests and `npm run audit`
// visit these. Paths are relative to the base (the index is "").
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Every page `dist/sitemap.xml` lists (or that of `dist`), as paths under the base. @returns {string[]} */
export function sitemapPages(dist = "dist") {
  const xml = readFileSync(join(dist, "sitemap.xml"), "utf8");
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  // The base is the index's path, the shortest one listed: "/" or "/ntk-notebook/".
  const base = paths.reduce((a, b) => (b.length < a.length ? b : a));
  if (!paths.every((p) => p.startsWith(base))) throw new Error(`${join(dist, "sitemap.xml")}: not every page lies under ${base}`);
  return paths.map((p) => p.slice(base.length));
}

/** Every page of the built site: the sitemap's, then the two it leaves out (the playground, the 404). @returns {string[]} */
export function everyPage(dist = "dist") {
  return [...new Set([...sitemapPages(dist), "playground/", "404.html"])];
}
