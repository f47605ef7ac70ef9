import type { NormalizedString } from "./normalized.js";
import { findAll, translateOniguruma } from "./oniguruma.js";
import type { Normalizer } from "./types.js";

/** What a {@link Replace} looks for: a literal string or an Oniguruma regex (tokenizer.json form). */
export type ReplacePattern = { String: string } | { Regex: string };

/**
 * Replaces every match of a pattern with `content` (HF `Replace`). The replacement takes the
 * alignment of the last character of its match.
 *
 * @example
 * normalizeText(new Replace({ String: " " }, "▁"), "a b"); // "a▁b"
 */
export class Replace implements Normalizer {
  readonly type = "Replace";
  private readonly re: RegExp;

  constructor(
    readonly pattern: ReplacePattern,
    readonly content: string,
  ) {
    const source =
      "String" in pattern
        ? pattern.String.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")
        : translateOniguruma(pattern.Regex);
    this.re = new RegExp(source, "gu");
  }

  normalize(ns: NormalizedString): void {
    if (ns.length === 0) return;
    // A literal pattern that is absent needs no regex scan.
    if (
      "String" in this.pattern &&
      this.pattern.String.length > 0 &&
      !ns.normalized.includes(this.pattern.String)
    ) {
      return;
    }
    ns.replaceRanges(findAll(this.re, ns.normalized), this.content);
  }
}
