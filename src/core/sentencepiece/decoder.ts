import type { Decoder } from "../hf-decode/types.js";
import type { SentencePieceVocab } from "./vocab.js";

const SPACE_MARK = "\u2581";

/** What SentencePiece's decoder needs from the model's specs. */
export interface SentencePieceDecoderOptions {
  /** NormalizerSpec `add_dummy_prefix`: the first piece's leading `▁` is the dummy space. */
  readonly addDummyPrefix: boolean;
  /** NormalizerSpec `remove_extra_whitespaces`. */
  readonly removeExtraWhitespaces: boolean;
  /** TrainerSpec `unk_surface`: what the unknown piece decodes to (default " ⁇ "). */
  readonly unkSurface: string;
  /** The denormalizer, applied to the decoded text (rare; most models have none). */
  readonly denormalize?: ((text: string) => string) | null;
}

/**
 * SentencePiece's `Decode`, exactly: control pieces vanish, the unknown piece becomes
 * `unk_surface`, runs of `<0xAB>` byte pieces are decoded as UTF-8 (each invalid byte as
 * U+FFFD), `▁` becomes a space, and the dummy prefix's space is dropped from the first piece
 * that carries text (every such piece while nothing is written, when extra whitespace is
 * removed). Pieces are told apart by their strings, which a SentencePiece vocabulary keeps
 * unique per kind.
 *
 * @example
 * ```ts
 * decodeWith(decoder, ["<s>", "▁Hello", "▁world", "<0xE2>", "<0x9C>", "<0x85>"]); // "Hello world✅"
 * ```
 */
export class SentencePieceDecoder implements Decoder {
  readonly type = "SentencePiece";
  /** The character that stands for a space (read by the byte-scheme detection). */
  readonly replacement = SPACE_MARK;
  private readonly utf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

  constructor(
    private readonly vocab: SentencePieceVocab,
    private readonly options: SentencePieceDecoderOptions,
  ) {}

  decodeChain(tokens: readonly string[]): string[] {
    const v = this.vocab;
    const o = this.options;
    let text = "";
    let bytes: number[] = [];
    let bosWs = true;
    let bosWsSeen = false;
    const flush = () => {
      if (bytes.length === 0) return;
      text += this.decodeBytes(bytes);
      bytes = [];
    };
    for (const t of tokens) {
      const id = v.pieceToId(t);
      const type = v.types[id];
      if (type === "byte") {
        bytes.push(Number.parseInt(t.slice(3, 5), 16));
        continue;
      }
      flush();
      if (bosWsSeen || text.length > 0) bosWs = false;
      bosWsSeen = false;
      if (type === "control") continue;
      if (type === "unknown") {
        text += t === v.pieces[id] ? o.unkSurface : t;
        continue;
      }
      let piece = t;
      if (bosWs && (o.addDummyPrefix || o.removeExtraWhitespaces) && piece.startsWith(SPACE_MARK)) {
        piece = piece.slice(1);
        bosWsSeen = !o.removeExtraWhitespaces;
      }
      text += piece.replaceAll(SPACE_MARK, " ");
    }
    flush();
    return [o.denormalize ? o.denormalize(text) : text];
  }

  /** UTF-8 with SentencePiece's rule: each byte of an invalid sequence is one U+FFFD. */
  private decodeBytes(bytes: number[]): string {
    // TextDecoder replaces a maximal invalid subpart with one U+FFFD; SentencePiece replaces
    // every byte it cannot start a valid character with, so decode character by character.
    let out = "";
    let i = 0;
    while (i < bytes.length) {
      const n = validLength(bytes, i);
      if (n === 0) {
        out += "\uFFFD";
        i++;
      } else {
        out += this.utf8.decode(Uint8Array.from(bytes.slice(i, i + n)));
        i += n;
      }
    }
    return out;
  }
}

/** Length of the valid UTF-8 character at `b[i]`, 0 if there is none. */
function validLength(b: number[], i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
