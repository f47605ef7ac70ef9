import { BpeRun, type BpeTrainOptions } from "./bpe-trainer.js";
import { LanguageStates } from "./language-states.js";
import type { MergeVeto } from "./merge-state.js";
import { MovingWindow, worstByRatio, worstByTokens } from "./parity-choice.js";
import type { PieceCounts, TrainedBpe } from "./types.js";
import { combineVetoes, maxLengthVeto } from "./veto.js";

/**
 * The variants of Parity-aware BPE (Foroutan et al. 2025):
 * - `base`: each merge serves the language whose parallel dev text needs the most tokens;
 * - `window`: as `base`, but a language that had more than `windowAlpha / languages` of the last
 *   `windowSize` parity merges is passed over (the authors' moving-window balancing);
 * - `ratio`: no dev set; each merge serves the language whose training text is furthest behind
 *   its desired compression ratio (`ratios`);
 * - `hybrid`: `globalMerges` ordinary BPE merges on the concatenated corpus first, then `base`.
 */
export type ParityMode = "base" | "window" | "ratio" | "hybrid";

/** Options of {@link trainParityBpe}: the ordinary trainer's plus the parity policy's. */
export interface ParityBpeOptions extends BpeTrainOptions {
  /** Default `base`. */
  readonly mode?: ParityMode;
  /**
   * How many merges come first from the global counts (the concatenated corpus) before parity
   * merges start. Required by `hybrid`; the other modes accept it too (default 0).
   */
  readonly globalMerges?: number;
  /** `window`: the number of recent parity merges the quota looks at (default 100). */
  readonly windowSize?: number;
  /** `window`: a language's quota is `windowAlpha / languages` of the window (default 2). */
  readonly windowAlpha?: number;
  /** `ratio`: the desired compression ratio of each language (default 1 for every language). */
  readonly ratios?: Readonly<Record<string, number>>;
  /** Called before each merge with the language it serves (`null` for a global merge). */
  readonly onStep?: (step: ParityStep) => void;
}

/** One merge decision of {@link trainParityBpe}. */
export interface ParityStep {
  /** 0-based index of the merge about to be made. */
  readonly merge: number;
  /** The language served, or `null` for a global merge. */
  readonly language: string | null;
  /**
   * What the choice was made on, per language (in the order of the training map): dev token
   * counts (`base`, `window`, `hybrid`) or training token counts (`ratio`).
   */
  readonly lengths: readonly number[];
}

/**
 * Trains Parity-aware BPE: the ordinary merge loop over the union of the languages' pieces, where
 * each merge is the most frequent pair *of the worst-compressed language* (measured on a
 * parallel dev set: the language needing the most tokens for the same content), applied to every
 * language. With one language, or when every merge is global, it is exactly {@link trainBpe} on
 * the concatenated counts.
 *
 * When the chosen language has no pair left (or none as frequent as `minFrequency`) the next
 * worse language is served; training stops when no language has one (the authors' tool stops at
 * the first such language instead).
 *
 * @example
 * const train = new Map([["en", new Map([[" the", 50], [" cat", 9]])], ["hi", new Map([[" बिल्ली", 3]])]]);
 * const dev = new Map([["en", new Map([[" the", 1], [" cat", 1]])], ["hi", new Map([[" बिल्ली", 1]])]]);
 * const served: Array<string | null> = [];
 * trainParityBpe(train, dev, { vocabSize: 256 + 20, onStep: (s) => served.push(s.language) });
 * served.slice(0, 6); // ["hi", "hi", "hi", "hi", "hi", "en"]: Hindi's dev text starts longest
 */
