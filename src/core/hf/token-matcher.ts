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
 * A trie walk from each candidate start costs at most the longest pattern's length, so a search
 * is O(text × longest pattern) in the worst case and O(text) when candidate first units are rare
 * (the usual case: `<`, `[`, `▁`); a table of possible first units skips everything else.
 */
export class LeftmostLongestMatcher {
  /** After a successful {@link find}: the value of the matched pattern. */
  matchValue = -1;
  /** After a successful {@link find}: end (exclusive) of the match. */
  matchEnd = -1;
  /** Number of patterns. */
  readonly size: number;

  private readonly children: Map<number, number>[] = [new Map()];
  private readonly values: number[] = [-1];
  private readonly isFirst = new Uint8Array(65536);

  /**
   * @param patterns the strings to find; empty ones are ignored (HF never adds them).
   * @param values one value per pattern, reported by {@link find}. When two patterns are equal,
   *   the later one's value wins (HF's choice there depends on hash-map order and varies from
   *   run to run).
   */
  constructor(patterns: readonly string[], values: readonly number[]) {
    let size = 0;
    for (let k = 0; k < patterns.length; k++) {
      const p = patterns[k];
      if (p.length === 0) continue;
      size++;
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let next = this.children[node].get(c);
        if (next === undefined) {
          next = this.children.length;
          this.children.push(new Map());
          this.values.push(-1);
          this.children[node].set(c, next);
        }
        node = next;
      }
      this.values[node] = values[k];
      this.isFirst[p.charCodeAt(0)] = 1;
    }
    this.size = size;
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
    const { children, values, isFirst } = this;
    for (let p = from; p < end; p++) {
      if (isFirst[text.charCodeAt(p)] === 0) continue;
      let node = 0;
      let best = -1;
      let bestNode = 0;
      for (let i = p; i < end; i++) {
        const next = children[node].get(text.charCodeAt(i));
        if (next === undefined) break;
        node = next;
        if (values[node] >= 0) {
          best = i + 1;
          bestNode = node;
        }
      }
      if (best >= 0) {
        this.matchEnd = best;
        this.matchValue = values[bestNode];
        return p;
      }
    }
    return -1;
  }
}
