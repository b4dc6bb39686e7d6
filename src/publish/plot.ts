// Observable Plot as the downloaded notebooks import it: Plot.plot, Plot.legend and mark.plot() draw
// into the same linkedom document as the site's kernel (kernel/modules.ts), since Deno has no
// `window` for Plot to find one in. Everything else is Plot itself, at the locked version.
import { plotWithDocument } from "../notebook/kernel/modules.ts";

export * from "@observablehq/plot";

const withDocument = await plotWithDocument();
export const plot = withDocument.plot;
export const legend = withDocument.legend;
