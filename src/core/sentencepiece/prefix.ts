import { CodeUnitTrie, NONE } from "../models/trie.js";

/**
 * SentencePiece's `PrefixMatcher`: the user-defined symbols, found by longest match. They are
 * never normalized and never merged or split, so both the normalizer and the models ask it first.
 *
 * @example
 * ```ts
 * const m = new PrefixMatcher(["<br>", "<b"]);
 * m.match("<br>x", 0, 5); // 4
 * m.match("x", 0, 1); // 0
 * ```
 */
export class PrefixMatcher {
  private readonly trie = new CodeUnitTrie();
  /** True when there is no symbol, so callers can skip the walk. */
  readonly empty: boolean;

  constructor(symbols: Iterable<string>) {
    let n = 0;
    for (const s of symbols) {
      this.trie.insert(s, 1);
      n++;
    }
    this.empty = n === 0;
  }

  /** Length in UTF-16 units of the longest symbol at `text[start..end)`, 0 if none. */
  match(text: string, start: number, end: number): number {
    if (this.empty) return 0;
    let node = CodeUnitTrie.ROOT;
    let best = 0;
    for (let j = start; j < end; j++) {
      node = this.trie.child(node, text.charCodeAt(j));
      if (node === NONE) break;
      if (this.trie.value(node) !== NONE) best = j + 1 - start;
    }
    return best;
  }
}

/** Length in UTF-16 units of the character at `text[i]` (a surrogate pair is one). */
export function charUnits(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}
