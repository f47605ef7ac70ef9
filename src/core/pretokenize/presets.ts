/**
 * The pretokenizer presets: one entry per pretokenizer toklab has a hand-written scanner for,
 * with every form the rest of toklab needs of it, so that the encodings, the tokenizer.json
 * `Split` fast path, the trainer, its writers and the CLI all read one table and accept the
 * same names.
 *
 * Each entry holds its canonical `name`, the `aliases` it also answers to (the built-in
 * encodings that use it, model families that ship it verbatim), its pattern in tiktoken's
 * syntax, its tokenizer.json `Split` regex, the scanner, and the tokenizer.json pre-tokenizer
 * of a byte-level tokenizer that cuts text the same way. Browser-safe, no dependencies.
 */
import { cl100kPretokenizer } from "./cl100k.js";
import { gpt2Pretokenizer } from "./gpt2.js";
import { o200kPretokenizer } from "./o200k.js";
import { qwen2Pretokenizer } from "./qwen2.js";
import { nextScriptPiece } from "./script.js";
import { nextSuperwordPiece, superwordSplitSteps } from "./superword.js";
import type { PieceScanner, Pretokenizer } from "./types.js";

/** A tokenizer.json pre-tokenizer object (plain JSON data). */
export type PreTokenizerJson = Readonly<Record<string, unknown>>;

/** What every preset entry holds (see {@link PretokenizerPreset} for the typed form). */
interface PresetSpec {
  /** Canonical name, e.g. `"o200k"`. */
  readonly name: string;
  /** Other names for the same pretokenizer, e.g. `"o200k_base"`. */
  readonly aliases: readonly string[];
  /** One line for help texts. */
  readonly description: string;
  /**
   * The pattern in tiktoken's syntax (Rust `fancy-regex`) whose pieces the scanner reproduces,
   * or `null` when no single regular expression does (`script`, `superword`). This is what a
   * `.tiktoken` rank file is completed with and what the trainer records for one.
   */
  readonly tiktokenPattern: string | null;
  /**
   * The tokenizer.json `Split` regex (Oniguruma) that runs with this scanner instead of a
   * RegExp, or `null` when none does. For the regex presets it is the same string as
   * `tiktokenPattern`; `none` has a tiktoken pattern (`[\s\S]+`) but its tokenizer.json form
   * needs no `Split`.
   */
  readonly splitPattern: string | null;
  /** The hand-written scanner (see {@link PieceScanner}). */
  readonly next: PieceScanner;
  /** Whether the text may be cut at line cuts (line-cuts.ts) without changing its pieces. */
  readonly lineCuts: boolean;
  /**
   * The `pre_tokenizer` steps of a byte-level tokenizer.json that cut text as `next` does, in
   * order, the byte alphabet's `ByteLevel` last; `null` when no Hugging Face component cuts
   * this way (`script`). One step stands alone in a tokenizer.json, several form a `Sequence`.
   */
  readonly hfPreTokenizer: readonly PreTokenizerJson[] | null;
}

/** Deep-frozen, so that a caller cannot change the table by editing what it was given. */
function frozen<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

function split(regex: string): PreTokenizerJson {
  return { type: "Split", pattern: { Regex: regex }, behavior: "Isolated", invert: false };
}

function byteLevel(useRegex: boolean, trimOffsets = true): PreTokenizerJson {
  return { type: "ByteLevel", add_prefix_space: false, trim_offsets: trimOffsets, use_regex: useRegex };
}

/** The whole range is one piece (preset `none`). */
const wholeSegment: PieceScanner = (_text, _pos, end) => end;

const TABLE = [
  {
    name: "gpt2",
    aliases: ["r50k_base", "p50k_base", "p50k_edit"],
    description: "GPT-2's regex: words and whole digit runs, each with one leading space",
    tiktokenPattern: gpt2Pretokenizer.pattern,
    splitPattern: gpt2Pretokenizer.pattern,
    next: gpt2Pretokenizer.next,
    lineCuts: true,
    // ByteLevel's own regex is GPT-2's: what the binding's byteLevelPreTokenizer(false, true) saves.
    hfPreTokenizer: [byteLevel(true)],
  },
  {
    name: "cl100k",
    aliases: ["cl100k_base", "llama3"],
    description: "GPT-4's and Llama 3's regex: digits in groups of up to 3",
    tiktokenPattern: cl100kPretokenizer.pattern,
    splitPattern: cl100kPretokenizer.pattern,
    next: cl100kPretokenizer.next,
    lineCuts: true,
    // Exactly Llama 3's tokenizer.json pre_tokenizer (pinned by a test).
    hfPreTokenizer: [split(cl100kPretokenizer.pattern), byteLevel(false)],
  },
  {
    name: "o200k",
    aliases: ["o200k_base", "o200k_harmony"],
    description: "GPT-4o's regex: cuts camelCase, keeps contractions on their word",
    tiktokenPattern: o200kPretokenizer.pattern,
    splitPattern: o200kPretokenizer.pattern,
    next: o200kPretokenizer.next,
    lineCuts: true,
    hfPreTokenizer: [split(o200kPretokenizer.pattern), byteLevel(false)],
  },
  {
    name: "qwen2",
    aliases: ["qwen3"],
    description: "Qwen2/2.5/3's regex: cl100k's with every digit its own piece",
    tiktokenPattern: qwen2Pretokenizer.pattern,
    splitPattern: qwen2Pretokenizer.pattern,
    next: qwen2Pretokenizer.next,
    lineCuts: true,
    // Exactly Qwen3's tokenizer.json pre_tokenizer (pinned by a test); trim_offsets only
    // matters to offsets, never to pieces.
    hfPreTokenizer: [split(qwen2Pretokenizer.pattern), byteLevel(false, false)],
  },
  {
    name: "none",
    aliases: [],
    description: "no cuts: each segment between special tokens is one piece",
    tiktokenPattern: "[\\s\\S]+",
    splitPattern: null,
    next: wholeSegment,
    lineCuts: false,
    hfPreTokenizer: [byteLevel(false)],
  },
  {
    name: "superword",
    aliases: [],
    description: "SuperBPE's stage 2: cuts only around numbers, so merges cross spaces",
    tiktokenPattern: null,
    splitPattern: null,
    next: nextSuperwordPiece,
    lineCuts: false,
    hfPreTokenizer: [...superwordSplitSteps(), byteLevel(false)],
  },
  {
    name: "script",
    aliases: [],
    description: "SCRIPT-BPE: cuts where the Unicode script or category changes",
    tiktokenPattern: null,
    splitPattern: null,
    next: nextScriptPiece,
    lineCuts: false,
    // Hugging Face's UnicodeScripts groups differently (Hiragana/Katakana as Han, no categories,
    // no space rule); no component says what SCRIPT does.
    hfPreTokenizer: null,
  },
] as const satisfies readonly PresetSpec[];

