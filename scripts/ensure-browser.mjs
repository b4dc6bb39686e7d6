// Makes sure the browser tests have a Chromium: Debian's /usr/bin/chromium, else Playwright's own;
// with neither, installs Debian's package when it can (root on Debian), else says exactly what to run.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { chromium } from "@playwright/test";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

function playwrightChromium() {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** @param {string} command @param {string[]} args @returns {boolean} whether it exited 0 */
function run(command, args) {
  console.log(`$ ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
}

export function ensureBrowser() {
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const own = playwrightChromium();
  if (own) return own;

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    console.log("No Chromium found: installing Debian's chromium package for the browser tests.");
    if (run("apt-get", ["update", "-qq"]) && run("apt-get", ["install", "-y", "-qq", "chromium"]) && existsSync(SYSTEM_CHROMIUM)) {
      return SYSTEM_CHROMIUM;
    }
  }
  const how = hasApt
    ? "sudo apt-get update && sudo apt-get install -y chromium"
    : "npx playwright install chromium";
  throw new Error(`The browser tests need Chromium and none was found (looked for ${SYSTEM_CHROMIUM} and Playwright's own browser).\nInstall one with:\n  ${how}\nthen run npm test again.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(`Chromium: ${ensureBrowser()}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
