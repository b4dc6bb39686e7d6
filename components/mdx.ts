// The components chapters use without importing them (passed to <Content components={…} />).
import Callout from "./Callout.astro";
import Erratum from "./Erratum.astro";
import Cell from "./Cell.astro"; // notebook cells (made from ```ts cell fences)
import Unchecked from "./Unchecked.astro";

export const mdxComponents = { Callout, Erratum, Cell, Unchecked };
