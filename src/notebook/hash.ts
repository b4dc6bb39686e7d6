// FNV-1a, 32-bit: a cheap, stable hash of a text. It tells one version of a cell from the next
// (saved edits) and seeds a cell's Math.random (the kernel).
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
