// Makes sure the export tests have the real Jupyter client (`jupyter nbconvert --execute`, which runs a
// notebook through nbclient and a kernel): `jupyter` on the PATH, else Debian's jupyter-nbconvert,
// installed when this runs as root on Debian. Elsewhere returns null with what to install, and the notebook step is skipped.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const JUPYTER = "jupyter";
const PACKAGES = ["jupyter-nbconvert", "python3-nbclient"];

/** @returns {{ jupyter: string } | { missing: string }} */
export function ensureJupyter() {
  const has = () => spawnSync(JUPYTER, ["nbconvert", "--version"], { encoding: "utf8" }).status === 0;
  if (has()) return { jupyter: JUPYTER };
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    console.log(`No Jupyter client found: installing Debian's ${PACKAGES.join(", ")}.`);
    const apt = (/** @type {string[]} */ args) => {
      console.log(`$ apt-get ${args.join(" ")}`);
      return spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
    };
    if (apt(["update", "-qq"]) && apt(["install", "-y", "-qq", "--no-install-recommends", ...PACKAGES]) && has()) return { jupyter: JUPYTER };
  }
  const how = hasApt ? `sudo apt-get install -y --no-install-recommends ${PACKAGES.join(" ")}` : "pip install nbconvert nbclient (with jupyter on the PATH)";
  return { missing: `no Jupyter client (jupyter nbconvert) and none could be installed here; install one with: ${how}` };
}
