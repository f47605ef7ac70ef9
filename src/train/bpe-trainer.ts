import { byteLevelOrder, chooseCharAlphabet } from "./alphabet.js";
import { type MergeState, type MergeVeto, type PairObserver, MergeState as State } from "./merge-state.js";
import { concatBytes, TokenTable } from "./token-table.js";
import type { BaseKind, PieceConfig, PieceCountSource, TrainedBpe } from "./types.js";
import { combineVetoes, maxLengthVeto } from "./veto.js";
import { buildWords } from "./words.js";

/** Options of {@link trainBpe}. */
export interface BpeTrainOptions {
  /**
   * The whole vocabulary: special tokens, reserved tokens, the base alphabet (and byte-fallback
   * tokens) and the learned tokens together.
   */
  readonly vocabSize: number;
  /** `byte` (default): 256 byte tokens; `char`: characters with byte fallback. */
  readonly base?: BaseKind;
  /** Byte base: `full` (default) keeps all 256 bytes; `seen` only those in the corpus (Hugging
   * Face's default when no initial alphabet is given). */
  readonly byteAlphabet?: "full" | "seen";
  /** Stop when the best pair occurs fewer times than this (default 0: never stop early). */
  readonly minFrequency?: number;
  /** Control tokens (first ids), never merged; cut out of the text before counting. */
  readonly specialTokens?: readonly string[];
  /** Tokens added to the vocabulary up front (after the special tokens). */
  readonly reservedTokens?: readonly string[];
  /** Character base: characters always in the alphabet. */
  readonly initialAlphabet?: readonly string[];
  /** Character base: at most this many characters in the alphabet. */
  readonly alphabetLimit?: number;
  /** No token longer than this (inclusive), from the first merge on. */
  readonly maxTokenLength?: { readonly value: number; readonly unit: "chars" | "bytes" };
  /** Ties between equal counts: by token bytes (default, independent of ids and hashing) or by
   * ids (the Hugging Face trainer's rule). */
  readonly tieBreak?: "bytes" | "id";
  /** Extra merge vetoes (a variant's constraint). */
  readonly veto?: MergeVeto;
  /** Per-word pair-count changes (per-group statistics for a selection policy). */
  readonly observer?: PairObserver;
  /** How the counted pieces were cut (recorded in the result for the writers). */
  readonly pieces?: PieceConfig;
  /** Called after each merge with (merges so far, merges planned). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Empty `counts` once the words are built (memory: the caller no longer needs them). */
  readonly releaseCounts?: boolean;
  /** Recorded in the result's `config`. */
  readonly record?: Readonly<Record<string, unknown>>;
}

const NO_PIECES: PieceConfig = { preset: "none", numbers: "none", specialTokens: [] };

/**
 * Trains a BPE vocabulary on piece counts: the classic merge loop (Sennrich et al.), with exact
 * counts, deterministic ties and the vocabulary budget of {@link BpeTrainOptions.vocabSize}.
 *
 * @example
 * const counts = new Map([["low", 5], [" lower", 2], [" newest", 6], [" widest", 3]]);
 * const trained = trainBpe(counts, { vocabSize: 256 + 10 });
 * trained.merges.length; // 10
 */
export function trainBpe(counts: PieceCountSource, options: BpeTrainOptions): TrainedBpe {
  const run = BpeRun.start(counts, options);
  run.mergeUntilBudget();
  return run.result();
}

/**
 * One training run, exposed for the variants: SuperBPE continues a run on re-counted words,
 * Parity-aware BPE chooses the pair to merge, an existing tokenizer is extended by replaying its
 * merges first.
 */
export class BpeRun {
  readonly merges: Array<[number, number]> = [];
  private constructor(
    readonly tokens: TokenTable,
    readonly state: MergeState,
    readonly options: BpeTrainOptions,
    readonly layout: Layout,
  ) {}

  /** Lays out the vocabulary (specials, reserved, alphabet) and counts the pairs of the words. */
  static start(counts: PieceCountSource, options: BpeTrainOptions): BpeRun {
    validate(options);
    const tokens = new TokenTable();
    const layout = layoutVocabulary(tokens, counts, options);
    return BpeRun.over(tokens, layout, counts, options);
  }

