/**
 * SentencePiece's Unigram trainer (Kudo 2018; `unigram_model_trainer.cc`): a seed vocabulary
 * of characters and frequent substrings, then rounds of EM (expected counts by forward-backward
 * over each word's lattice, a Bayesian M-step with digamma that drops pieces expected less than
 * half a time) and pruning (each piece's loss of likelihood if its occurrences were split into
 * its best alternative; the pieces losing least go, to 75 % of the vocabulary per round) until
 * the vocabulary is within 10 % of the target, then the best pieces by score with every
 * required character. Browser-safe: it takes word counts, not files.
 */
import type { ArrayAlloc } from "./arrays.js";
import { buildWordText, compareCodePoints } from "./corpus.js";
import { digamma } from "./digamma.js";
import { type EStepResult, PIECES_PER_CHUNK, WordLattices } from "./lattice.js";
import { seedPieces } from "./seeds.js";

/** Options, with SentencePiece's flag names and defaults. */
export interface UnigramTrainOptions {
  /** The whole vocabulary, meta and byte pieces included (`vocab_size`). */
  readonly vocabSize: number;
  /** Share of character occurrences the alphabet must cover (`character_coverage`, 0.9995). */
  readonly characterCoverage?: number;
  /** Add the 256 byte pieces `<0x00>`… for characters outside the vocabulary (`byte_fallback`). */
  readonly byteFallback?: boolean;
  /** Substrings in the seed vocabulary (`seed_sentencepiece_size`, 1,000,000). */
  readonly seedSize?: number;
  /** Share of pieces kept by each pruning round (`shrinking_factor`, 0.75). */
  readonly shrinkingFactor?: number;
  /** EM iterations per round (`num_sub_iterations`, 2). */
  readonly subIterations?: number;
  /** The longest piece in characters (`max_sentencepiece_length`, 16). */
  readonly maxPieceLength?: number;
  /** Refuse pieces mixing Unicode scripts (`split_by_unicode_script`, true). */
  readonly splitByScript?: boolean;
  /** Empty `counts` (a Map) once laid out, so that its strings can be collected while training. */
  readonly releaseCounts?: boolean;
  /** Progress after each EM iteration. */
  readonly onProgress?: (p: UnigramProgress) => void;
  /**
   * Positions per E-step block (default `BLOCK_CHARS`, 2^18). The E-step sums each block apart
   * and adds the sums in block order, so the model depends on this, never on the thread count.
   */
  readonly blockChars?: number;
  /** Where the word text and lattices live (default plain arrays; shared memory for threads). */
  readonly alloc?: ArrayAlloc;
}

/** One EM iteration done. */
export interface UnigramProgress {
  readonly round: number;
  readonly pieces: number;
  readonly objective: number;
}

/** A trained piece: its text and log probability (meta and byte pieces are added by the writer). */
export interface UnigramPiece {
  readonly piece: string;
  readonly score: number;
}

/** What training produced. */
export interface TrainedUnigram {
  /** Normal pieces, best score first. */
  readonly pieces: readonly UnigramPiece[];
  /** Meta pieces (`<unk>`, `<s>`, `</s>`) and, with byte fallback, the 256 byte pieces. */
  readonly metaPieces: number;
  readonly byteFallback: boolean;
  /** The required characters (the alphabet) and the share of the text they cover. */
  readonly alphabetSize: number;
  readonly coverage: number;
  readonly seedPieces: number;
  readonly distinctWords: number;
}

/**
 * Trains a Unigram vocabulary on word counts (`▁`-prefixed words, as {@link WordCounter} makes
 * them).
 *
 * @example
 * ```ts
 * const words = new WordCounter();
 * words.addText(text);
 * const trained = trainUnigram(words.counts, { vocabSize: 8000 });
 * trained.pieces[0]; // { piece: "▁the", score: -3.2… }
 * ```
 */
