import { SentencePieceModel } from "./model.js";
import { charUnits } from "./prefix.js";

const SPACE_MARK = 0x2581;

/**
 * SentencePiece's two lookup models: `word` (the text cut before each `▁`, each word looked up
 * whole) and `char` (each character, or user-defined symbol, looked up). What is not a piece is
 * the unknown piece.
 *
 * @example
 * ```ts
 * new SentencePieceLookup(vocab, "word").tokenize("▁hello▁world").map((t) => t.value); // ["▁hello", "▁world"]
 * ```
 */
export class SentencePieceLookup extends SentencePieceModel {
  constructor(
    vocab: ConstructorParameters<typeof SentencePieceModel>[0],
    readonly kind: "word" | "char",
  ) {
    super(vocab);
  }

  protected segment(text: string, start: number, end: number): void {
    const v = this.vocab;
    if (this.kind === "char") {
      for (let i = start; i < end; ) {
        const user = this.matcher.match(text, i, end);
        const len = user > 0 ? user : Math.min(charUnits(text, i), end - i);
        this.piece(text, i, i + len, v.pieceToId(text.slice(i, i + len)));
        i += len;
      }
      return;
    }
    // SentencePiece's `SplitIntoWords` with its defaults: a word starts at the text's start
    // and at each `▁`.
    let w = start;
    for (let i = start + 1; i <= end; i++) {
      if (i === end || text.charCodeAt(i) === SPACE_MARK) {
        this.piece(text, w, i, v.pieceToId(text.slice(w, i)));
        w = i;
      }
    }
  }
}
