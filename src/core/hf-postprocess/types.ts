/**
 * One tokenized sequence, or the merged result of post-processing, field for field HF's
 * `Encoding` as the Node binding reports it, except that offsets are in UTF-16 code units
 * (JavaScript string indices) rather than code points.
 *
 * What the pipeline gives a post-processor, per input sequence (HF `encode_single_sequence`):
 * - `ids`, `tokens`: the model's tokens (added tokens included);
 * - `offsets`: `[start, end)` into **that sequence's own** original text (the pair's offsets
 *   start at 0 again; HF never shifts them);
 * - `typeIds`: all 0 for the first sequence, all 1 for the pair (post-processors usually
 *   overwrite them, but without a post-processor they are kept);
 * - `specialTokensMask`: 1 for special added tokens, else 0; `attentionMask`: all 1;
 * - `sequenceIds`: ignored on input (post-processing assigns them);
 * - `wordIds` (optional): the index of the pre-tokenizer split each token came from;
 * - `overflowing` (optional): the parts truncation cut off, each an encoding of the same shape.
 *
 * On output `sequenceIds[i]` is 0 or 1 for a token from the first or second sequence and `null`
 * for a token a post-processor added, exactly as `Encoding.getSequenceIds()`.
 *
 * @example
 * const hello: HfEncoding = {
 *   ids: [7], typeIds: [0], tokens: ["hello"], offsets: [[0, 5]],
 *   specialTokensMask: [0], attentionMask: [1], sequenceIds: [0],
 * };
 */
export interface HfEncoding {
  ids: number[];
  typeIds: number[];
  tokens: string[];
  offsets: [number, number][];
  specialTokensMask: number[];
  attentionMask: number[];
  sequenceIds: (number | null)[];
  wordIds?: (number | null)[];
  overflowing?: HfEncoding[];
}

/**
 * A Hugging Face post-processor. HF's trait works on a list of encodings
 * (`process_encodings(Vec<Encoding>) -> Vec<Encoding>`), merged only at the end; mirroring
 * that is what makes a `Sequence` of processors behave as in HF (a TemplateProcessing returns
 * one encoding per template piece, and a later BertProcessing sees all of them).
 */
export interface PostProcessor {
  /** The tokenizer.json `type`. */
  readonly type: string;
  /**
   * How many tokens `process` adds with special tokens on (truncation reserves this many).
   *
   * @example
   * new BertProcessing(["[SEP]", 102], ["[CLS]", 101]).addedTokens(true); // 3
   */
  addedTokens(isPair: boolean): number;
  /** The list-to-list step; see {@link postProcess} for the whole operation. */
  processEncodings(encodings: WorkEncoding[], addSpecialTokens: boolean): WorkEncoding[];
}

/** `[start, end)` token range of one input sequence inside an encoding (HF `sequence_ranges`). */
export type SequenceRanges = Map<number, [number, number]>;

/**
 * The mutable encoding post-processors work on: {@link HfEncoding}'s arrays plus HF's
 * `sequence_ranges` map, from which `sequenceIds` are derived at the end (HF's rule, quirks
 * included: an encoding with no range, or with only the range of sequence 1, reports every
 * token as sequence 0).
 */
export class WorkEncoding {
  constructor(
    public ids: number[],
    public typeIds: number[],
    public tokens: string[],
    public wordIds: (number | null)[],
    public offsets: [number, number][],
    public specialTokensMask: number[],
    public attentionMask: number[],
    public overflowing: WorkEncoding[],
    public ranges: SequenceRanges,
  ) {}

  /** An encoding of the pipeline (`sequenceIds` and no ranges, as a fresh HF encoding). */
  static from(e: HfEncoding): WorkEncoding {
    const n = e.ids.length;
    for (const [name, a] of [
      ["typeIds", e.typeIds],
      ["tokens", e.tokens],
      ["offsets", e.offsets],
      ["specialTokensMask", e.specialTokensMask],
      ["attentionMask", e.attentionMask],
    ] as const) {
      if (a.length !== n) throw new RangeError(`HfEncoding.${name} has ${a.length} entries for ${n} ids`);
    }
    if (e.wordIds !== undefined && e.wordIds.length !== n) {
      throw new RangeError(`HfEncoding.wordIds has ${e.wordIds.length} entries for ${n} ids`);
    }
    return new WorkEncoding(
      [...e.ids],
      [...e.typeIds],
      [...e.tokens],
      e.wordIds === undefined ? new Array<number | null>(n).fill(null) : [...e.wordIds],
      e.offsets.map(([s, t]) => [s, t]),
      [...e.specialTokensMask],
      [...e.attentionMask],
      (e.overflowing ?? []).map((o) => WorkEncoding.from(o)),
      new Map(),
    );
  }