  /**
   * A run over new piece counts that starts from an existing vocabulary and merge list (replayed
   * in order on the new words before any new merge is learned).
   */
  static resume(previous: TrainedBpe, counts: PieceCountSource, options: BpeTrainOptions): BpeRun {
    validate(options);
    const tokens = new TokenTable();
    const fallback = new Set(previous.byteFallbackIds);
    const special = new Set(previous.specialIds);
    for (let id = 0; id < previous.tokens.length; id++) {
      const ordinary = !special.has(id) && !fallback.has(id);
      const got = tokens.add(previous.tokens[id], ordinary, ordinary);
      if (got !== id) throw new Error(`token ${id} repeats the bytes of token ${got}`);
    }
    const byteIds = new Int32Array(256).fill(-1);
    if (previous.base === "byte") {
      for (let b = 0; b < 256; b++) byteIds[b] = tokens.find(Uint8Array.of(b));
    } else {
      for (let b = 0; b < 256; b++) byteIds[b] = previous.byteFallbackIds[b] ?? -1;
    }
    const layout: Layout = {
      base: previous.base,
      specialIds: [...previous.specialIds],
      reservedIds: [...previous.reservedIds],
      byteFallbackIds: [...previous.byteFallbackIds],
      byteIds,
      firstMergeId: previous.firstMergeId,
    };
    const run = BpeRun.over(tokens, layout, counts, options);
    for (const [a, b] of previous.merges) {
      const merged = tokens.find(concatBytes(tokens.bytes[a], tokens.bytes[b]));
      if (merged < 0)
        throw new Error(`merge [${a}, ${b}] of the previous vocabulary makes bytes that are no token`);
      run.state.applyIds(a, b, merged);
      run.merges.push([a, b]);
    }
    return run;
  }

  private static over(
    tokens: TokenTable,
    layout: Layout,
    counts: PieceCountSource,
    options: BpeTrainOptions,
  ): BpeRun {
    const words = buildWords(counts, tokens, layout.base, layout.byteIds);
    // The words now hold everything the merge loop needs; a caller done with the counts lets
    // their strings go before the loop's arrays grow.
    if (options.releaseCounts) counts.clear();
    const vetoes: MergeVeto[] = [];
    if (options.maxTokenLength)
      vetoes.push(maxLengthVeto(options.maxTokenLength.value, options.maxTokenLength.unit));
    if (options.veto) vetoes.push(options.veto);
    const state = new State(tokens, words, {
      tieBreak: options.tieBreak,
      veto: combineVetoes(vetoes),
      observer: options.observer,
    });
    return new BpeRun(tokens, state, options, layout);
  }

  /** Learned tokens still allowed by the budget. */
  get remaining(): number {
    return Math.max(0, this.options.vocabSize - this.tokens.size);
  }

  /**
   * Merges the best pair (by `pick`, default the global maximum) until the vocabulary is full, no
   * pair is left, or the best count falls under the minimum frequency.
   */
  mergeUntilBudget(pick: () => number = () => this.state.popBest()): void {
    const minFrequency = Math.max(1, this.options.minFrequency ?? 0);
    const planned = this.remaining;
    while (this.tokens.size < this.options.vocabSize) {
      const p = pick();
      if (p < 0) break;
      if (this.state.pairs.count[p] < minFrequency) break;
      this.mergePair(p);
      this.options.onProgress?.(this.merges.length, planned);
    }
  }

  /** Merges pair `p` (an index of `state.pairs`) everywhere; returns the merged token's id. */
  mergePair(p: number): number {
    const pairs = this.state.pairs;
    const a = pairs.left[p];
    const b = pairs.right[p];
    const merged = this.tokens.add(concatBytes(this.tokens.bytes[a], this.tokens.bytes[b]), true);
    this.merges.push([a, b]);
    this.state.apply(p, merged);
    return merged;
  }

