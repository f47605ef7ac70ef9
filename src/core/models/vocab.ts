import { wellFormedSlice } from "./text.js";

/** A token → id vocabulary as accepted by {@link TokenVocab}: a `Map` or a plain object. */
export type VocabInput = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** Largest id HF accepts (`u32`). */
const MAX_ID = 0xffffffff;

/**
 * The two directions of a WordPiece/WordLevel/BPE vocabulary (HF's `vocab` and `vocab_r`).
 *
 * Tokens are stored well-formed (lone surrogates as U+FFFD), the only form the Rust side can
 * hold. Several tokens may share an id, as in HF; `idToToken` then returns the last one given,
 * where HF returns whichever its hash map happens to keep.
 *
 * A different kind from `BytePairVocab` (src/core/vocab.ts), the byte-level vocabulary: these
 * tokens are strings, not bytes (WordPiece's `##` continuations, SentencePiece's `▁`, a
 * byte-level model's stand-in alphabet), ids may be shared, sparse or above any rank, and
 * lookups take the text's UTF-16 ranges (`RangeIndex` in bpe-vocab.ts is the BPE model's
 * allocation-free index over it). A byte-level HF BPE model gets a `BytePairVocab` of its own
 * only where bytes are needed (the segmenters: `hfSegmentVocabulary`).
 *
 * @example
 * ```ts
 * const v = new TokenVocab({ "[UNK]": 0, hello: 1 });
 * v.id("hello"); // 1
 * v.token(0); // "[UNK]"
 * ```
 */
export class TokenVocab {
  /** Token → id. */
  readonly ids: ReadonlyMap<string, number>;
  /**
   * Id → token, built on the first {@link token} call (encoding ids never needs it): an array
   * indexed by id when the ids are dense enough, else a map.
   */
  private tokens: (string | undefined)[] | Map<number, string> | null = null;
  private largest: number | null = null;

  /**
   * `adopt`: use `vocab` (a `Map`) as is, without copying or checking it — for loaders that
   * have already validated every id and rejected lone surrogates (tokenizer.json); the map must
   * not change afterwards. See {@link TokenVocab.adopt}.
   */
  constructor(vocab: VocabInput, options: { readonly adopt?: boolean } = {}) {
    if (options.adopt === true && vocab instanceof Map) {
      this.ids = vocab;
      return;
    }
    const ids = new Map<string, number>();
    const entries: Iterable<[string, number]> =
      vocab instanceof Map ? vocab.entries() : Object.entries(vocab as Record<string, number>);
    for (const [token, id] of entries) {
      if (!Number.isInteger(id) || id < 0 || id > MAX_ID) {
        throw new RangeError(
          `vocabulary id of ${JSON.stringify(token)} must be an integer in [0, 2^32): ${id}`,
        );
      }
      ids.set(wellFormedSlice(token, 0, token.length), id);
    }
    this.ids = ids;
  }

  /**
   * Wraps `ids` without copying or checking it: for loaders that have already validated every
   * id and rejected lone surrogates (tokenizer.json). The map must not be changed afterwards.
   */
  static adopt(ids: Map<string, number>): TokenVocab {
    return new TokenVocab(ids, { adopt: true });
  }

  /** Number of distinct tokens (HF's `get_vocab_size`; shared ids count once per token). */
  get size(): number {
    return this.ids.size;
  }

  /** The largest id (-1 when empty); ids below it may be unused. */
  get maxId(): number {
    if (this.largest === null) {
      let max = -1;
      for (const id of this.ids.values()) if (id > max) max = id;
      this.largest = max;
    }
    return this.largest;
  }

  /** Id of `token`; a lone surrogate in the query matches as U+FFFD. */
  id(token: string): number | undefined {
    const id = this.ids.get(token);
    if (id !== undefined) return id;
    const wellFormed = wellFormedSlice(token, 0, token.length);
    return wellFormed === token ? undefined : this.ids.get(wellFormed);
  }

  /** A token with id `id`. */
  token(id: number): string | undefined {
    const tokens = this.tokens ?? this.buildTokens();
    return Array.isArray(tokens) ? tokens[id] : tokens.get(id);
  }

  private buildTokens(): (string | undefined)[] | Map<number, string> {
    // Later entries win, as the eager build did.
    if (this.maxId < 2 * this.ids.size + 1024) {
      const tokens = new Array<string | undefined>(this.maxId + 1).fill(undefined);
      for (const [token, i] of this.ids) tokens[i] = token;
      this.tokens = tokens;
    } else {
      const tokens = new Map<number, string>();
      for (const [token, i] of this.ids) tokens.set(i, token);
      this.tokens = tokens;
    }
    return this.tokens;
  }
}
