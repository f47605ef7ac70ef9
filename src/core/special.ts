/**
 * Finds special tokens (`<|endoftext|>` ...) in text with a trie over UTF-16 code units.
 *
 * tiktoken searches with one regex alternation of all special tokens; a trie gives the same
 * leftmost match without a giant RegExp. Candidate starts are found with `indexOf` when all
 * tokens share a first character (true of every OpenAI encoding: `<`), so text without specials
 * costs one native scan. A walk from a candidate is at most the longest token's length, so a
 * search is linear in the text for a fixed token set.
 *
 * When two tokens match at the same start (one is a prefix of the other, which no OpenAI
 * encoding has) the longest wins; tiktoken's order there depends on hash-set iteration.
 */
export class SpecialTokenMatcher {
  /** The tokens, by index. */
  readonly tokens: readonly string[];
  /** After a successful {@link find}: index (into {@link tokens}) of the matched token. */
  matchIndex = -1;
  /** After a successful {@link find}: end (exclusive, UTF-16) of the match. */
  matchEnd = -1;

  /** Children of each trie node, keyed by UTF-16 code unit. */
  private readonly children: Map<number, number>[] = [new Map()];
  /** Token index ending at each trie node, or -1. */
  private readonly terminal: number[] = [-1];
  /** The shared first character of all tokens, or "" when they differ. */
  private readonly firstChar: string;
  private readonly isFirst = new Uint8Array(65536);

  constructor(tokens: readonly string[]) {
    this.tokens = tokens;
    let first = -2;
    tokens.forEach((token, index) => {
      if (token.length === 0) throw new Error("a special token cannot be empty");
      let node = 0;
      for (let i = 0; i < token.length; i++) {
        const c = token.charCodeAt(i);
        let child = this.children[node].get(c);
        if (child === undefined) {
          child = this.children.length;
          this.children.push(new Map());
          this.terminal.push(-1);
          this.children[node].set(c, child);
        }
        node = child;
      }
      this.terminal[node] = index;
      const c0 = token.charCodeAt(0);
      this.isFirst[c0] = 1;
      first = first === -2 || first === c0 ? c0 : -1;
    });
    this.firstChar = first < 0 ? "" : String.fromCharCode(first);
  }

  /**
   * The start of the leftmost token occurrence in `text[from, end)` whose index is flagged in
   * `allowed` (all tokens when omitted), or -1. On success sets {@link matchIndex} and
   * {@link matchEnd}.
   *
   * @example
   * ```ts
   * const m = new SpecialTokenMatcher(["<|endoftext|>"]);
   * m.find("a<|endoftext|>b", 0); // 1; m.matchEnd === 14, m.matchIndex === 0
   * ```
   */
  find(text: string, from: number, allowed?: Uint8Array, end = text.length): number {
    if (this.tokens.length === 0) return -1;
    const { children, terminal, firstChar, isFirst } = this;
    let p = from;
    for (;;) {
      if (firstChar !== "") {
        p = text.indexOf(firstChar, p);
        if (p < 0 || p >= end) return -1;
      } else {
        while (p < end && isFirst[text.charCodeAt(p)] === 0) p++;
        if (p >= end) return -1;
      }
      let node = 0;
      let best = -1;
      let bestEnd = -1;
      for (let i = p; i < end; i++) {
        const child = children[node].get(text.charCodeAt(i));
        if (child === undefined) break;
        node = child;
        const t = terminal[node];
        if (t >= 0 && (allowed === undefined || allowed[t] === 1)) {
          best = t;
          bestEnd = i + 1;
        }
      }
      if (best >= 0) {
        this.matchIndex = best;
        this.matchEnd = bestEnd;
        return p;
      }
      p++;
    }
  }
}
