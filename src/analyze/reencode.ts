/**
 * Re-encoding a token's text as if it stood in the middle of a text. Encoding the text alone is
 * not that for every tokenizer: SentencePiece-style pipelines prepend a space-marker to the
 * input (so "the" alone becomes `▁the`, never `the`), and a WordPiece continuation piece
 * (`##ing`) is only produced after the start of a word. The cure is the one Land & Bartolo use
 * in their Magikarp code: put an anchor in front, encode, and drop the anchor's tokens — trying
 * another anchor when the first one merges with the text.
 */
import { ORDINARY, type Tokenizer } from "../core/tokenizer.js";

/** Re-encodes a token's text; `continuation` for a piece that continues a word (WordPiece). */
export type Reencoder = (text: string, continuation: boolean) => number[];

/** Anchors that make the text after them mid-text for tokenizers that prefix a space. */
const SPACE_ANCHORS = ["\u00ab", "\u00bb", "#"];
/** Anchors that start a word the text then continues (WordPiece continuation pieces). */
const WORD_ANCHORS = ["a", "x", "q", "z", "k"];

/**
 * Whether encoding alone changes the start of a text: true when "test" alone comes out as a
 * token whose bytes begin with a space (SentencePiece's prepended `▁`, ByteLevel's
 * `add_prefix_space`).
 */
function prefixesSpace(tok: Tokenizer, bytesOf: (id: number) => Uint8Array | undefined): boolean {
  const ids = tok.encode("test", ORDINARY);
  return ids.length > 0 && bytesOf(ids[0])?.[0] === 0x20;
}

/** `encode(anchor + text)` without the anchor's tokens, for the first anchor that stays apart. */
function anchored(
  tok: Tokenizer,
  anchors: readonly { text: string; ids: number[] }[],
  text: string,
): number[] {
  for (const a of anchors) {
    const ids = tok.encode(a.text + text, ORDINARY);
    if (a.ids.length > 0 && a.ids.every((id, k) => ids[k] === id)) return ids.slice(a.ids.length);
  }
  return tok.encode(text, ORDINARY);
}

/**
 * The {@link Reencoder} for `tok`: plain `encode` when that treats the text as mid-text, an
 * anchored encode otherwise (see the module comment). A text for which no anchor stays apart is
 * encoded alone.
 *
 * @example
 * const reencode = makeReencoder(llama2, bytesOf);
 * reencode("the", false); // [1237], Llama 2's "the" (alone it would be ▁the, 272)
 */
export function makeReencoder(tok: Tokenizer, bytesOf: (id: number) => Uint8Array | undefined): Reencoder {
  const prepare = (list: readonly string[]) =>
    list.map((text) => ({ text, ids: tok.encode(text, ORDINARY) }));
  // A word anchor must be one token, or the greedy match may not stop where the anchor ends.
  const word = prepare(WORD_ANCHORS).filter((a) => a.ids.length === 1);
  if (!prefixesSpace(tok, bytesOf)) {
    return (text, continuation) => (continuation ? anchored(tok, word, text) : tok.encode(text, ORDINARY));
  }
  const space = prepare(SPACE_ANCHORS);
  return (text, continuation) => anchored(tok, continuation ? word : space, text);
}
