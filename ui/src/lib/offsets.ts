//! UTF-8 byte offsets (what Rust reports: `ClaimSpan.start`, `Finding.end`, …) ↔ JS string
//! indices (UTF-16 code units, what CodeMirror uses). Build one `Offsets` per text and convert
//! many offsets with it: an ASCII text maps one to one; otherwise a table of the byte offset at
//! every index makes each conversion a lookup (index → byte) or a binary search (byte → index).

/** UTF-8 length of the code point starting at UTF-16 unit `code`, 0 for a trailing surrogate. */
function utf8Units(code: number, next: number | undefined): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdbff && next !== undefined && next >= 0xdc00 && next <= 0xdfff) return 4;
  return 3; // the rest of the BMP, and a lone surrogate (Rust strings never hold one)
}

export class Offsets {
  readonly text: string;
  /** `bytes[i]` is the byte offset of index `i`; null when the text is ASCII (identity). */
  readonly #bytes: Uint32Array | null;

  constructor(text: string) {
    this.text = text;
    if (!/[^\x00-\x7f]/.test(text)) {
      this.#bytes = null;
      return;
    }
    const bytes = new Uint32Array(text.length + 1);
    let byte = 0;
    for (let i = 0; i < text.length; i++) {
      bytes[i] = byte;
      const code = text.charCodeAt(i);
      const units = utf8Units(code, i + 1 < text.length ? text.charCodeAt(i + 1) : undefined);
      if (units === 4) {
        // The trailing surrogate sits inside the code point: give it the offset after it, so a
        // byte offset never lands between the two halves.
        byte += 4;
        bytes[i + 1] = byte;
        i += 1;
      } else {
        byte += units;
      }
    }
    bytes[text.length] = byte;
    this.#bytes = bytes;
  }

  /** The text's length in UTF-8 bytes. */
  get byteLength(): number {
    return this.#bytes === null ? this.text.length : (this.#bytes[this.text.length] ?? 0);
  }

  /** The JS index of a byte offset (clamped to the text; inside a character, the next one). */
  toIndex(byte: number): number {
    const bytes = this.#bytes;
    if (bytes === null) return Math.max(0, Math.min(byte, this.text.length));
    let lo = 0;
    let hi = this.text.length;
    if (byte <= 0) return 0;
    if (byte >= (bytes[hi] ?? 0)) return hi;
    // The first index whose byte offset is >= byte.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((bytes[mid] ?? 0) < byte) lo = mid + 1;
      else hi = mid;
    }
    // Never between a surrogate pair's halves.
    const code = this.text.charCodeAt(lo);
    if (lo > 0 && code >= 0xdc00 && code <= 0xdfff) {
      const prev = this.text.charCodeAt(lo - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) return lo + 1;
    }
    return lo;
  }

  /** The UTF-8 byte offset of a JS index (clamped to the text). */
  toByte(index: number): number {
    const i = Math.max(0, Math.min(index, this.text.length));
    return this.#bytes === null ? i : (this.#bytes[i] ?? 0);
  }
}

/** One conversion; for several over the same text, make one `Offsets` and reuse it. */
export const byteToIndex = (text: string, byte: number): number => new Offsets(text).toIndex(byte);
export const indexToByte = (text: string, index: number): number => new Offsets(text).toByte(index);
