// tsc cannot read .astro files (`astro check` can, but it needs TypeScript's JavaScript API, which
// TypeScript 7 does not ship): an imported component is typed as what Astro compiles it to.
declare module "*.astro" {
  const Component: import("astro/runtime/server/index.js").AstroComponentFactory;
  export default Component;
}
