// The components chapters use without importing them (passed to <Content components={…} />).
import Callout from "./Callout.astro";
import Erratum from "./Erratum.astro";

export const mdxComponents = { Callout, Erratum };
