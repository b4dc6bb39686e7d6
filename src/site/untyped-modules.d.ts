// Types for the two build-time packages that ship none, as far as the site uses them.

declare module "subset-font" {
  /** HarfBuzz's subsetter: `font` cut to the characters of `text`, in `targetFormat`. */
  export default function subsetFont(font: Uint8Array, text: string, options?: { targetFormat?: "sfnt" | "woff" | "woff2" | "truetype" }): Promise<Uint8Array>;
}

declare module "wawoff2/decompress.js" {
  /** A WOFF2 font as TrueType/OpenType (sfnt) bytes. */
  export default function decompress(woff2: Uint8Array): Promise<Uint8Array>;
}
