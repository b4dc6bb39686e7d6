// Base-aware internal URLs: every link and asset goes through here so the site works under a sub-path.
const base = import.meta.env.BASE_URL.endsWith("/") ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

/** `url("chapters/x/")` → "/ntk-notebook/chapters/x/" under base "/ntk-notebook/". */
export function url(path = ""): string {
  return `${base}${path.replace(/^\/+/, "")}`;
}