export function trainParityBpe(
  perLanguage: ReadonlyMap<string, PieceCounts>,
  dev: ReadonlyMap<string, PieceCounts>,
  options: ParityBpeOptions,
): TrainedBpe {
  const mode = options.mode ?? "base";
  const languages = [...perLanguage.keys()];
  validate(languages, dev, options, mode);
  const globalMerges = options.globalMerges ?? 0;
  const run = BpeRun.start(concatenate(perLanguage), {
    ...options,
    record: {
      algorithm: "parity-bpe",
      mode,
      languages,
      globalMerges,
      ...(mode === "window"
        ? { windowSize: options.windowSize ?? 100, windowAlpha: options.windowAlpha ?? 2 }
        : {}),
      ...(mode === "ratio" ? { ratios: Object.fromEntries(ratiosOf(languages, options)) } : {}),
      ...options.record,
    },
  });
  const veto = runVeto(options);
  const training = new LanguageStates(languages, perLanguage, run.tokens, run.layout, {
    tieBreak: options.tieBreak,
    veto,
  });
  const measured = mode === "ratio" ? training : new LanguageStates(languages, dev, run.tokens, run.layout);
  const initial = measured.tokenCounts();
  const ratios = ratiosOf(languages, options).map(([, r]) => r);
  const window =
    mode === "window"
      ? new MovingWindow(languages.length, options.windowSize ?? 100, options.windowAlpha ?? 2)
      : null;
  const minFrequency = Math.max(1, options.minFrequency ?? 0);
  // A language with no pair at `minFrequency` never gets one back: merges only shorten its words.
  const exhausted = new Uint8Array(languages.length);

  run.mergeUntilBudget(() => {
    training.catchUp(run.merges);
    if (measured !== training) measured.catchUp(run.merges);
    const merge = run.merges.length;
    const lengths = measured.tokenCounts();
    if (merge < globalMerges) {
      const p = run.state.popBest();
      if (p >= 0) options.onStep?.({ merge, language: null, lengths });
      return p;
    }
    let ranked = mode === "ratio" ? worstByRatio(initial, lengths, ratios) : worstByTokens(lengths);
    if (window) ranked = window.reorder(ranked);
    for (const i of ranked) {
      if (exhausted[i]) continue;
      const state = training.states[i];
      const q = state.popBest();
      if (q < 0 || state.pairs.count[q] < minFrequency) {
        exhausted[i] = 1;
        continue;
      }
      window?.record(i);
      options.onStep?.({ merge, language: languages[i], lengths });
      // The pair occurs in this language, so the run's counts (over every language) have it.
      return run.state.pairs.find(state.pairs.left[q], state.pairs.right[q]);
    }
    return -1;
  });
  return run.result();
}

/** The training pieces of every language, summed: what global merges and the vocabulary see. */
function concatenate(perLanguage: ReadonlyMap<string, PieceCounts>): PieceCounts {
  const all: PieceCounts = new Map();
  for (const counts of perLanguage.values()) {
    for (const [piece, n] of counts) all.set(piece, (all.get(piece) ?? 0) + n);
  }
  return all;
}

/** The same veto as the run's (a language's best pair must obey what the run obeys). */
function runVeto(o: BpeTrainOptions): MergeVeto | undefined {
  const vetoes: MergeVeto[] = [];
  if (o.maxTokenLength) vetoes.push(maxLengthVeto(o.maxTokenLength.value, o.maxTokenLength.unit));
  if (o.veto) vetoes.push(o.veto);
  return combineVetoes(vetoes);
}

function ratiosOf(languages: readonly string[], o: ParityBpeOptions): Array<[string, number]> {
  return languages.map((l) => [l, o.ratios?.[l] ?? 1]);
}

function validate(
  languages: readonly string[],
  dev: ReadonlyMap<string, PieceCounts>,
  o: ParityBpeOptions,
  mode: ParityMode,
): void {
  if (!["base", "window", "ratio", "hybrid"].includes(mode)) {
    throw new Error(`unknown parity mode ${JSON.stringify(mode)} (one of base, window, ratio, hybrid)`);
  }
  if (languages.length === 0)
    throw new Error("parity-aware BPE needs training text in at least one language");
  if (mode !== "ratio") {
    const missing = languages.filter((l) => !dev.has(l));
    const extra = [...dev.keys()].filter((l) => !languages.includes(l));
    if (missing.length > 0)
      throw new Error(`no dev text for ${missing.join(", ")} (mode ${mode} needs one per language)`);
    if (extra.length > 0) throw new Error(`dev text for ${extra.join(", ")}, which has no training text`);
    const empty = languages.filter((l) => ![...(dev.get(l) ?? [])].some(([p, n]) => n > 0 && p !== ""));
    if (empty.length > 0) throw new Error(`the dev text of ${empty.join(", ")} is empty`);
  }
  if (mode === "hybrid" && o.globalMerges === undefined) {
    throw new Error("mode hybrid needs globalMerges (how many global merges come first)");
  }
  if (o.globalMerges !== undefined && !(Number.isInteger(o.globalMerges) && o.globalMerges >= 0)) {
    throw new Error(`globalMerges must be an integer ≥ 0, got ${o.globalMerges}`);
  }
  if (o.windowSize !== undefined && !(Number.isInteger(o.windowSize) && o.windowSize >= 1)) {
    throw new Error(`windowSize must be a positive integer, got ${o.windowSize}`);
  }
  if (o.windowAlpha !== undefined && !(o.windowAlpha > 0)) {
    throw new Error(`windowAlpha must be > 0, got ${o.windowAlpha}`);
  }
  for (const [lang, r] of Object.entries(o.ratios ?? {})) {
    if (!languages.includes(lang)) throw new Error(`a ratio for ${lang}, which has no training text`);
    if (!(r > 0 && Number.isFinite(r)))
      throw new Error(`the ratio of ${lang} must be a positive number, got ${r}`);
  }
}
