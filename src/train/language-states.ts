import type { Layout } from "./bpe-trainer.js";
import { MergeState, type MergeVeto } from "./merge-state.js";
import { concatBytes, type TokenTable } from "./token-table.js";
import type { PieceCounts } from "./types.js";
import { buildWords } from "./words.js";

/**
 * One text per language, each as its own merge state over the trainer's shared vocabulary, kept in
 * step with the training run by replaying every merge it makes. Parity-aware BPE keeps two sets:
 * the languages' training pieces (their own pair counts and heaps, to find a language's best
 * pair) and the parallel dev pieces (their token counts, to find the worst-compressed language).
 *
 * Token counts are exact: {@link MergeState.tokenCount} leaves out the pieces of one symbol
 * (`buildWords` skips them since they hold no pair), so each language's constant share of those
 * is added back.
 *
 * @example
 * const run = BpeRun.start(allCounts, { vocabSize: 1000 });
 * const dev = new LanguageStates(["en", "fr"], devCounts, run.tokens, run.layout);
 * run.mergeUntilBudget();
 * dev.catchUp(run.merges);
 * dev.tokenCounts(); // [tokens of the English dev text, of the French one]
 */
export class LanguageStates {
  /** Merge state of each language, in the order of {@link languages}. */
  readonly states: MergeState[];
  private readonly singleSymbols: number[];
  private replayed = 0;

  /**
   * @param veto  the run's merge veto, for states whose own best pairs are taken (training text);
   *              states that are only measured (dev text) need none.
   */
  constructor(
    readonly languages: readonly string[],
    texts: ReadonlyMap<string, PieceCounts>,
    private readonly tokens: TokenTable,
    layout: Layout,
    options: { readonly tieBreak?: "bytes" | "id"; readonly veto?: MergeVeto } = {},
  ) {
    this.states = [];
    this.singleSymbols = [];
    for (const lang of languages) {
      const counts = texts.get(lang);
      if (counts === undefined) throw new Error(`no text for language ${JSON.stringify(lang)}`);
      const words = buildWords(counts, tokens, layout.base, layout.byteIds);
      this.states.push(new MergeState(tokens, words, options));
      let pieces = 0;
      for (const [piece, n] of counts) if (n > 0 && piece !== "") pieces += n;
      let kept = 0;
      for (const w of words.weights) kept += w;
      // Every non-empty piece has at least one symbol; the ones left out have exactly one.
      this.singleSymbols.push(pieces - kept);
    }
  }

  /** The current length in tokens of language `i`'s text. */
  tokenCount(i: number): number {
    return this.states[i].tokenCount + this.singleSymbols[i];
  }

  /** Every language's current length in tokens. */
  tokenCounts(): number[] {
    return this.states.map((_, i) => this.tokenCount(i));
  }

  /**
   * Applies the merges of `merges` not yet replayed here (the run's merge list grows; each call
   * catches up with it). Each merge's token already exists in the shared vocabulary.
   */
  catchUp(merges: ReadonlyArray<readonly [number, number]>): void {
    for (; this.replayed < merges.length; this.replayed++) {
      const [a, b] = merges[this.replayed];
      const merged = this.tokens.find(concatBytes(this.tokens.bytes[a], this.tokens.bytes[b]));
      for (const s of this.states) s.applyIds(a, b, merged);
    }
  }
}
