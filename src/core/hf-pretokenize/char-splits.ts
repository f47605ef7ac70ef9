/**
 * The pre-tokenizers that cut at single characters: WhitespaceSplit, BertPreTokenizer,
 * Punctuation, Digits and CharDelimiterSplit, plus Whitespace (`\w+|[^\w\s]+`).
 */
import type { SplitDelimiterBehavior } from "./behavior.js";
import { isHfPunctuation, isRustNumeric, isRustWhitespace } from "./chars.js";
import { charPattern } from "./patterns.js";
import type { PreTokenizedString } from "./pretokenized.js";
import { regexPattern } from "./split.js";
import { splitByPattern } from "./split-by.js";
import type { HfPreTokenizer, Splittable } from "./types.js";

const whitespace = charPattern(isRustWhitespace);
const punctuation = charPattern(isHfPunctuation);
const numeric = charPattern(isRustNumeric);

/**
 * HF `WhitespaceSplit`: cuts at Unicode whitespace, which is removed.
 *
 * @example
 * // "a \u00a0b" → "a", "b"
 */
export class WhitespaceSplit implements HfPreTokenizer {
  readonly type = "WhitespaceSplit";
  preTokenize(pts: PreTokenizedString | Splittable): void {
    splitByPattern(pts, whitespace, "Removed");
  }
  preTokenizePlain(ps: Splittable): boolean {
    this.preTokenize(ps);
    return true;
  }
}

/**
 * Rust regex crate's Unicode `\w` (HF's Whitespace uses the `regex` crate, not Oniguruma):
 * Alphabetic, marks, decimal numbers, connector punctuation and Join_Control.
 */
const RUST_WORD = "\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\u200c\\u200d";

/**
 * HF `Whitespace`: keeps the matches of `\w+|[^\w\s]+` (words, and runs of other non-space
 * characters) and drops the rest.
 *
 * @example
 * // "Hey, you!" → "Hey", ",", "you", "!"
 */
export class Whitespace implements HfPreTokenizer {
  readonly type = "Whitespace";
  private static readonly pattern = regexPattern(`[${RUST_WORD}]+|[^${RUST_WORD}\\p{White_Space}]+`);
  preTokenize(pts: PreTokenizedString | Splittable): void {
    splitByPattern(pts, Whitespace.pattern, "Removed", true);
  }
  preTokenizePlain(ps: Splittable): boolean {
    this.preTokenize(ps);
    return true;
  }
}

/**
 * HF `BertPreTokenizer`: cuts at whitespace (removed), then isolates every punctuation character.
 *
 * @example
 * // "Hello, world!" → "Hello", ",", "world", "!"
 */
export class BertPreTokenizer implements HfPreTokenizer {
  readonly type = "BertPreTokenizer";
  preTokenize(pts: PreTokenizedString | Splittable): void {
    splitByPattern(pts, whitespace, "Removed");
    splitByPattern(pts, punctuation, "Isolated");
  }
  preTokenizePlain(ps: Splittable): boolean {
    this.preTokenize(ps);
    return true;
  }
}

/**
 * HF `Punctuation`: cuts at every punctuation character with the given behavior.
 *
 * @example
 * // behavior "MergedWithPrevious": "Hi! You?" → "Hi!", " You?"
 */
export class Punctuation implements HfPreTokenizer {
  readonly type = "Punctuation";
  constructor(readonly behavior: SplitDelimiterBehavior = "Isolated") {}
  preTokenize(pts: PreTokenizedString | Splittable): void {
    splitByPattern(pts, punctuation, this.behavior);
  }
  preTokenizePlain(ps: Splittable): boolean {
    this.preTokenize(ps);
    return true;
  }
}

/**
 * HF `Digits`: isolates numeric characters, each alone or in runs.
 *
 * @example
 * // individualDigits false: "a123b" → "a", "123", "b"; true: "a", "1", "2", "3", "b"
 */
export class Digits implements HfPreTokenizer {
  readonly type = "Digits";
  constructor(readonly individualDigits = false) {}
  preTokenize(pts: PreTokenizedString | Splittable): void {
    splitByPattern(pts, numeric, this.individualDigits ? "Isolated" : "Contiguous");
  }
  preTokenizePlain(ps: Splittable): boolean {
    this.preTokenize(ps);
    return true;
  }
}

/**
 * HF `CharDelimiterSplit`: cuts at one character, which is removed.
 *
 * @example
 * // delimiter "|": "a|b||c" → "a", "b", "c"
 */
export class CharDelimiterSplit implements HfPreTokenizer {
  readonly type = "CharDelimiterSplit";
  private readonly code: number;
  constructor(readonly delimiter: string) {
    if ([...delimiter].length !== 1) throw new Error("CharDelimiterSplit delimiter must be one character");
    this.code = delimiter.codePointAt(0)!;
  }
  private readonly pattern = charPattern((c) => c === this.code);
  preTokenize(pts: PreTokenizedString | Splittable): void {
    splitByPattern(pts, this.pattern, "Removed");
  }
  preTokenizePlain(ps: Splittable): boolean {
    this.preTokenize(ps);
    return true;
  }
}
