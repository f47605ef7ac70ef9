import { compileOnigMatcher, findAll } from "../oniguruma/index.js";
import type { PieceScanner } from "../pretokenize/types.js";
import type { Matcher } from "../regex/index.js";
import type { SplitDelimiterBehavior } from "./behavior.js";
import type { SplitPattern as MatchPattern } from "./patterns.js";
import { scannerPattern } from "./patterns.js";
import type { PlainSplits } from "./plain.js";
import type { PreTokenizedString } from "./pretokenized.js";
import { scannerForSplitPattern } from "./scanners.js";
import { indexOfIn, splitByPattern, splitByScanner } from "./split-by.js";
import type { HfPreTokenizer, Splittable } from "./types.js";

/** A Split pattern as tokenizer.json writes it: a literal string or an Oniguruma regex. */
export type SplitPatternSpec = { String: string } | { Regex: string };

/**
 * HF `Split`: cuts every split at the matches of a string or Oniguruma regex, with a delimiter
 * behavior and optional `invert` (the pattern then matches the pieces to keep).
 *
 * Regexes toklab has a hand-written scanner for (GPT-2, Llama 3 = cl100k, o200k, Qwen2) run the
 * scanner; others are translated from Oniguruma and run by an engine that keeps matching linear
 * in the text (see `compileOnigMatcher`), which throws for patterns it cannot translate or run so.
 *
 * @example
 * const pts = new PreTokenizedString("a-b--c");
 * new Split({ String: "-" }, "Removed").preTokenize(pts);
 * pts.pieces().map((p) => p.text); // ["a", "b", "c"]
 */
export class Split implements HfPreTokenizer {
  readonly type = "Split";
  /** The hand-written scanner used in place of the regex, if any. */
  readonly scanner: PieceScanner | undefined;
  private readonly matcher: MatchPattern;
  /** The pattern when it is a non-empty, well-formed literal, else `null`. */
  private readonly literal: string | null = null;

  constructor(
    readonly pattern: SplitPatternSpec,
    readonly behavior: SplitDelimiterBehavior,
    readonly invert = false,
  ) {
    if ("Regex" in pattern) {
      this.scanner = scannerForSplitPattern(pattern.Regex);
      this.matcher = this.scanner
        ? scannerPattern(this.scanner)
        : matcherPattern(compileOnigMatcher(pattern.Regex));
    } else {
      this.scanner = undefined;
      const lit = pattern.String;
      this.literal = lit.length > 0 && isWellFormed(lit) ? lit : null;
      this.matcher = this.literal !== null ? literalPattern(lit) : regexPattern(escapeLiteral(lit));
    }
  }

  preTokenize(pts: PreTokenizedString | Splittable): void {
    // A scanner's pieces tile the text: all matches, no gaps. Then every behavior but Removed
    // keeps exactly the pieces (Isolated), and Removed keeps them only when inverted.
    const tiles =
      this.scanner !== undefined &&
      (this.behavior === "Isolated" || (this.behavior === "Removed" && this.invert));
    if (tiles) splitByScanner(pts, this.scanner!);
    else splitByPattern(pts, this.matcher, this.behavior, this.invert);
  }

  /**
   * Whether this split leaves every text without the unit `unit` whole: a literal pattern
   * containing it matches nowhere there, whatever the behavior (not inverted).
   *
   * @example
   * new Split({ String: " " }, "MergedWithPrevious").cannotMatchWithout(0x20); // true
   */
  cannotMatchWithout(unit: number): boolean {
    return this.literal !== null && !this.invert && this.literal.includes(String.fromCharCode(unit));
  }

  /**
   * Cuts only write ranges, so the plain path is the same code. A literal that occurs in no
   * split leaves every split whole whatever the behavior (Gemma's `Split(" ")` runs after
   * `Replace(" ", "▁")`), so then nothing is done.
   */
  preTokenizePlain(ps: PlainSplits): boolean {
    if (this.literal !== null && !this.invert && !ps.contains(this.literal)) return true;
    this.preTokenize(ps);
    return true;
  }
}

/**
 * A JavaScript RegExp source (for `u`) as a pattern, with Oniguruma's find-all iteration: for
 * toklab's own patterns and escaped literals, never for a file's regex (that could backtrack).
 */
export function regexPattern(source: string): MatchPattern {
  const re = new RegExp(source, "gu");
  return {
    matches(text, start, end, out) {
      const subject = start === 0 && end === text.length ? text : text.slice(start, end);
      const m = findAll(re, subject);
      for (let k = 0; k < m.length; k++) out.push(m[k] + start);
    },
  };
}

/**
 * A file regex's matcher as a pattern. The matcher's window is `[start, end)` like the sliced
 * subject of {@link regexPattern}: lookarounds and anchors see nothing outside the split.
 */
function matcherPattern(matcher: Matcher): MatchPattern {
  return {
    matches(text, start, end, out) {
      matcher.findAll(text, start, end, out);
    },
  };
}

/**
 * A well-formed, non-empty literal as a pattern: leftmost non-overlapping occurrences by
 * `indexOf`, what the escaped regex finds in the (always well-formed) text, without slicing it
 * or running the regex engine (Gemma's `Split(" ")` after `Replace(" ", "▁")` never matches).
 */
function literalPattern(lit: string): MatchPattern {
  const n = lit.length;
  return {
    matches(text, start, end, out) {
      for (let i = indexOfIn(text, lit, start, end); i >= 0; i = indexOfIn(text, lit, i + n, end)) {
        out.push(i, i + n);
      }
    },
  };
}

function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c & 0xfc00) === 0xd800 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    else if ((c & 0xf800) === 0xd800) return false;
  }
  return true;
}

function escapeLiteral(s: string): string {
  let out = "";
  for (const ch of s) out += `\\u{${ch.codePointAt(0)!.toString(16)}}`;
  return out;
}
