// Threads for the kernel need a cross-origin isolated page, which a static host (GitHub Pages) can only
// get from a same-origin service worker that adds COOP/COEP to the site's responses (public/coi-sw.js).
// It is registered when the reader first starts a kernel, and never forces a reload: the page the
// reader opens next, or this one reloaded, is isolated, and its kernel gets a thread per core. A
// browser that refuses stays single-threaded.
import { url } from "../../site/paths.ts";

export function requestIsolation(): void {
  if (globalThis.crossOriginIsolated || !isSecureContext || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(url("coi-sw.js")).catch(() => undefined);
}
