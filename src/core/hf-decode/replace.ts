import { compileOnigMatcher } from "../oniguruma/index.js";
import { compileMatcher, type Matcher } from "../regex/index.js";
import type { Decoder } from "./types.js";

/** What a {@link ReplaceDecoder} looks for: a literal string or an Oniguruma regex (tokenizer.json form). */
export type ReplaceDecoderPattern = { String: string } | { Regex: string };

/**
 * Replaces every match of a pattern in every token with `content` (HF `Replace` used as a
 * decoder; SentencePiece conversions use `▁` → space). Matches are found per token with
 * Oniguruma's iteration rule, so an empty match inserts `content` (between characters, never
 * inside a surrogate pair) and an empty token stays empty.
 *
 * @example
 * new ReplaceDecoder({ String: "▁" }, " ").decodeChain(["▁Hey", "▁you"]); // [" Hey", " you"]
 */
export class ReplaceDecoder implements Decoder {
  readonly type = "Replace";
  /** Finds the matches; a file regex runs on an engine that stays linear (see `compileOnigMatcher`). */
  private readonly matcher: Matcher;

  constructor(
    readonly pattern: ReplaceDecoderPattern,
    readonly content: string,
  ) {
    this.matcher =
      "String" in pattern
        ? // A literal matches in one way only (RegExp searches it natively) and may be longer than
          // the linear engine's state limit.
          compileMatcher(pattern.String.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&"), "backtracking")
        : compileOnigMatcher(pattern.Regex);
  }

  decodeChain(tokens: readonly string[]): string[] {
    const literal = "String" in this.pattern ? this.pattern.String : null;
    return tokens.map((token) => {
      if (token.length === 0) return token;
      // The common case (a literal that is absent) needs no regex scan.
      if (literal !== null && literal.length > 0 && !token.includes(literal)) return token;
      const m = this.matcher.findAll(token);
      if (m.length === 0) return token;
      let out = "";
      let prev = 0;
      for (let k = 0; k < m.length; k += 2) {
        out += token.slice(prev, m[k]) + this.content;
        prev = m[k + 1];
      }
      return out + token.slice(prev);
    });
  }
}
