/**
 * How a tokenizer spells text as a stream of token bytes, which is what the cover method works
 * on: the stream is the text's UTF-8 after a fixed prefix the tokenizer adds to every text
 * (SentencePiece's dummy space: Llama 2 spells "Hi" as "▁Hi", bytes " Hi"; empty for tiktoken,
 * Llama 3, Gemma). From it: the canonical encoding of a stretch of the stream, and the pieces the
 * tokenizer's own pretokenizer cuts it into.
 */
import type { EncodeOptions, Tokenizer } from "../core/tokenizer.js";
import { TokenIndex } from "./token-index.js";
import { LmError } from "./types.js";
import { completeLength, decodeUtf8 } from "./utf8.js";

/** Special-token text is ordinary text here: a cover never contains a special token. */
const ORDINARY: EncodeOptions = { disallowedSpecial: [] };
const encoder = new TextEncoder();
const cache = new WeakMap<Tokenizer, TokenStream>();

/** Texts whose round trip tells whether the stream is the text (after a fixed prefix). */
const PROBES = ["a", "Hello world", " two  spaces\n\nand\ttabs", "x1234 é中🙂"];

export class TokenStream {
  /** The bytes the tokenizer puts before every text (empty for most). */
  readonly prefix: Uint8Array;
  /** Whether the pretokenizer cuts text into several pieces ("a b c" is not one piece). */
  readonly splits: boolean;
  private texts: (string | null)[] | undefined;

  /** The stream of `tokenizer`, checked on first use; throws an {@link LmError} if unusable. */
  static of(tokenizer: Tokenizer): TokenStream {
    let stream = cache.get(tokenizer);
    if (stream === undefined) {
      stream = new TokenStream(tokenizer);
      cache.set(tokenizer, stream);
    }
    return stream;
  }

  private constructor(readonly tokenizer: Tokenizer) {
    if (tokenizer.byteScheme === "wordpiece") {
      throw new LmError(
        `${tokenizer.name} is a WordPiece tokenizer: its tokens do not spell the text byte for byte, so it has no byte-level probabilities`,
      );
    }
    const spelled = tokenizer.decodeBytes(tokenizer.encode(PROBES[0], ORDINARY));
    const prefixLength = spelled.length - 1;
    this.prefix = spelled.slice(0, Math.max(0, prefixLength));
    for (const probe of PROBES) {
      const got = tokenizer.decodeBytes(tokenizer.encode(probe, ORDINARY));
      const want = concat(this.prefix, encoder.encode(probe));
      if (prefixLength < 0 || !sameBytes(got, want)) {
        throw new LmError(
          `${tokenizer.name} does not spell text as its tokens' bytes (${JSON.stringify(probe)} comes back as ${JSON.stringify(new TextDecoder().decode(got))}): a normalizer that changes text leaves no byte-level probabilities`,
        );
      }
    }
    this.splits = tokenizer.pretokenize("a b c").length > 1;
  }

  /** Each token's bytes as text, `null` where they are not whole UTF-8 characters. */
  tokenText(id: number): string | null {
    if (this.texts === undefined) {
      const tok = this.tokenizer;
      this.texts = new Array(tok.vocabSize).fill(null);
      for (const i of TokenIndex.of(tok).sorted) this.texts[i] = decodeUtf8(tok.tokenBytes(i));
    }
    return this.texts[id];
  }

  /** Whether stream bytes starting at `at` can begin a stretch encoded on its own. */
  canStartAt(bytes: Uint8Array, at: number): boolean {
    for (let i = 0; i < this.prefix.length; i++) if (bytes[at + i] !== this.prefix[i]) return false;
    return true;
  }

  /**
   * The text whose encoding spells stream bytes `[start, end)` (which begin where the stream may
   * be cut, see {@link canStartAt}), or `null` when they are not whole UTF-8 characters.
   */
  textOf(bytes: Uint8Array, start: number, end: number): string | null {
    if (!this.canStartAt(bytes, start)) return null;
    return decodeUtf8(bytes, start + this.prefix.length, end);
  }

  /**
   * The canonical ids of stream bytes `[start, end)`: the tokenizer's encoding of the text they
   * spell; `null` when they spell no text (not UTF-8, or not starting with the prefix).
   */
  canonical(bytes: Uint8Array, start: number, end: number): number[] | null {
    const text = this.textOf(bytes, start, end);
    return text === null ? null : this.canonicalOfText(text, end - start);
  }

  /** The canonical ids of `text` (whose stream is `length` bytes long), `null` if they do not spell it. */
  canonicalOfText(text: string, length: number): number[] | null {
    if (text === "") {
      // The prefix alone: tokenizers add it only to non-empty text, so it is the token that
      // spells it (checked later with what follows it).
      if (length === 0) return [];
      const ids = TokenIndex.of(this.tokenizer).exact(this.prefix, 0, this.prefix.length);
      // Llama 2 has both "▁" and the byte-fallback token <0x20>: fallback is only for bytes no
      // piece spells, so the piece is the canonical one.
      const piece = ids.find((id) => this.tokenizer.token(id)?.form !== "byte") ?? ids[0];
      return piece !== undefined && length === this.prefix.length ? [piece] : null;
    }
    const ids = this.tokenizer.encode(text, ORDINARY);
    let total = 0;
    for (const id of ids) total += this.tokenizer.tokenBytes(id).length;
    return total === length ? ids : null;
  }

  /**
   * Where the pretokenizer starts its pieces in stream bytes `[start, end)`, as absolute offsets
   * after `start`, ascending. Only the whole characters are cut; `[]` when the pieces do not add
   * up to the bytes (then no boundary is trusted).
   */
  pieceStarts(bytes: Uint8Array, start: number, end: number): number[] {
    const complete = start + completeLength(bytes, start, end);
    const text = this.textOf(bytes, start, complete);
    if (text === null) return [];
    const out: number[] = [];
    let at = start;
    for (const piece of this.tokenizer.pretokenize(text)) {
      if (at > start) out.push(at);
      at += this.pieceLength(piece);
    }
    return at === complete ? out : [];
  }

  /** Stream bytes of a pretokenizer piece, undoing the vocabulary's spelling of bytes. */
  private pieceLength(piece: string): number {
    switch (this.tokenizer.byteScheme) {
      case "byte-level":
        // GPT-2's alphabet: one character (BMP) per byte.
        return piece.length;
      case "sentencepiece":
        return encoder.encode(piece.replaceAll("▁", " ")).length;
      default:
        return encoder.encode(piece).length;
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
