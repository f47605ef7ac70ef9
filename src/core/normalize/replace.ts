import { translateSplitPattern } from "../hf-pretokenize/onig-regex.js";
import { type NormalizedString, toWellFormed } from "./normalized.js";
import { findAll } from "./oniguruma.js";
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
  /** The pattern when it is a non-empty, well-formed literal: matches are `split`'s. */
  private readonly literal: string | null;

  constructor(
    readonly pattern: ReplacePattern,
    readonly content: string,
  ) {
    const source =
      "String" in pattern
        ? pattern.String.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")
        : translateSplitPattern(pattern.Regex);
    this.re = new RegExp(source, "gu");
    const lit = "String" in pattern ? pattern.String : "";
    this.literal = lit.length > 0 && toWellFormed(lit) === lit ? lit : null;
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

  /**
   * The replaced text without alignments. `null` for an empty match at the very start with
   * non-empty content (`Replace("^")`): HF aligns that content to nothing, and later steps
   * then leave it out of their rewrites — only the aligned path reproduces that.
   */
  normalizeString(s: string): string | null {
    if (s.length === 0) return s;
    const lit = this.literal;
    if (lit !== null) {
      // Leftmost non-overlapping occurrences of a literal are exactly what `split` cuts at.
      return s.includes(lit) ? s.split(lit).join(this.content) : s;
    }
    const m = findAll(this.re, s);
    if (m.length === 0) return s;
    if (m[1] === 0 && this.content.length > 0) return null;
    let out = "";
    let last = 0;
    for (let k = 0; k < m.length; k += 2) {
      out += s.slice(last, m[k]) + this.content;
      last = m[k + 1];
    }
    return out + s.slice(last);
  }
}
