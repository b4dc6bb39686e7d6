// The modules a cell may import, loaded on first use. Plot is handed a DOM document (linkedom's)
// so `Plot.plot({...})` works in the worker and in Node, where there is no `document`.
import type * as PlotModule from "@observablehq/plot";
import type { ModuleName } from "./transform.ts";

type Tf = typeof import("@tensorflow/tfjs");

let documentPromise: Promise<Document> | null = null;

/** One linkedom document per kernel process: figures are built in it and serialised to SVG/HTML. */
export function kernelDocument(): Promise<Document> {
  documentPromise ??= import("linkedom").then(({ parseHTML }) => parseHTML("<!doctype html><html><head></head><body></body></html>").document as unknown as Document);
  return documentPromise;
}

type PlotOptions = PlotModule.PlotOptions;
type LegendOptions = NonNullable<Parameters<typeof PlotModule.legend>[0]>;

/** Plot with `document` defaulting to the kernel's, for Plot.plot, Plot.legend and mark.plot(). */
export async function plotWithDocument(): Promise<typeof PlotModule> {
  const [Plot, document] = await Promise.all([import("@observablehq/plot"), kernelDocument()]);
  const plot = (options: PlotOptions = {}) => Plot.plot({ document, ...options });
  // legend() reads options.document at run time like plot(), though its types do not list it.
  const legend = (options: LegendOptions = {}) => Plot.legend({ document, ...options } as LegendOptions);
  // Mark.plot() calls Plot's internal plot(); route it through ours so marks get the document too.
  Plot.Mark.prototype.plot = function (this: PlotModule.Mark, { marks = [], ...options }: PlotOptions = {}) {
    return plot({ ...options, marks: [marks, this as unknown as PlotModule.Markish] });
  };
  return { ...Plot, plot, legend } as typeof PlotModule;
}

export function moduleLoaders(tf: Tf): Record<ModuleName, () => Promise<object>> {
  let plot: Promise<object> | null = null;
  return {
    "@tensorflow/tfjs": async () => tf,
    "@observablehq/plot": () => (plot ??= plotWithDocument()),
    ntk: () => import("ntk"),
  };
}
