/**
 * Where a long SentencePiece-style BPE word may be cut into independent pieces.
 *
 * Llama 2 and Gemma have no pre-tokenizer: a whole segment (often a whole document) is one BPE
 * word, and HF's merge over it is O(n log n) with a heap and no word cache. But their merges
 * almost never join a symbol that ends in an ordinary character with one that starts with the
 * metaspace `▁`: a merge product is the concatenation of its parts, so such a merge leaves a
 * token containing `x▁` (x ≠ `▁`) in the vocabulary. Where no token contains `x▁`, no symbol
 * ever spans the boundary between `x` and a following `▁`, the merges on either side never
 * interact, and merging the pieces one by one gives exactly the merge of the whole word — with
 * short pieces that the scan merge and the word cache handle fast.
 */
/** SentencePiece's metaspace, U+2581. */
export const METASPACE = 0x2581;

/**
 * The characters `x` after which a cut before `▁` is unsafe: those that some token has right
 * before a `▁` (Gemma 3 has one such token, `>▁</`). An empty set means every boundary is safe
 * whatever the left character, even one that becomes byte-fallback or unknown tokens.
 */
export function blockedCutChars(tokens: Iterable<string>): Set<number> {
  const blocked = new Set<number>();
  for (const token of tokens) {
    for (let k = token.indexOf("\u2581", 1); k > 0; k = token.indexOf("\u2581", k + 1)) {
      const left = token.codePointAt(k - 1) as number;
      if (left === METASPACE) continue;
      // The low half of a pair: take the whole code point.
      const cp = (left & 0xfc00) === 0xdc00 && k >= 2 ? (token.codePointAt(k - 2) as number) : left;
      blocked.add(cp);
    }
  }
  return blocked;
}

/**
 * Calls `piece(s, e)` for consecutive pieces of `text[start, end)`, cut before every `▁` that
 * follows a character `x ≠ ▁` when `x` is a known character (`known(x)`) outside `blocked`, or
 * any character when `blocked` is empty. Lone surrogates count as U+FFFD, as everywhere else.
 */
export function forEachCutPiece(
  text: string,
  start: number,
  end: number,
  blocked: ReadonlySet<number>,
  known: (cp: number) => boolean,
  piece: (s: number, e: number) => void,
): void {
  const anyLeft = blocked.size === 0;
  let from = start;
  for (let i = text.indexOf("\u2581", start + 1); i >= 0 && i < end; i = text.indexOf("\u2581", i + 1)) {
    const c = text.charCodeAt(i - 1);
    if (c === METASPACE) continue;
    if (!anyLeft) {
      let cp = c;
      if ((c & 0xf800) === 0xd800) {
        const hi = i - 2 >= from ? text.charCodeAt(i - 2) : 0;
        cp =
          (c & 0xfc00) === 0xdc00 && (hi & 0xfc00) === 0xd800
            ? ((hi - 0xd800) << 10) + (c - 0xdc00) + 0x10000
            : 0xfffd;
      }
      if (blocked.has(cp) || !known(cp)) continue;
    }
    piece(from, i);
    from = i;
  }
  piece(from, end);
}
