/**
 * Rust's `str::replace(from, to)` on whole characters. It differs from `replaceAll` only for an
 * empty `from`: Rust inserts `to` around every character, while JavaScript would also insert it
 * between the two halves of a surrogate pair.
 *
 * @example
 * replaceLiteral("a😀", "", "-"); // "-a-😀-"
 */
export function replaceLiteral(s: string, from: string, to: string): string {
  if (from.length > 0) return s.includes(from) ? s.split(from).join(to) : s;
  let out = to;
  for (const ch of s) out += ch + to;
  return out;
}

/**
 * HF's WordPiece `cleanup` (also used by CTC): removes the spaces that word-by-word decoding
 * puts before punctuation and English contractions. The replacements run one after the other,
 * in this order, each on the whole string, so an earlier one can create or hide a later match.
 *
 * @example
 * cleanup("it is n't , is it ?"); // "it isn't, is it?"
 */
export function cleanup(dirty: string): string {
  let s = dirty;
  for (const [from, to] of CLEANUP) if (s.includes(from)) s = s.split(from).join(to);
  return s;
}

const CLEANUP: readonly (readonly [string, string])[] = [
  [" .", "."],
  [" ?", "?"],
  [" !", "!"],
  [" ,", ","],
  [" ' ", "'"],
  [" n't", "n't"],
  [" 'm", "'m"],
  [" do not", " don't"],
  [" 's", "'s"],
  [" 've", "'ve"],
  [" 're", "'re"],
];
