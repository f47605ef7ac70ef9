/**
 * Text-only versions of the {@link NormalizedString} operations, for the ids-only pipeline
 * (docs/decisions/0014, "an ids-only pipeline"). Each returns exactly the `normalized` text the
 * aligned operation would leave, without building alignment arrays.
 *
 * Why the text is the same: every aligned operation builds a change stream and
 * `transform`/`transformRange` writes the stream's code points in place of the rewritten range.
 * The text then equals the stream's code points, except when the string starts with characters
 * of empty alignment (only `Replace` with an empty match at 0 makes them; `Replace.normalizeString`
 * refuses that case), because `transform` then leaves them out of the rewritten range.
 */
import type { ChangeStream } from "./changes.js";
import { isRustWhitespace, lowercaseCodePoint } from "./chars.js";
import { TextBuilder } from "./normalized.js";
import { type NormalForm, nfStream } from "./unicode-forms.js";

/** The code points of a change stream as a string (what `transform` writes). */
export function streamText(stream: ChangeStream): string {
  const out = new TextBuilder(stream.length);
  for (let i = 0; i < stream.length; i++) out.push(stream.codePoints[i]);
  return out.toString();
}

/** `NormalizedString.filter` as text: the characters `keep` accepts. */
export function filterText(s: string, keep: (codePoint: number) => boolean): string {
  let out: TextBuilder | null = null;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (!keep(cp)) {
      // First removal: copy what came before, then keep building.
      if (out === null) {
        out = new TextBuilder(s.length);
        for (let j = 0; j < i; ) {
          const c = s.codePointAt(j)!;
          out.push(c);
          j += c > 0xffff ? 2 : 1;
        }
      }
    } else if (out !== null) out.push(cp);
    i += w;
  }
  return out === null ? s : out.toString();
}

/** `NormalizedString.map` as text: every character through `f`. */
export function mapText(s: string, f: (codePoint: number) => number): string {
  let out: TextBuilder | null = null;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const m = f(cp);
    if (m !== cp && out === null) {
      out = new TextBuilder(s.length);
      for (let j = 0; j < i; ) {
        const c = s.codePointAt(j)!;
        out.push(c);
        j += c > 0xffff ? 2 : 1;
      }
    }
    if (out !== null) out.push(m);
    i += cp > 0xffff ? 2 : 1;
  }
  return out === null ? s : out.toString();
}

/**
 * `NormalizedString.lowercase` as text (Rust `char::to_lowercase`, per character). Without
 * `Σ`, `String.prototype.toLowerCase` is the same per-character map: Final_Sigma is the only
 * context rule of the locale-independent mapping, and `lowercaseCodePoint` is built from the
 * same engine data one character at a time.
 */
export function lowercaseText(s: string): string {
  if (s.indexOf("\u03a3") < 0) return s.toLowerCase();
  const out = new TextBuilder(s.length);
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    const lower = lowercaseCodePoint(cp);
    if (typeof lower === "number") out.push(lower);
    else for (let k = 0; k < lower.length; k++) out.push(lower[k]);
  }
  return out.toString();
}

/** `NormalizedString.strip` as text: leading and/or trailing White_Space removed. */
export function stripText(s: string, left: boolean, right: boolean): string {
  let lead = 0;
  if (left) while (lead < s.length && isRustWhitespace(s.charCodeAt(lead))) lead++;
  let trail = s.length;
  if (right) while (trail > lead && isRustWhitespace(s.charCodeAt(trail - 1))) trail--;
  return lead === 0 && trail === s.length ? s : s.slice(lead, trail);
}

/**
 * A unit every form leaves alone and that starts an independent chunk: it is its own
 * decomposition in every form, a starter, and never the second character of a composition.
 * Below U+00A0 nothing decomposes or composes as second element; CJK unified ideographs
 * (U+4E00–U+9FFF) never decompose or compose. `test/hf-speed/ids-path.test.ts` re-checks both
 * claims against the engine for every code point.
 */
export function isNfInertUnit(c: number): boolean {
  return c < 0xa0 || (c >= 0x4e00 && c <= 0x9fff);
}

/**
 * `NormalizedString.normalize(form)` as text. The forms work per chunk: decomposition is per
 * character, reordering stays inside runs of non-starters, and composition restarts at a
 * starter that cannot be a composition's second character. So cutting before every
 * {@link isNfInertUnit} unit gives the same result as the whole string, and only the stretches
 * around other characters (from the unit before them, which may compose with them) go through
 * the aligned stream code.
 */
export function nfText(s: string, form: NormalForm): string {
  let i = 0;
  const n = s.length;
  while (i < n && isNfInertUnit(s.charCodeAt(i))) i++;
  if (i === n) return s;
  let out = "";
  let last = 0;
  while (i < n) {
    // s[i] needs work; the chunk starts at the inert unit before it (it may compose with s[i]).
    const from = i > last ? i - 1 : i;
    let to = i + 1;
    while (to < n && !isNfInertUnit(s.charCodeAt(to))) to++;
    const chunk = s.slice(from, to);
    const stream = nfStream(chunk, form);
    out += s.slice(last, from) + (stream === null ? chunk : streamText(stream));
    last = to;
    i = to;
    while (i < n && isNfInertUnit(s.charCodeAt(i))) i++;
  }
  return out + s.slice(last);
}