/** A canonical preset name: `gpt2`, `cl100k`, `o200k`, `qwen2`, `none`, `superword`, `script`. */
export type PretokenizerPresetName = (typeof TABLE)[number]["name"];
/** Another name of a preset: `r50k_base`, `cl100k_base`, `llama3`, `o200k_base`, `qwen3`... */
export type PretokenizerPresetAlias = (typeof TABLE)[number]["aliases"][number];

/** One pretokenizer preset. */
export interface PretokenizerPreset extends PresetSpec {
  readonly name: PretokenizerPresetName;
  readonly aliases: readonly PretokenizerPresetAlias[];
}

/** Every preset, in the order help texts list them. */
export const PRETOKENIZER_PRESETS: readonly PretokenizerPreset[] = frozen(TABLE);

/** The canonical names, in table order. */
export const PRETOKENIZER_PRESET_NAMES: readonly PretokenizerPresetName[] = Object.freeze(
  PRETOKENIZER_PRESETS.map((p) => p.name),
);

const byName = new Map<string, PretokenizerPreset>();
for (const p of PRETOKENIZER_PRESETS) {
  for (const key of [p.name, ...p.aliases]) {
    if (byName.has(key)) throw new Error(`pretokenizer preset name ${key} is used twice`);
    byName.set(key, p);
  }
}

/**
 * The accepted names as one line for messages: the canonical names, then the aliases.
 *
 * @example
 * ```ts
 * pretokenizerPresetChoices(); // "gpt2, cl100k, o200k, qwen2, none, superword, script (aliases: r50k_base, ...)"
 * ```
 */
export function pretokenizerPresetChoices(): string {
  const aliases = PRETOKENIZER_PRESETS.flatMap((p) => p.aliases);
  return `${PRETOKENIZER_PRESET_NAMES.join(", ")} (aliases: ${aliases.join(", ")})`;
}

/**
 * The preset called `nameOrAlias`, or `undefined`.
 *
 * @example
 * ```ts
 * findPretokenizerPreset("llama3")?.name; // "cl100k"
 * findPretokenizerPreset("bert"); // undefined
 * ```
 */
export function findPretokenizerPreset(nameOrAlias: string): PretokenizerPreset | undefined {
  return byName.get(nameOrAlias);
}

/**
 * The preset called `nameOrAlias` (a canonical name or an alias). Throws an `Error` listing the
 * accepted names for anything else.
 *
 * @example
 * ```ts
 * pretokenizerPreset("o200k_base").name; // "o200k"
 * pretokenizerPreset("qwen2").tiktokenPattern === QWEN2_PATTERN; // true
 * pretokenizerPreset("script").tiktokenPattern; // null: no single regex
 * ```
 */
export function pretokenizerPreset(nameOrAlias: string): PretokenizerPreset {
  const p = byName.get(nameOrAlias);
  if (p === undefined) {
    throw new Error(
      `unknown pretokenizer preset ${JSON.stringify(nameOrAlias)} (one of ${pretokenizerPresetChoices()})`,
    );
  }
  return p;
}

const byTiktokenPattern = new Map<string, Pretokenizer>();
const bySplitPattern = new Map<string, PieceScanner>();
for (const p of PRETOKENIZER_PRESETS) {
  if (p.tiktokenPattern !== null) {
    byTiktokenPattern.set(
      p.tiktokenPattern,
      Object.freeze({ name: p.name, pattern: p.tiktokenPattern, next: p.next, lineCuts: p.lineCuts }),
    );
  }
  if (p.splitPattern !== null) bySplitPattern.set(p.splitPattern, p.next);
}

/**
 * The preset whose tiktoken pattern is exactly `pattern`, as a {@link Pretokenizer} named after
 * it, or `undefined`.
 */
export function presetForTiktokenPattern(pattern: string): Pretokenizer | undefined {
  return byTiktokenPattern.get(pattern);
}

/** The scanner of the preset whose tokenizer.json `Split` regex is exactly `pattern`, or `undefined`. */
export function presetScannerForSplitPattern(pattern: string): PieceScanner | undefined {
  return bySplitPattern.get(pattern);
}
