/**
 * Leftmost, non-overlapping matches of `re` (global, `u`) in `text` as flattened `[start, end)`
 * pairs, with the Rust `onig` crate's iteration rule: an empty match right where the previous
 * match ended is skipped.
 */
export function findAll(re: RegExp, text: string): number[] {
  const out: number[] = [];
  let lastEnd = 0;
  let lastMatchEnd = -1;
  while (lastEnd <= text.length) {
    re.lastIndex = lastEnd;
    const m = re.exec(text);
    if (m === null) break;
    const s = m.index;
    const e = s + m[0].length;
    if (s > 0 && isLowSurrogate(text.charCodeAt(s)) && isHighSurrogate(text.charCodeAt(s - 1))) {
      // V8 may try an empty-width match between the halves of a surrogate pair; Oniguruma works
      // on whole characters, so such a match does not exist there.
      lastEnd = s + 1;
      continue;
    }
    if (s === e && e === lastMatchEnd) {
      if (e >= text.length) break;
      const c = text.charCodeAt(e);
      lastEnd = e + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
      continue;
    }
    out.push(s, e);
    lastEnd = e;
    lastMatchEnd = e;
  }
  return out;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
