/**
 * Shared shapes of the trainer: what ingestion hands to the merge loop (piece counts), how a
 * tokenizer's pieces are cut (the pretokenizer config), and what the merge loop hands to the
 * writers (a trained BPE). They live here, with the writers, so that src/train (above) and
 * src/formats (below) both import them downward. Browser-safe: no Node imports.
 */
import type { PretokenizerPresetAlias, PretokenizerPresetName } from "../../core/pretokenize/presets.js";

/**
 * A pretokenizer preset by its canonical name (`gpt2`, `cl100k`, `o200k`, `qwen2`, `none`,
 * `superword`, `script`) or an alias (`r50k_base`, `cl100k_base`, `llama3`, `o200k_base`,
 * `qwen3`...): the table in src/core/pretokenize/presets.ts says what each one cuts.
 */
export type PresetName = PretokenizerPresetName | PretokenizerPresetAlias;

/**
 * How runs of digits are split before BPE sees them ("Tokenization counts", Singh & Strouse):
 * `none` keeps what the preset does, `single` isolates every digit, `ltr3` groups of 1–3 from
 * the left, `rtl3` groups of 1–3 from the right (aligned to thousands).
 */
export type NumberPolicy = "none" | "single" | "ltr3" | "rtl3";

/** How text becomes pieces (the unit whose counts the trainer sees). */
export interface PieceConfig {
  readonly preset: PresetName;
  readonly numbers: NumberPolicy;
  /** Strings cut out of the text before pretokenization and never merged. */
  readonly specialTokens: readonly string[];
  /** Lowercase the text before anything else (KL3M's uncased tokenizers); a Lowercase normalizer
   * in tokenizer.json. */
  readonly lowercase?: boolean;
  /**
   * Cut the text by this preset first, then each of its pieces by `numbers` and `preset`, so that
   * every piece lies inside one piece of `within`. SuperBPE's stage 1 is counted with `within:
   * "superword"` (as the authors' stage-1 pretokenizer runs stage 2's digit splits before its
   * word regex), which makes every stage-1 token one that the stage-2 pretokenizer can produce.
   */
  readonly within?: PresetName;
}

/**
 * Distinct pieces with their counts. Counts are JS numbers: exact up to 2^53, far beyond the
 * 2^31 where a 32-bit counter overflows.
 */
export type PieceCounts = Map<string, number>;

/**
 * What the BPE trainer reads of piece counts: the entries once or twice, the pieces, and a way
 * to let them go. A {@link PieceCounts} Map is one; so is a `PieceCountList` (parallel arrays),
 * which holds more than the 2^24 entries V8 allows a Map (counts merged from shards).
 */
export interface PieceCountSource extends Iterable<[string, number]> {
  /** Distinct pieces. */
  readonly size: number;
  keys(): IterableIterator<string>;
  /** Drops the entries (the trainer calls it once its words are built, to free memory). */
  clear(): void;
}

/** The base alphabet: 256 byte tokens (byte-level BPE) or characters with byte fallback. */
export type BaseKind = "byte" | "char";

/**
 * The result of training, independent of any file format.
 *
 * Ids are laid out as the Hugging Face BpeTrainer does: special tokens first (in the order
 * given), then reserved tokens, then the base alphabet, then one token per merge in merge order.
 */
export interface TrainedBpe {
  readonly base: BaseKind;
  /** The bytes of every token, by id (special and reserved tokens: their UTF-8 text). */
  readonly tokens: readonly Uint8Array[];
  /** Ids of special tokens (never produced by merges; matched before pretokenization). */
  readonly specialIds: readonly number[];
  /**
   * Ids of reserved tokens (KL3M's custom tokens: whitespace runs, markup, years...), which are
   * ordinary vocabulary entries added up front rather than learned.
   */
  readonly reservedIds: readonly number[];
  /**
   * Character base only: `byteFallbackIds[b]` is the id of the `<0xNN>` token for byte `b`
   * (its `tokens` entry is that one byte). Empty for a byte-level base.
   */
  readonly byteFallbackIds: readonly number[];
  /**
   * The merges in the order they were learned: `[left, right]` ids. The result is the token whose
   * bytes are left's then right's. Usually each merge adds one token (ids `firstMergeId`,
   * `firstMergeId + 1`, ...), but as in the Hugging Face trainer a later merge may yield bytes
   * that are already a token (`ab·c` after `a·bc`); it then reuses that id and adds none.
   */
  readonly merges: ReadonlyArray<readonly [number, number]>;
  /** The id of the first learned token; learned tokens run to `tokens.length - 1`. */
  readonly firstMergeId: number;
  /** How the training text was cut into pieces; inference must cut the same way. */
  readonly pieces: PieceConfig;
  /** Free-form record of the options that produced this result (goes into the manifest). */
  readonly config: Readonly<Record<string, unknown>>;
}
