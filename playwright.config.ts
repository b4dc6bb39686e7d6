import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "./tests/e2e/browser.ts";

// The browser tests run against the built site (npm run build with BASE_PATH=/ntk-notebook/), served
// by `astro preview` under that sub-path, exactly as GitHub Pages serves it.
const PORT = Number(process.env.E2E_PORT ?? 4329);
// E2E_DIST serves another build folder (e.g. a build made with --outDir while dist/ is busy).
const DIST = process.env.E2E_DIST ?? "dist";
export const BASE_PATH = "/ntk-notebook/";

export default defineConfig({
  testDir: "tests/e2e",
  snapshotPathTemplate: "{testDir}/{testFilePath}-snapshots/{arg}{ext}",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  expect: { toHaveScreenshot: { maxDiffPixelRatio: 0.002, animations: "disabled", caret: "hide" } },
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    colorScheme: "light",
    deviceScaleFactor: 1,
    launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
    // The site's service worker (public/coi-sw.js) reloads a page once on the first visit, which every
    // fresh test context would be: blocked here, and allowed by isolation.spec.ts, which tests it.
    serviceWorkers: "block",
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], deviceScaleFactor: 1, serviceWorkers: "block", launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS } } }],
  webServer: {
    command: `node node_modules/astro/bin/astro.mjs preview --host 127.0.0.1 --port ${PORT} --outDir ${DIST}`,
    env: { BASE_PATH },
    url: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
