import type { Encoding } from "../encoding.js";
import { SpecialTokenMatcher } from "../special.js";
import { encodeUtf8Into } from "../utf8.js";
import type { Segmenter } from "./types.js";

/** Options of {@link encodeWithSegmenter}. */
export interface SegmentEncodeOptions {
  /**
   * Special tokens emitted as their id where they occur (`"all"`: every one). Default none: the
   * text is ordinary text throughout, as tiktoken's `encode_ordinary`.
   */
  readonly allowedSpecial?: "all" | Iterable<string>;
}

const matchers = new WeakMap<Encoding, { matcher: SpecialTokenMatcher; ids: number[] }>();

/**
 * Encodes `text` with a tiktoken-style encoding's own pipeline (allowed special tokens split
 * out, then its pretokenizer) and `segmenter` in place of its BPE merge: the same pieces, cut
 * into tokens another way. The segmenter must be built over `enc`'s vocabulary
 * ({@link SegmentVocabulary.fromEncoding}). Its random stream restarts for every call, so a text
 * always encodes the same way.
 *
 * @example
 * ```ts
 * const seg = createSegmenter("pathpiece", SegmentVocabulary.fromEncoding(enc));
 * encodeWithSegmenter(enc, seg, "hello world").length <= enc.encodeOrdinary("hello world").length; // true
 * ```
 */
export function encodeWithSegmenter(
  enc: Encoding,
  segmenter: Segmenter,
  text: string,
  options: SegmentEncodeOptions = {},
): number[] {
  if (segmenter.vocabulary.tokens !== enc.vocab) {
    throw new Error(
      `segmenter ${segmenter.name} was built over ${segmenter.vocabulary.name}, not ${enc.name}`,
    );
  }
  segmenter.reset();
  const out: number[] = [];
  const buffer = { bytes: new Uint8Array(256) };
  const allowed = options.allowedSpecial;
  if (allowed === undefined) {
    segmentPieces(enc, segmenter, text, 0, text.length, buffer, out);
    return out;
  }
  let entry = matchers.get(enc);
  if (entry === undefined) {
    const names = Object.keys(enc.specialTokens);
    entry = { matcher: new SpecialTokenMatcher(names), ids: names.map((k) => enc.specialTokens[k]) };
    matchers.set(enc, entry);
  }
  const { matcher, ids } = entry;
  let flags: Uint8Array | undefined;
  if (allowed !== "all") {
    const wanted = new Set(allowed);
    flags = Uint8Array.from(matcher.tokens, (t) => (wanted.has(t) ? 1 : 0));
  }
  let pos = 0;
  for (;;) {
    const at = matcher.find(text, pos, flags);
    if (at < 0) break;
    segmentPieces(enc, segmenter, text, pos, at, buffer, out);
    out.push(ids[matcher.matchIndex]);
    pos = matcher.matchEnd;
  }
  segmentPieces(enc, segmenter, text, pos, text.length, buffer, out);
  return out;
}

/** Pretokenizes `text[start, end)` and segments each piece's UTF-8 bytes. */
function segmentPieces(
  enc: Encoding,
  segmenter: Segmenter,
  text: string,
  start: number,
  end: number,
  buffer: { bytes: Uint8Array },
  out: number[],
): void {
  const pre = enc.pretokenizer;
  let pos = start;
  while (pos < end) {
    const pieceEnd = pre.next(text, pos, end);
    const need = 3 * (pieceEnd - pos);
    if (buffer.bytes.length < need) buffer.bytes = new Uint8Array(Math.max(need, 2 * buffer.bytes.length));
    const len = encodeUtf8Into(text, pos, pieceEnd, buffer.bytes);
    segmenter.segment(buffer.bytes, 0, len, out);
    pos = pieceEnd;
  }
}
