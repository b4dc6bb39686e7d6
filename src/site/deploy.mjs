// Where the site is deployed: `site` and `base` for astro.config.mjs.
// In GitHub Actions they follow from GITHUB_REPOSITORY ("owner/repo" → https://owner.github.io/repo/);
// SITE_URL and BASE_PATH override both, and a local build defaults to http://localhost:4321/.

/** @param {Record<string, string | undefined>} env */
export function deployTarget(env) {
  const repo = env.GITHUB_REPOSITORY;
  const [owner, name] = repo ? repo.split("/") : [];
  const isUserSite = name !== undefined && name.toLowerCase() === `${owner.toLowerCase()}.github.io`;
  const site = env.SITE_URL ?? (owner ? `https://${owner.toLowerCase()}.github.io` : "http://localhost:4321");
  const rawBase = env.BASE_PATH ?? (name && !isUserSite ? `/${name}/` : "/");
  return { site, base: normalizeBase(rawBase) };
}

/** "/x" | "x/" | "/x/" → "/x/"; "" | "/" → "/". @param {string} base @returns {string} */
export function normalizeBase(base) {
  const trimmed = base.replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}
