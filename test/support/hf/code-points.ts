/**
 * The Hugging Face binding reports offsets in code points, toklab in UTF-16 units: the map the
 * differential tests convert ours with.
 */

/** `cp[i]` = code points in `text[0, i)`, counting a lone surrogate as one (it is U+FFFD in Rust). */
export function codePointIndex(text: string): Int32Array {
  const cp = new Int32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair =
      c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    cp[i] = n;
    if (pair) cp[++i] = n;
    n++;
  }
  cp[text.length] = n;
  return cp;
}
