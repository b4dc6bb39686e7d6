// Cross-origin isolation for a static host that cannot send headers (GitHub Pages): this same-origin
// service worker adds Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy to every response of
// the site, so that pages are crossOriginIsolated, SharedArrayBuffer exists, and tfjs-wasm can run its
// threaded build in the notebook's kernel. Registered when the reader first starts a kernel
// (src/notebook/client/isolation.ts); it serves the pages opened after that. The site makes no cross-origin request; this worker never makes one either: it only
// re-serves the site's own responses, and leaves every other request to the browser.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return; // not ours: the browser's default
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return;
  event.respondWith(
    fetch(request).then((response) => {
      if (response.status === 0) return response; // opaque: nothing to add
      const headers = new Headers(response.headers);
      headers.set("Cross-Origin-Opener-Policy", "same-origin");
      headers.set("Cross-Origin-Embedder-Policy", "require-corp");
      headers.set("Cross-Origin-Resource-Policy", "same-origin");
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }),
  );
});
