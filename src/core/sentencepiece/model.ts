import { collectTokens, type ModelToken, type TokenSink, type WordModel } from "../models/types.js";
import { PrefixMatcher } from "./prefix.js";
import { type SentencePieceVocab, TokenEmitter } from "./vocab.js";

/**
 * What the four SentencePiece models share: the vocabulary lookups of `ModelInterface`, and
 * the step after segmentation (byte fallback, runs of unknown pieces fused). A subclass only
 * segments: it calls {@link SentencePieceModel.piece} for each piece of `text[start, end)`,
 * left to right.
 *
 * SentencePiece does not pre-tokenize: the whole normalized text is one "word" here.
 */
export abstract class SentencePieceModel implements WordModel {
  /** `bpe`, `unigram`, `word` or `char` (the TrainerSpec's model_type). */
  abstract readonly kind: string;
  protected readonly matcher: PrefixMatcher;
  private readonly emitter: TokenEmitter;
  private ids: number[] = [];
  private starts: number[] | null = null;
  private ends: number[] | null = null;
  private added = 0;

  constructor(readonly vocab: SentencePieceVocab) {
    this.matcher = new PrefixMatcher(vocab.userDefined);
    this.emitter = new TokenEmitter(vocab);
  }

  get vocabSize(): number {
    return this.vocab.pieces.length;
  }

  get maxId(): number {
    return this.vocab.pieces.length - 1;
  }

  /** The unknown piece's id (what `Tokenizer.unknownId` reports). */
  get unkId(): number {
    return this.vocab.unkId;
  }

  /** Whether unknown characters become `<0xAB>` byte tokens (for the byte scheme). */
  get byteFallback(): boolean {
    return this.vocab.byteFallback;
  }

  tokenToId(token: string): number | undefined {
    return this.vocab.tokenToId(token);
  }

  idToToken(id: number): string | undefined {
    return Number.isInteger(id) && id >= 0 && id < this.vocab.pieces.length
      ? this.vocab.pieces[id]
      : undefined;
  }

  tokenize(word: string): ModelToken[] {
    return collectTokens(word, (text, start, end, out, values) => {
      const first = out.ids.length;
      const n = this.tokenizeInto(text, start, end, out);
      for (let k = first; k < first + n; k++) values.push(this.vocab.pieces[out.ids[k]]);
      return n;
    });
  }

  tokenizeInto(text: string, start: number, end: number, out: TokenSink): number {
    return this.run(text, start, end, out.ids, out.starts, out.ends);
  }

  tokenizeIdsInto(text: string, start: number, end: number, ids: number[]): number {
    return this.run(text, start, end, ids, null, null);
  }

  private run(
    text: string,
    start: number,
    end: number,
    ids: number[],
    starts: number[] | null,
    ends: number[] | null,
  ): number {
    if (end <= start) return 0;
    this.ids = ids;
    this.starts = starts;
    this.ends = ends;
    this.added = 0;
    this.emitter.reset();
    this.segment(text, start, end);
    return this.added;
  }

  /** Cuts `text[start, end)` into pieces, calling {@link piece} for each in order. */
  protected abstract segment(text: string, start: number, end: number): void;

  /** One piece of the segmentation, with its id (the unknown id for an unknown character). */
  protected piece(text: string, start: number, end: number, id: number): void {
    this.added += this.emitter.emit(text, start, end, id, this.ids, this.starts, this.ends);
  }
}