export function trainUnigram(
  counts: ReadonlyMap<string, number>,
  options: UnigramTrainOptions,
): TrainedUnigram {
  const run = unigramTraining(counts, options);
  for (let step = run.next(); ; ) {
    if (step.done) return step.value;
    const { kind, model } = step.value;
    step = run.next(kind === "estep" ? model.eStep() : pruneInputs(model));
  }
}

/** What {@link unigramTraining} needs computed on the model: an E-step, or pruning's inputs. */
export type UnigramStep =
  | { readonly kind: "estep"; readonly model: WordLattices }
  | { readonly kind: "prune"; readonly model: WordLattices };

/** What pruning reads: each piece's alternative and Viterbi counts. */
export interface PruneInputs {
  /**
   * Every piece's {@link WordLattices.alternatives}, flat as `alternativesRange` writes them, in
   * chunks of consecutive pieces from piece 0. Flat because one small array per piece (200k of
   * them in a round) was garbage enough to raise the peak memory by tens of MB.
   */
  readonly alternatives: readonly Int32Array[];
  readonly freq: Float64Array;
}

/** {@link PruneInputs} in this thread. */
export function pruneInputs(model: WordLattices): PruneInputs {
  const alternatives: Int32Array[] = [];
  const unk = model.unkScore();
  for (let from = 0; from < model.size; from += PIECES_PER_CHUNK) {
    alternatives.push(model.alternativesRange(from, Math.min(model.size, from + PIECES_PER_CHUNK), unk));
  }
  return { alternatives, freq: model.viterbiCounts() };
}

/**
 * {@link trainUnigram} as steps, so that the heavy passes can run elsewhere (on threads, in
 * Node): each value yielded asks for an E-step (pass back what `model.eStep()` gives) or for
 * pruning's inputs (what {@link pruneInputs} gives). The return value is the trained vocabulary.
 *
 * @example
 * ```ts
 * const run = unigramTraining(counts, { vocabSize: 8000 });
 * let step = run.next();
 * while (!step.done) step = run.next(await onThreads(step.value));
 * step.value.pieces;
 * ```
 */
export function* unigramTraining(
  counts: ReadonlyMap<string, number>,
  options: UnigramTrainOptions,
): Generator<UnigramStep, TrainedUnigram, EStepResult | PruneInputs> {
  const byteFallback = options.byteFallback ?? false;
  const metaPieces = 3 + (byteFallback ? 256 : 0);
  const target = options.vocabSize - metaPieces;
  if (target < 1) {
    throw new RangeError(
      `vocabulary size ${options.vocabSize} leaves no room beside the ${metaPieces} meta${byteFallback ? " and byte" : ""} pieces`,
    );
  }
  const coverage = options.characterCoverage ?? 0.9995;
  if (!(coverage > 0 && coverage <= 1))
    throw new RangeError(`character coverage ${coverage} is not in (0, 1]`);
  const text = buildWordText(counts, coverage, options.alloc);
  if (options.releaseCounts) (counts as Map<string, number>).clear();
  const A = text.alphabet.length;
  if (A === 0) throw new RangeError("no text to train on");
  if (A + metaPieces > options.vocabSize) {
    throw new RangeError(
      `vocabulary size ${options.vocabSize} is smaller than the ${A} required characters + ${metaPieces} meta pieces; ` +
        "raise the vocabulary size or lower the character coverage",
    );
  }
  // The seeds' suffix array is garbage once the lattices hold the matches.
  const model = new WordLattices(
    text,
    seedPieces(text, {
      seedSize: options.seedSize,
      maxPieceLength: options.maxPieceLength,
      splitByScript: options.splitByScript,
    }),
    { alloc: options.alloc, blockChars: options.blockChars },
  );
  const seedCount = model.size;
  const desired = Math.floor(options.vocabSize * 1.1);
  const shrink = options.shrinkingFactor ?? 0.75;
  const subIterations = options.subIterations ?? 2;
  let round = 0;
  for (;;) {
    for (let it = 0; it < subIterations; it++) {
      const { expected, objective } = (yield { kind: "estep", model }) as EStepResult;
      mStep(model, expected);
      options.onProgress?.({ round, pieces: model.size, objective });
    }
    if (model.size <= desired) break;
    prune(model, desired, shrink, (yield { kind: "prune", model }) as PruneInputs);
    round++;
  }
  const pieces = finalize(model, text.alphabet, target);
  return {
    pieces,
    metaPieces,
    byteFallback,
    alphabetSize: A,
    coverage: text.coverage,
    seedPieces: seedCount,
    distinctWords: text.wordCount.length,
  };
}

