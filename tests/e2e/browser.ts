// Which Chromium the browser tests drive: Debian's /usr/bin/chromium when present, else Playwright's own.
import { existsSync } from "node:fs";

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** Flags that keep Chromium off the (closed) network and make rendering repeatable. */
export const CHROMIUM_ARGS = [
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
  "--font-render-hinting=none",
  "--force-color-profile=srgb",
];

export function chromiumExecutable(): string | undefined {
  return existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
}