  /** The vocabulary and merges so far. */
  result(): TrainedBpe {
    const o = this.options;
    return {
      base: this.layout.base,
      tokens: this.tokens.bytes.slice(),
      specialIds: this.layout.specialIds,
      reservedIds: this.layout.reservedIds,
      byteFallbackIds: this.layout.byteFallbackIds,
      merges: this.merges.map(([a, b]) => [a, b] as const),
      firstMergeId: this.layout.firstMergeId,
      pieces: o.pieces ?? NO_PIECES,
      config: {
        algorithm: "bpe",
        vocabSize: o.vocabSize,
        base: this.layout.base,
        byteAlphabet: o.byteAlphabet ?? "full",
        minFrequency: o.minFrequency ?? 0,
        maxTokenLength: o.maxTokenLength ?? null,
        tieBreak: o.tieBreak ?? "bytes",
        alphabetLimit: o.alphabetLimit ?? null,
        ...o.record,
      },
    };
  }
}

/** Where the fixed part of the vocabulary went. */
export interface Layout {
  readonly base: BaseKind;
  readonly specialIds: number[];
  readonly reservedIds: number[];
  readonly byteFallbackIds: number[];
  /** Byte → the token used for it in words (byte token or byte-fallback token; -1 if none). */
  readonly byteIds: Int32Array;
  readonly firstMergeId: number;
}

const utf8 = new TextEncoder();

function layoutVocabulary(tokens: TokenTable, counts: PieceCountSource, o: BpeTrainOptions): Layout {
  const base = o.base ?? "byte";
  const specialIds = (o.specialTokens ?? []).map((s) => tokens.add(utf8.encode(s), false, false));
  const reservedIds = (o.reservedTokens ?? []).map((s) => tokens.add(utf8.encode(s), true, false));
  const byteIds = new Int32Array(256).fill(-1);
  const byteFallbackIds: number[] = [];
  if (base === "byte") {
    const seen = o.byteAlphabet === "seen" ? seenBytes(counts) : null;
    for (const b of byteLevelOrder()) {
      if (seen && !seen[b]) continue;
      byteIds[b] = tokens.add(Uint8Array.of(b), true);
    }
  } else {
    for (let b = 0; b < 256; b++) {
      byteIds[b] = tokens.add(Uint8Array.of(b), false, false);
      byteFallbackIds.push(byteIds[b]);
    }
    const charCounts = new Map<string, number>();
    for (const [piece, n] of counts) {
      for (const c of piece) charCounts.set(c, (charCounts.get(c) ?? 0) + n);
    }
    for (const c of chooseCharAlphabet(charCounts, o.alphabetLimit, o.initialAlphabet)) {
      tokens.add(utf8.encode(c), true);
    }
  }
  if (tokens.size > o.vocabSize) {
    throw new Error(
      `vocab size ${o.vocabSize} is smaller than the fixed part of the vocabulary (${tokens.size}: ` +
        `${specialIds.length} special, ${reservedIds.length} reserved, ${tokens.size - specialIds.length - reservedIds.length} base)`,
    );
  }
  return { base, specialIds, reservedIds, byteFallbackIds, byteIds, firstMergeId: tokens.size };
}

function seenBytes(counts: PieceCountSource): Uint8Array {
  const seen = new Uint8Array(256);
  for (const piece of counts.keys()) for (const b of utf8.encode(piece)) seen[b] = 1;
  return seen;
}

function validate(o: BpeTrainOptions): void {
  if (!Number.isInteger(o.vocabSize) || o.vocabSize < 1)
    throw new Error(`vocab size must be a positive integer, got ${o.vocabSize}`);
  if (o.minFrequency !== undefined && !(o.minFrequency >= 0))
    throw new Error(`min frequency must be ≥ 0, got ${o.minFrequency}`);
  if (o.maxTokenLength && !(Number.isInteger(o.maxTokenLength.value) && o.maxTokenLength.value >= 1)) {
    throw new Error(`max token length must be a positive integer, got ${o.maxTokenLength.value}`);
  }
  if (o.alphabetLimit !== undefined && !(Number.isInteger(o.alphabetLimit) && o.alphabetLimit >= 0)) {
    throw new Error(`alphabet limit must be an integer ≥ 0, got ${o.alphabetLimit}`);
  }
}
