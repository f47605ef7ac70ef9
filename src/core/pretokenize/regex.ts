import type { Pretokenizer } from "./types.js";

/**
 * A pretokenizer that runs a tiktoken-style pattern with the JavaScript RegExp engine.
 *
 * tiktoken compiles its patterns with Rust's `fancy-regex`, whose syntax and semantics differ
 * from JavaScript's in ways that change tokenization, so the pattern is translated first:
 * - `\s` / `\S` become `\p{White_Space}` / `\P{White_Space}`. JavaScript's `\s` is not Unicode
 *   White_Space (it adds U+FEFF and omits U+0085), which is why several JS ports of tiktoken
 *   disagree with it on text containing those characters.
 * - Scoped case-insensitive groups `(?i:...)` are expanded (Node 20 has no RegExp modifiers):
 *   each ASCII letter becomes the class of everything it matches under Unicode simple case
 *   folding, e.g. `s` → `[sSſ]`.
 *
 * This is the generic fallback and the in-tests oracle for the hand-written scanners; both
 * must split every string identically.
 */
export function regexPretokenizer(name: string, pattern: string): Pretokenizer {
  const re = new RegExp(translateTiktokenPattern(pattern), "uy");
  // RegExp cannot be told where the input ends, so a segment that ends before the text does is
  // matched on its own substring; caching it keeps a walk over one segment linear.
  let cachedText = "";
  let cachedEnd = -1;
  let cachedSegment = "";
  const next = (text: string, pos: number, end: number): number => {
    let subject = text;
    if (end !== text.length) {
      if (text !== cachedText || end !== cachedEnd) {
        cachedText = text;
        cachedEnd = end;
        cachedSegment = text.slice(0, end);
      }
      subject = cachedSegment;
    }
    re.lastIndex = pos;
    const m = re.exec(subject);
    if (m === null || m[0].length === 0) {
      // tiktoken skips text its pattern does not match; none of the built-in patterns leave
      // gaps, so treat one code point as its own piece rather than looping forever.
      const c = text.charCodeAt(pos);
      const pair =
        c >= 0xd800 && c <= 0xdbff && pos + 1 < end && (text.charCodeAt(pos + 1) & 0xfc00) === 0xdc00;
      return pos + (pair ? 2 : 1);
    }
    return pos + m[0].length;
  };
  return { name, pattern, next };
}

/** Characters outside ASCII that simple case folding maps onto an ASCII letter. */
const NON_ASCII_FOLDS: Record<string, string> = { s: "\u017f", k: "\u212a" };

/**
 * Translates a tiktoken (Rust regex) pattern into JavaScript RegExp source for the `u` flag.
 * Supports the constructs the OpenAI patterns use; throws on a scoped flag group it cannot
 * expand so that a silent mistranslation is impossible.
 */
export function translateTiktokenPattern(pattern: string): string {
  let out = "";
  let i = 0;
  let caseInsensitiveDepth = 0;
  const groupIsCi: boolean[] = [];
  let inClass = false;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "\\") {
      const n = pattern[i + 1];
      if (n === "s") out += "\\p{White_Space}";
      else if (n === "S") out += inClass ? "\\P{White_Space}" : "\\P{White_Space}";
      else if (n === "p" || n === "P") {
        const close = pattern.indexOf("}", i);
        out += pattern.slice(i, close + 1);
        i = close + 1;
        continue;
      } else out += c + n;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      i++;
      if (pattern[i] === "^") {
        out += "^";
        i++;
      }
      continue;
    }
    if (c === "(") {
      if (pattern.startsWith("(?i:", i)) {
        groupIsCi.push(true);
        caseInsensitiveDepth++;
        out += "(?:";
        i += 4;
        continue;
      }
      if (pattern.startsWith("(?", i) && /^\(\?[a-zA-Z-]+[:)]/.test(pattern.slice(i))) {
        throw new Error(`unsupported inline flags in pattern at ${i}: ${pattern.slice(i, i + 8)}`);
      }
      groupIsCi.push(false);
      out += c;
      i++;
      continue;
    }
    if (c === ")") {
      if (groupIsCi.pop()) caseInsensitiveDepth--;
      out += c;
      i++;
      continue;
    }
    if (caseInsensitiveDepth > 0 && /[A-Za-z]/.test(c)) {
      const lower = c.toLowerCase();
      out += `[${lower}${lower.toUpperCase()}${NON_ASCII_FOLDS[lower] ?? ""}]`;
      i++;
      continue;
    }
    if (caseInsensitiveDepth > 0 && c.charCodeAt(0) > 0x7f) {
      throw new Error(`cannot expand non-ASCII literal ${JSON.stringify(c)} inside (?i:...)`);
    }
    out += c;
    i++;
  }
  return out;
}
