/**
 * A reader for GNU gettext's compiled catalogues (.mo), written from the format's description in
 * the gettext manual: the short-corpus builder (bench/short-corpus.ts) takes its translated
 * messages from them, because every Debian machine has thousands in ~190 languages.
 */

/** One catalogue entry: the original (English) message and its translation. */
export interface MoEntry {
  /** Without the context prefix (`msgctxt` + U+0004); plural forms are separate strings. */
  readonly originals: readonly string[];
  readonly translations: readonly string[];
}

/** The magic number as written by a little-endian machine; a big-endian file reads as its swap. */
const MAGIC = 0x950412de;
const MAGIC_SWAPPED = 0xde120495;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The entries of a .mo file, or null when it is not one or not UTF-8: the corpus wants text whose
 * bytes mean what they say, and the few catalogues in legacy charsets are not worth converting.
 * The header entry (empty original) is read for its charset and then left out.
 */
export function parseMo(data: Uint8Array): MoEntry[] | null {
  if (data.length < 28) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const magic = view.getUint32(0, true);
  const little = magic === MAGIC;
  if (!little && magic !== MAGIC_SWAPPED) return null;
  const u32 = (at: number) => view.getUint32(at, little);
  const count = u32(8);
  const originalsAt = u32(12);
  const translationsAt = u32(16);
  if (originalsAt + count * 8 > data.length || translationsAt + count * 8 > data.length) return null;

  // Each table entry is (length, offset); strings end in NUL, which the length excludes.
  const bytesAt = (table: number, i: number): Uint8Array | null => {
    const length = u32(table + i * 8);
    const offset = u32(table + i * 8 + 4);
    return offset + length > data.length ? null : data.subarray(offset, offset + length);
  };
  const entries: MoEntry[] = [];
  for (let i = 0; i < count; i++) {
    const original = bytesAt(originalsAt, i);
    const translation = bytesAt(translationsAt, i);
    if (original === null || translation === null) return null;
    if (original.length === 0) {
      if (!declaresUtf8(translation)) return null;
      continue;
    }
    let originalText: string;
    let translationText: string;
    try {
      originalText = utf8.decode(original);
      translationText = utf8.decode(translation);
    } catch {
      return null;
    }
    const context = originalText.indexOf("\u0004");
    if (context >= 0) originalText = originalText.slice(context + 1);
    entries.push({
      originals: originalText.split("\0"),
      translations: translationText.split("\0").filter((t) => t !== ""),
    });
  }
  return entries;
}

/** The header's `Content-Type: text/plain; charset=…` line; no header means ASCII, a UTF-8 subset. */
function declaresUtf8(header: Uint8Array): boolean {
  const text = new TextDecoder("latin1").decode(header);
  const charset = /charset=([^\s;]+)/i.exec(text)?.[1]?.toLowerCase();
  return charset === undefined || charset === "utf-8" || charset === "utf8" || charset === "ascii";
}
