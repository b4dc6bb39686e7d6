// Where a reader's changes to a page are kept: under a localStorage key per page, and in a shared
// link's URL fragment (#nb=…). Read by the page at load (notebook.ts) and by the session.
export function storageKey(pathname: string): string {
  return `ntk-notebook:${pathname}`;
}

export const FRAGMENT_KEY = "nb=";

/** Whether a URL fragment (with or without "#") carries notebook changes. */
export function isShared(fragment: string): boolean {
  return fragment.replace(/^#/, "").startsWith(FRAGMENT_KEY);
}
