/**
 * The English contraction alternatives of the OpenAI patterns: `'s|'t|'re|'ve|'m|'ll|'d`.
 * Each returns the end of the contraction at `i`, or `i` itself when there is none.
 */

/** Case-sensitive, as in the GPT-2 pattern. */
export function contractionEnd(text: string, i: number, end: number): number {
  if (i + 1 >= end || text.charCodeAt(i) !== 0x27) return i;
  const c = text.charCodeAt(i + 1);
  if (c === 0x73 || c === 0x74 || c === 0x6d || c === 0x64) return i + 2; // s t m d
  if (i + 2 >= end) return i;
  const d = text.charCodeAt(i + 2);
  if ((c === 0x72 && d === 0x65) || (c === 0x76 && d === 0x65) || (c === 0x6c && d === 0x6c)) return i + 3;
  return i;
}

/**
 * Case-insensitive, `(?i:...)` as in cl100k and o200k. Rust's regex folds case with Unicode
 * simple case folding, under which the only non-ASCII character equal to one of these letters
 * is U+017F LATIN SMALL LETTER LONG S (ſ ~ s). `c | 0x20` lowercases ASCII letters and cannot
 * turn a non-letter into one of the letters tested.
 */
export function contractionEndFolded(text: string, i: number, end: number): number {
  if (i + 1 >= end || text.charCodeAt(i) !== 0x27) return i;
  const raw = text.charCodeAt(i + 1);
  const c = raw | 0x20;
  if (c === 0x73 || c === 0x74 || c === 0x6d || c === 0x64 || raw === 0x17f) return i + 2; // s t m d ſ
  if (i + 2 >= end) return i;
  const d = text.charCodeAt(i + 2) | 0x20;
  if ((c === 0x72 && d === 0x65) || (c === 0x76 && d === 0x65) || (c === 0x6c && d === 0x6c)) return i + 3;
  return i;
}
