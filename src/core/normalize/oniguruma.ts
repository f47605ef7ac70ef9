/**
 * Oniguruma's Unicode `\w` (as JavaScript class content): Alphabetic, marks, decimal digits and connector punctuation,
 * plus the Latin-1 superscripts and fractions its single-byte table calls word
 * characters (measured against the binding over planes 0-2).
 */
export const ONIG_WORD = "\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\u00b2\\u00b3\\u00b9\\u00bc-\\u00be";

/**
 * Translates the Oniguruma (Ruby syntax, UTF-8) patterns of HF `Replace` normalizers into
 * JavaScript RegExp source for the `u` flag, or throws naming the construct it cannot express.
 *
 * Differences handled: `^`/`$` are line anchors in Ruby syntax (only `\n` ends a line, and `^`
 * does not match after a final newline), `.` excludes only `\n`, `\s \d \w` are Unicode-aware
 * (`\w` is Oniguruma's Word class), `\h` is a hex digit, `\x{...}` code points, `\A \z \Z`, and
 * `\p{Script}` without `Script=`. Rejected: possessive quantifiers, atomic groups,
 * inline flags, `\G \K \R \X`, POSIX brackets and nested classes.
 *
 * @example
 * new RegExp(translateOniguruma(" {2,}"), "gu"); // collapses runs of spaces
 */
export function translateOniguruma(pattern: string): string {
  let out = "";
  let inClass = false;
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`unsupported Oniguruma construct ${what} at ${i} in pattern ${JSON.stringify(pattern)}`);
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "\\") {
      const n = pattern[i + 1];
      if (n === undefined) fail("trailing backslash");
      i += 2;
      switch (n) {
        case "s":
          out += "\\p{White_Space}";
          continue;
        case "S":
          if (inClass) fail("\\S inside a class");
          out += "\\P{White_Space}";
          continue;
        case "d":
          out += "\\p{Nd}";
          continue;
        case "D":
          if (inClass) fail("\\D inside a class");
          out += "\\P{Nd}";
          continue;
        case "w":
          out += inClass ? ONIG_WORD : `[${ONIG_WORD}]`;
          continue;
        case "W":
          if (inClass) fail("\\W inside a class");
          out += `[^${ONIG_WORD}]`;
          continue;
        case "h":
          out += inClass ? "0-9a-fA-F" : "[0-9a-fA-F]";
          continue;
        case "H":
          if (inClass) fail("\\H inside a class");
          out += "[^0-9a-fA-F]";
          continue;
        case "A":
          out += "(?<![\\s\\S])";
          continue;
        case "z":
          out += "(?![\\s\\S])";
          continue;
        case "Z":
          out += "(?=\\n?(?![\\s\\S]))";
          continue;
        case "x": {
          if (pattern[i] === "{") {
            const close = pattern.indexOf("}", i);
            if (close < 0) fail("\\x{");
            out += `\\u{${pattern.slice(i + 1, close)}}`;
            i = close + 1;
          } else out += "\\x";
          continue;
        }
        case "p":
        case "P": {
          if (pattern[i] !== "{") fail(`\\${n} without braces`);
          const close = pattern.indexOf("}", i);
          if (close < 0) fail(`\\${n}{`);
          let name = pattern.slice(i + 1, close);
          let negated = n === "P";
          if (name.startsWith("^")) {
            negated = !negated;
            name = name.slice(1);
          }
          out += `\\${negated ? "P" : "p"}{${propertyName(name) ?? fail(`\\p{${name}}`)}}`;
          i = close + 1;
          continue;
        }
        case "G":
        case "K":
        case "R":
        case "X":
          fail(`\\${n}`);
          break;
        default:
          out += `\\${n}`;
          continue;
      }
    }
    if (inClass) {
      if (c === "[") fail(pattern.startsWith("[:", i) ? "POSIX bracket" : "nested class");
      if (c === "&" && pattern[i + 1] === "&") fail("class intersection &&");
      if (c === "]") inClass = false;
      out += c;
      i++;
      continue;
    }
    switch (c) {
      case "[":
        inClass = true;
        out += c;
        i++;
        if (pattern[i] === "^") {
          out += "^";
          i++;
        }
        if (pattern[i] === "]") {
          out += "\\]";
          i++;
        }
        continue;
      case "(":
        if (pattern.startsWith("(?>", i)) fail("atomic group (?>");
        if (/^\(\?[imx-]+[:)]/.test(pattern.slice(i))) fail("inline flags");
        out += c;
        i++;
        continue;
      case "^":
        // Start of text, or after "\n" unless that newline ends the text (Ruby semantics).
        out += "(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))";
        i++;
        continue;
      case "$":
        out += "(?![^\\n])";
        i++;
        continue;
      case ".":
        out += "[^\\n]";
        i++;
        continue;
      case "*":
      case "+":
      case "?":
      case "}":
        out += c;
        i++;
        if (pattern[i] === "+") fail("possessive quantifier");
        continue;
      default:
        out += c;
        i++;
    }
  }
  if (inClass) fail("unterminated class");
  return out;
}

/**
 * A JavaScript property name for an Oniguruma one: category as is, script as `Script=`; `null`
 * when JavaScript knows neither spelling.
 *
 * @example
 * onigPropertyName("Han"); // "Script=Han"
 */
export function onigPropertyName(name: string): string | null {
  return propertyName(name);
}

function propertyName(name: string): string | null {
  for (const candidate of [name, `Script=${name}`]) {
    try {
      new RegExp(`\\p{${candidate}}`, "u");
      return candidate;
    } catch {
      // try the next spelling
    }
  }
  return null;
}

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