  /**
   * An encoding of the pipeline taken over as it is: its arrays and offset pairs become this
   * encoding's, not copies. Only for an encoding nobody else holds, whose offset pairs are not
   * shared with another (truncation's overflowing parts share them, so take {@link from}).
   */
  static adopt(e: HfEncoding): WorkEncoding {
    return new WorkEncoding(
      e.ids,
      e.typeIds,
      e.tokens,
      e.wordIds ?? new Array<number | null>(e.ids.length).fill(null),
      e.offsets,
      e.specialTokensMask,
      e.attentionMask,
      (e.overflowing ?? []).map((o) => WorkEncoding.adopt(o)),
      new Map(),
    );
  }

  static empty(): WorkEncoding {
    return new WorkEncoding([], [], [], [], [], [], [], [], new Map());
  }

  get length(): number {
    return this.ids.length;
  }

  clone(): WorkEncoding {
    return new WorkEncoding(
      [...this.ids],
      [...this.typeIds],
      [...this.tokens],
      [...this.wordIds],
      this.offsets.map(([s, t]) => [s, t]),
      [...this.specialTokensMask],
      [...this.attentionMask],
      this.overflowing.map((o) => o.clone()),
      new Map([...this.ranges].map(([k, [s, t]]) => [k, [s, t]])),
    );
  }

  /** HF `set_sequence_id`: the whole encoding belongs to sequence `id`. */
  setSequenceId(id: number): void {
    this.ranges.set(id, [0, this.length]);
  }

  /**
   * HF `Encoding::merge_with(other, growing_offsets = false)`: appends `other`, shifting its
   * sequence ranges; overflowing parts combine pairwise (ours × other, ours × other's
   * overflowing, us × other's overflowing), in HF's order. `other` is consumed: its offset pairs
   * become this encoding's (every caller drops it, or passes a clone).
   */
  mergeWith(other: WorkEncoding): void {
    const overflowing: WorkEncoding[] = [];
    for (const mine of this.overflowing) {
      const a = mine.clone();
      a.mergeWith(other.clone());
      overflowing.push(a);
      for (const theirs of other.overflowing) {
        const b = mine.clone();
        b.mergeWith(theirs.clone());
        overflowing.push(b);
      }
    }
    for (const theirs of other.overflowing) {
      const c = this.clone();
      c.mergeWith(theirs.clone());
      overflowing.push(c);
    }
    const shift = this.length;
    for (const [id, [s, t]] of other.ranges) this.ranges.set(id, [s + shift, t + shift]);
    // `concat`, not a spread into push(), which overflows the call stack on long arrays.
    this.ids = this.ids.concat(other.ids);
    this.typeIds = this.typeIds.concat(other.typeIds);
    this.tokens = this.tokens.concat(other.tokens);
    this.wordIds = this.wordIds.concat(other.wordIds);
    this.offsets = this.offsets.concat(other.offsets);
    this.specialTokensMask = this.specialTokensMask.concat(other.specialTokensMask);
    this.attentionMask = this.attentionMask.concat(other.attentionMask);
    this.overflowing = overflowing;
  }

  /** HF `get_sequence_ids`. */
  sequenceIds(): (number | null)[] {
    const out = new Array<number | null>(this.length).fill(null);
    const n = this.ranges.size === 0 ? 1 : this.ranges.size;
    for (let id = 0; id < n; id++) {
      const [s, t] = this.ranges.get(id) ?? [0, this.length];
      for (let i = s; i < t; i++) out[i] = id;
    }
    return out;
  }

  /** The public record; `wordIds` only when the inputs had them. */
  toRecord(withWordIds: boolean): HfEncoding {
    const record: HfEncoding = {
      ids: this.ids,
      typeIds: this.typeIds,
      tokens: this.tokens,
      offsets: this.offsets,
      specialTokensMask: this.specialTokensMask,
      attentionMask: this.attentionMask,
      sequenceIds: this.sequenceIds(),
    };
    if (withWordIds) record.wordIds = this.wordIds;
    if (this.overflowing.length > 0)
      record.overflowing = this.overflowing.map((o) => o.toRecord(withWordIds));
    return record;
  }
}
