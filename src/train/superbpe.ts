/**
 * SuperBPE ("SuperBPE: Space Travel for Language Models", Liu et al. 2025): BPE with a
 * pretokenization curriculum. Stage 1 is ordinary BPE on word-level pieces up to the transition
 * point `t` (a vocabulary size); stage 2 re-counts the corpus with a pretokenizer that cuts only
 * around numbers (see `src/core/pretokenize/superword.ts`), replays the stage-1 merges on those pieces, and
 * keeps merging up to the final vocabulary size, now across whitespace ("superwords"), under
 * the stage-2 vetoes of `superbpe-veto.ts`.
 *
 * Browser-safe: counting is the caller's (stage-1 pieces with any preset, stage-2 pieces with
 * the `superword` preset).
 */
import { BpeRun, type BpeTrainOptions } from "./bpe-trainer.js";
import type { MergeVeto } from "./merge-state.js";
import { superwordVeto } from "./superbpe-veto.js";
import type { PieceConfig, PieceCounts, TrainedBpe } from "./types.js";
import { combineVetoes } from "./veto.js";

/** Options of {@link trainSuperBpe}: those of BPE, plus the transition and the stage-2 vetoes. */
export interface SuperBpeOptions extends Omit<BpeTrainOptions, "onProgress" | "pieces"> {
  /**
   * The transition point `t`: the vocabulary size (same accounting as `vocabSize`: special,
   * reserved and base tokens included) at which stage 1 stops and superword merges begin. The
   * paper's best encoding efficiency is at t = 40% of the vocabulary (80k of 200k) and its 8B
   * model uses t = 90% (180k); `t = vocabSize` is plain BPE.
   */
  readonly transition: number;
  /** Stage 2: most words per token (default 4). */
  readonly maxWords?: number;
  /** Stage 2: forbid a colon followed by a space inside a token (default true). */
  readonly colonSpace?: boolean;
  /** How stage-1 pieces were cut (recorded in the config). */
  readonly stage1Pieces?: PieceConfig;
  /** How stage-2 pieces were cut: the result's pieces (default the `superword` preset). */
  readonly pieces?: PieceConfig;
  /** Called after each merge with (merges so far, merges planned in this stage, stage). */
  readonly onProgress?: (done: number, total: number, stage: 1 | 2) => void;
}

/**
 * Trains a SuperBPE vocabulary.
 *
 * `veto` and `maxTokenLength` apply in both stages; the superword vetoes only in stage 2, as in
 * the authors' trainer. Every stage-1 merge is kept and replayed in order (the authors' trainer
 * drops a stage-1 merge whose pair never occurs in the stage-2 pieces; with the same corpus
 * that is rare, and keeping it makes the first merges exactly plain BPE's).
 *
 * @param stage1Counts pieces cut by an ordinary pretokenizer inside the stage-2 pieces
 *   ({@link superbpeStage1PieceConfig}; e.g. the `gpt2` preset): pieces that cross a stage-2 cut
 *   teach tokens the result cannot produce
 * @param stage2Counts the same corpus cut by the `superword` preset
 * @example
 * ```ts
 * const text = "by the way, it is what it is. By the way, it is 2025.";
 * const count = (pieces: string[]) => {
 *   const m = new Map<string, number>();
 *   for (const p of pieces) m.set(p, (m.get(p) ?? 0) + 1);
 *   return m;
 * };
 * const trained = trainSuperBpe(count(text.split(/(?= )/)), count(superwordPieces(text)), {
 *   vocabSize: 256 + 40,
 *   transition: 256 + 20,
 * });
 * trained.config.algorithm; // "superbpe"
 * ```
 */
export function trainSuperBpe(
  stage1Counts: PieceCounts,
  stage2Counts: PieceCounts,
  options: SuperBpeOptions,
): TrainedBpe {
  const { transition, maxWords, colonSpace, stage1Pieces, pieces, onProgress, ...bpe } = options;
  if (!Number.isInteger(transition) || transition < 1) {
    throw new Error(`transition must be a positive integer (a vocabulary size), got ${transition}`);
  }
  if (transition > options.vocabSize) {
    throw new Error(`transition ${transition} is larger than the vocab size ${options.vocabSize}`);
  }
  let stage1: BpeRun;
  try {
    stage1 = BpeRun.start(stage1Counts, {
      ...bpe,
      vocabSize: transition,
      pieces: stage1Pieces,
      onProgress: onProgress && ((d, t) => onProgress(d, t, 1)),
    });
  } catch (e) {
    throw new Error(`transition ${transition}: ${(e as Error).message}`);
  }
  stage1.mergeUntilBudget();
  const first = stage1.result();
  checkBytesCovered(first, stage2Counts);

  const vetoes: MergeVeto[] = [superwordVeto({ maxWords, colonSpace })];
  if (bpe.veto) vetoes.push(bpe.veto);
  const stage2 = BpeRun.resume(first, stage2Counts, {
    ...bpe,
    veto: combineVetoes(vetoes),
    pieces: pieces ?? superwordPieceConfig(bpe.specialTokens ?? []),
    onProgress: onProgress && ((d, t) => onProgress(d - first.merges.length, t, 2)),
    record: {
      ...bpe.record,
      algorithm: "superbpe",
      transition,
      stage1Merges: first.merges.length,
      maxWords: maxWords ?? 4,
      colonSpace: colonSpace ?? true,
      stage1Pieces: stage1Pieces ?? null,
    },
  });
  stage2.mergeUntilBudget();
  return stage2.result();
}

/**
 * The stage-1 piece config for a word-level `pieces`: the same cut, but inside the stage-2
 * (`superword`) pieces, so that no stage-1 piece crosses a cut the final tokenizer makes. The
 * authors' stage-1 pretokenizer does the same (stage 2's `Digits` and digit-group split run
 * before its word regex); without it stage 1 learns tokens such as " 2011" or "2011" that the
 * written tokenizer, which cuts " " | "2" | "011", can never produce.
 *
 * @example
 * ```ts
 * const stage1 = superbpeStage1PieceConfig({ preset: "gpt2", numbers: "none", specialTokens: [] });
 * pieceSplitter(stage1)("in 2011"); // ["in", " ", "2", "011"] (plain gpt2: ["in", " 2011"])
 * ```
 */
export function superbpeStage1PieceConfig(pieces: PieceConfig): PieceConfig {
  return { ...pieces, within: "superword" };
}

/**
 * The stage-2 piece config: the `superword` preset, no number policy of its own.
 *
 * @example
 * ```ts
 * superwordPieceConfig(["<|endoftext|>"]); // { preset: "superword", numbers: "none", specialTokens: [...] }
 * ```
 */
export function superwordPieceConfig(specialTokens: readonly string[] = []): PieceConfig {
  return { preset: "superword", numbers: "none", specialTokens };
}

/**
 * A byte-level stage 1 with the `seen` alphabet has no token for a byte that only stage 2 has;
 * say so rather than build words with missing symbols.
 */
function checkBytesCovered(first: TrainedBpe, counts: PieceCounts): void {
  if (first.base !== "byte") return;
  const have = new Uint8Array(256);
  for (const t of first.tokens) if (t.length === 1) have[t[0]] = 1;
  if (have.every((x) => x === 1)) return;
  const utf8 = new TextEncoder();
  for (const piece of counts.keys()) {
    for (const b of utf8.encode(piece)) {
      if (!have[b]) {
        throw new Error(
          `stage-2 text has byte 0x${b.toString(16).padStart(2, "0")}, which stage 1 never saw ` +
            `(count both stages on the same corpus, or use the full byte alphabet)`,
        );
      }
    }
  }
}
