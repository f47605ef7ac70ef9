import { SpecialTokenMatcher } from "../special.js";

/**
 * Leftmost-longest multi-pattern search over UTF-16 code units: the match semantics of the
 * Aho-Corasick automaton Hugging Face builds for added tokens (`MatchKind::LeftmostLongest`).
 *
 * Among the patterns occurring in the text, the one starting leftmost wins, and among those
 * starting there, the longest. Searching again from the end of a match gives HF's
 * non-overlapping `leftmost_find_iter`. Matching UTF-16 units is the same as matching UTF-8
 * bytes here because both sides are well-formed text (a pattern cannot start on a low
 * surrogate).
 *
 * The search itself is {@link SpecialTokenMatcher}'s (the trie tiktoken-style encodings use for
 * special tokens, with the same leftmost-longest rule); this class maps patterns to HF's values
 * and applies HF's rules for empty and repeated patterns.
 */
export class LeftmostLongestMatcher {
  /** After a successful {@link find}: the value of the matched pattern. */
  matchValue = -1;
  /** After a successful {@link find}: end (exclusive) of the match. */
  matchEnd = -1;
  /** Number of patterns. */
  readonly size: number;

  private readonly trie: SpecialTokenMatcher;
  /** Value of each distinct pattern, by its index in the trie. */
  private readonly values: number[];

  /**
   * @param patterns the strings to find; empty ones are ignored (HF never adds them).
   * @param values one value per pattern, reported by {@link find}. When two patterns are equal,
   *   the later one's value wins (HF's choice there depends on hash-map order and varies from
   *   run to run).
   */
  constructor(patterns: readonly string[], values: readonly number[]) {
    const valueByPattern = new Map<string, number>();
    let size = 0;
    for (let k = 0; k < patterns.length; k++) {
      if (patterns[k].length === 0) continue;
      size++;
      valueByPattern.set(patterns[k], values[k]);
    }
    this.size = size;
    this.trie = new SpecialTokenMatcher([...valueByPattern.keys()]);
    this.values = [...valueByPattern.values()];
  }

  /**
   * The start of the leftmost-longest match in `text[from, end)`, or -1; on success sets
   * {@link matchValue} and {@link matchEnd}.
   *
   * @example
   * ```ts
   * const m = new LeftmostLongestMatcher(["<s>", "<s>x"], [1, 2]);
   * m.find("a<s>x", 0); // 1; m.matchEnd === 5, m.matchValue === 2
   * ```
   */
  find(text: string, from: number, end = text.length): number {
    if (this.size === 0) return -1;
    const at = this.trie.find(text, from, undefined, end);
    if (at >= 0) {
      this.matchEnd = this.trie.matchEnd;
      this.matchValue = this.values[this.trie.matchIndex];
    }
    return at;
  }

  /**
   * Calls `visit(value, start, end)` for every match of HF's `leftmost_find_iter` over
   * `text[from, end)` (non-overlapping, each search going on from the end of the last match),
   * reading the text once; stops when `visit` returns false.
   *
   * @example
   * ```ts
   * new LeftmostLongestMatcher(["<s>"], [1]).forEachMatch("<s>a<s>", 0, 7, (v, s, e) => true); // (1,0,3), (1,4,7)
   * ```
   */
  forEachMatch(
    text: string,
    from: number,
    end: number,
    visit: (value: number, start: number, end: number) => boolean,
  ): void {
    if (this.size === 0) return;
    this.trie.forEachMatch(text, from, end, undefined, (index, start, matchEnd) =>
      visit(this.values[index], start, matchEnd),
    );
  }
}
