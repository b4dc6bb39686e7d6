// The `ntk` library as the site publishes it, for use outside the site (docs/library.md), at
// versioned URLs under <base>lib/:
//   ntk@<v>.js (+ .js.map, .d.ts)  for Deno: tfjs and ml-matrix imported as npm: specifiers at the locked versions
//   ntk@<v>.browser.js (+ .map)    for a browser module script: ml-matrix bundled, tfjs imported from ./tfjs@<tf>.js
//   tfjs@<tf>.js                   tfjs's own flat ES module build, so a browser loads nothing from another origin
//   notebook@<v>.js, notebook@<v>.plot.js   what the downloaded notebooks import (runtime.ts, plot.ts)
// <v> is the library's version (src/ntk/package.json); the files are bundled with esbuild, the declarations emitted by tsc.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lockedVersion, npmSpecifier, libraryVersion } from "./packages.mjs";

/** @typedef {import("../notebook/kernel/transform.ts").ModuleName} ModuleName */
/** @typedef {{ path: string, contents: string | Uint8Array }} PublishedFile path relative to the site's base */

/**
 * Where each published file lives, relative to the site's base.
 * @param {string} [root] the project folder
 */
export function publishedPaths(root = process.cwd()) {
  const version = libraryVersion(root);
  return {
    ntk: `lib/ntk@${version}.js`,
    types: `lib/ntk@${version}.d.ts`,
    browser: `lib/ntk@${version}.browser.js`,
    tfjs: `lib/tfjs@${lockedVersion("@tensorflow/tfjs", root)}.js`,
    notebook: `lib/notebook@${version}.js`,
    plot: `lib/notebook@${version}.plot.js`,
  };
}

/**
 * What each module a cell may import becomes in a download run by Deno: tfjs from npm, Plot and `ntk`
 * from the site that published the page (`site`: its absolute URL with the base path).
 * @param {string} site e.g. "https://owner.github.io/ntk-notebook/"
 * @param {string} [root]
 * @returns {Record<ModuleName, string>}
 */
export function denoModules(site, root) {
  const paths = publishedPaths(root);
  return {
    "@tensorflow/tfjs": npmSpecifier("@tensorflow/tfjs", root),
    "@observablehq/plot": new URL(paths.plot, site).href,
    ntk: new URL(paths.ntk, site).href,
  };
}

/**
 * Every published file.
 * @param {string} [root] the project folder
 * @returns {Promise<PublishedFile[]>}
 */
export async function buildLibrary(root = process.cwd()) {
  const paths = publishedPaths(root);
  const name = (/** @type {string} */ path) => path.slice("lib/".length);
  const forDeno = (/** @type {string} */ specifier) => (specifier === "ntk" ? `./${name(paths.ntk)}` : npmSpecifier(specifier, root));
  const types = declarations(root, paths.types);
  const [ntk, browser, notebook, plot] = await Promise.all([
    bundle(root, "src/ntk/index.ts", paths.ntk, forDeno, `/* @ts-self-types="./${name(paths.types)}" */`),
    bundle(root, "src/ntk/index.ts", paths.browser, (specifier) => (specifier === "@tensorflow/tfjs" ? `./${name(paths.tfjs)}` : null), "", true),
    bundle(root, "src/publish/runtime.ts", paths.notebook, forDeno),
    bundle(root, "src/publish/plot.ts", paths.plot, forDeno),
  ]);
  const tfjs = readFileSync(join(root, "node_modules/@tensorflow/tfjs/dist/tf.fesm.min.js"), "utf8").replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
  return [...ntk, ...browser, ...notebook, ...plot, ...types, { path: paths.tfjs, contents: tfjs }];
}

/**
 * One ES module and its source map.
 * @param {string} root @param {string} entry @param {string} outPath
 * @param {(specifier: string) => string | null} external a bare import → the specifier to keep (null: bundle it)
 * @param {string} [banner] @param {boolean} [minify]
 * @returns {Promise<PublishedFile[]>}
 */
async function bundle(root, entry, outPath, external, banner = "", minify = false) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: outPath,
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2022",
    minify,
    sourcemap: "linked",
    sourcesContent: true,
    legalComments: "none",
    banner: banner ? { js: banner } : undefined,
    write: false,
    logLevel: "silent",
    plugins: [
      {
        name: "published-imports",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            const kept = external(args.path);
            return kept === null ? undefined : { path: kept, external: true };
          });
        },
      },
    ],
  });
  return result.outputFiles.map((file) => ({ path: file.path.slice(root.length + 1), contents: file.text }));
}

/**
 * The library's type declarations (tsc), their imports made resolvable from the site: relative
 * `.ts` imports → `.d.ts`, bare imports → npm: specifiers. `typesPath` re-exports the index.
 * @param {string} root @param {string} typesPath
 * @returns {PublishedFile[]}
 */
function declarations(root, typesPath) {
  const out = mkdtempSync(join(tmpdir(), "ntk-types-"));
  try {
    const args = ["--ignoreConfig", "--declaration", "--emitDeclarationOnly", "--outDir", out, "--rootDir", "src/ntk", "--strict", "--skipLibCheck", "--target", "ES2022", "--module", "ESNext", "--moduleResolution", "bundler", "--allowImportingTsExtensions", "--lib", "ES2022,DOM", "src/ntk/index.ts"];
    const tsc = spawnSync(join(root, "node_modules/.bin/tsc"), args, { cwd: root, encoding: "utf8" });
    if (tsc.status !== 0) throw new Error(`tsc could not emit the ntk declarations:\n${tsc.stdout}${tsc.stderr}`);
    const dir = typesPath.replace(/\.d\.ts$/, "");
    // Only code lines: the doc comments' examples import from "ntk" and stay as written.
    const resolvable = (/** @type {string} */ line) => /^\s*(\*|\/\*|\/\/)/.test(line) ? line : line
      .replace(/(from\s+|import\()"(\.\/[\w-]+)\.ts"/g, '$1"$2.d.ts"')
      .replace(/(from\s+|import\()"([^./"][^"]*)"/g, (_, keyword, specifier) => `${keyword}"${npmSpecifier(specifier, root)}"`);
    const files = readdirSync(out).map((file) => ({
      path: `${dir}/${file}`,
      contents: readFileSync(join(out, file), "utf8").split("\n").map(resolvable).join("\n"),
    }));
    return [...files, { path: typesPath, contents: `export * from "./${dir.split("/").pop()}/index.d.ts";\n` }];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