/** SentencePiece's `kExpectedFrequencyThreshold`. */
const MIN_EXPECTED = 0.5;

export function mStep(model: WordLattices, expected: Float64Array): void {
  const keep: number[] = [];
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] < MIN_EXPECTED) continue;
    keep.push(i);
    sum += expected[i];
  }
  const logSum = digamma(sum);
  model.retain(
    keep,
    keep.map((i) => digamma(expected[i]) - logSum),
  );
}

export function prune(
  model: WordLattices,
  desired: number,
  shrink: number,
  { alternatives, freq }: PruneInputs = pruneInputs(model),
): void {
  const size = model.size;
  let sum = 0;
  for (let i = 0; i < size; i++) sum += freq[i];
  const logSum = Math.log(sum);
  const words = model.wordOccurrences;
  const kept: number[] = [];
  const candidateId: number[] = [];
  const candidateLoss: number[] = [];
  let chunk = 0;
  let p = 0;
  for (let i = 0; i < size; i++) {
    if (p === alternatives[chunk].length) {
      chunk++;
      p = 0;
    }
    const flat = alternatives[chunk];
    // The piece's alternative is flat[at, at + n); n = -1: it is never used (null).
    const n = flat[p];
    const at = p + 1;
    p = at + Math.max(n, 0);
    if (freq[i] === 0 || n < 0) continue;
    if (n === 0) {
      kept.push(i);
      continue;
    }
    // The share of words whose best path uses the piece, times how much less likely the
    // corpus gets when each use is split into the alternative (whose counts rise by freq[i]).
    const F = freq[i] / words;
    const logProb = Math.log(freq[i]) - logSum;
    const logSumAlt = Math.log(sum + freq[i] * (n - 1));
    let logProbAlt = 0;
    for (let k = at; k < at + n; k++) {
      const id = flat[k];
      logProbAlt += Math.log((id >= 0 ? freq[id] : 0) + freq[i]) - logSumAlt;
    }
    candidateId.push(i);
    candidateLoss.push(F * (logProb - logProbAlt));
  }
  const prunedSize = Math.max(desired, Math.trunc(shrink * size));
  const order = Array.from(candidateId.keys()).sort(
    (a, b) => candidateLoss[b] - candidateLoss[a] || candidateId[a] - candidateId[b],
  );
  for (const k of order) {
    if (kept.length >= prunedSize) break;
    kept.push(candidateId[k]);
  }
  model.retain(
    kept,
    kept.map((i) => model.score[i]),
  );
}

function finalize(model: WordLattices, alphabet: Int32Array, target: number): UnigramPiece[] {
  const final = new Map<string, number>();
  let min = Number.POSITIVE_INFINITY;
  const byString = new Map<string, number>();
  for (let i = 0; i < model.size; i++) {
    min = Math.min(min, model.score[i]);
    byString.set(model.pieceString(i), model.score[i]);
  }
  // Every required character, most frequent first; one EM dropped gets the lowest score.
  let penalty = 0;
  for (const cp of alphabet) {
    const s = String.fromCodePoint(cp);
    const score = byString.get(s);
    if (score !== undefined) final.set(s, score);
    else {
      final.set(s, min + penalty);
      penalty += 0.0001;
    }
  }
  const sorted = [...byString].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
  for (const [piece, score] of sorted) {
    if (final.size >= target) break;
    if (!final.has(piece)) final.set(piece, score);
  }
  return [...final]
    .sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))
    .map(([piece, score]) => ({ piece, score }));
}
