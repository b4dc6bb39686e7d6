// "Copy link": the reader's control values and edited cells in the URL fragment (#nb=…), as JSON,
// deflated (the browser's CompressionStream) and base64url-encoded. A fragment never reaches the
// server. Opening such a link restores them; a bad or truncated one is refused with the reason.
import { parseSavedCells, type SavedCells } from "./saved-state.ts";
import { FRAGMENT_KEY as KEY } from "./state-keys.ts";

const VERSION = 1;

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const piped = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("it has characters base64url does not use");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fragment (without "#") that carries these cells. */
export async function encodeShared(cells: SavedCells): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ v: VERSION, cells }));
  return KEY + toBase64Url(await through(json, new CompressionStream("deflate-raw")));
}

/** The cells a fragment carries; throws an Error saying why it cannot be read. */
export async function decodeShared(fragment: string): Promise<SavedCells> {
  const text = fragment.replace(/^#/, "");
  if (!text.startsWith(KEY)) throw new Error("it is not a notebook link");
  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(await through(fromBase64Url(text.slice(KEY.length)), new DecompressionStream("deflate-raw")));
  } catch (error) {
    throw new Error(`it is cut short or damaged (${error instanceof Error ? error.message : String(error)})`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    throw new Error("it does not hold notebook settings");
  }
  const { v, cells } = (payload ?? {}) as { v?: unknown; cells?: unknown };
  if (v !== VERSION) throw new Error(`it was made for another version of the notebook (${String(v)})`);
  return parseSavedCells(cells);
}
