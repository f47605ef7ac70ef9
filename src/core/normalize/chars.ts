/**
 * Character predicates and mappings of the Rust crates Hugging Face normalizers use, with the
 * Unicode version each one was built from (tokenizers 0.23):
 * - `char::is_whitespace`, `char::to_lowercase`: Rust std (recent Unicode, like V8's ICU);
 * - `is_combining_mark` (StripAccents): unicode-normalization-alignments, Unicode 9.0;
 * - `is_mark_nonspacing`, `is_other` (BertNormalizer): unicode_categories, Unicode 8.0.
 * Characters assigned after those versions are not marks/controls there, so the JavaScript
 * property classes are corrected with the toggle lists in `unicode-age.ts`.
 */
import {
  inRanges,
  UNICODE8_MN_TOGGLE,
  UNICODE8_OTHER_TOGGLE,
  UNICODE9_INERT,
  UNICODE9_MARK_TOGGLE,
} from "./unicode-age.js";

/** Rust `char::is_whitespace` (the White_Space property). */
export function isRustWhitespace(cp: number): boolean {
  if (cp <= 0x20) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d);
  if (cp < 0x85) return false;
  return (
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

const lowerCache = new Map<number, number | number[]>();

/**
 * Rust `char::to_lowercase`: one code point, or several for the few full mappings (`İ`).
 * Context-free: `Σ` is always `σ`, as for a single character.
 */
export function lowercaseCodePoint(cp: number): number | number[] {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
  let r = lowerCache.get(cp);
  if (r === undefined) {
    const s = String.fromCodePoint(cp).toLowerCase();
    const cps = Array.from(s, (c) => c.codePointAt(0)!);
    r = cps.length === 1 ? cps[0] : cps;
    lowerCache.set(cp, r);
  }
  return r;
}

const MARK = /^\p{M}$/u;
const NONSPACING = /^\p{Mn}$/u;
const OTHER = /^[\p{Cc}\p{Cf}\p{Co}]$/u;

/** `is_combining_mark` of unicode-normalization-alignments (General_Category M, Unicode 9). */
export function isCombiningMark(cp: number): boolean {
  if (cp < 0x300) return false;
  // Unassigned in Unicode 9 (so in 8): neither a mark nor a control there.
  if (inRanges(UNICODE9_INERT, cp)) return false;
  return MARK.test(String.fromCodePoint(cp)) !== inRanges(UNICODE9_MARK_TOGGLE, cp);
}

/** `is_mark_nonspacing` of unicode_categories (Mn, Unicode 8). */
export function isMarkNonspacing(cp: number): boolean {
  if (cp < 0x300) return false;
  // Unassigned in Unicode 9 (so in 8): neither a mark nor a control there.
  if (inRanges(UNICODE9_INERT, cp)) return false;
  return NONSPACING.test(String.fromCodePoint(cp)) !== inRanges(UNICODE8_MN_TOGGLE, cp);
}

/**
 * BertNormalizer's control test: `is_other` of unicode_categories (Cc, Cf, Co in Unicode 8;
 * unassigned and surrogates are not "other" there) except tab, newline and carriage return.
 */
export function isBertControl(cp: number): boolean {
  if (cp === 0x09 || cp === 0x0a || cp === 0x0d) return false;
  if (cp < 0x20 || cp === 0x7f) return true;
  if (cp < 0x80) return false;
  // Unassigned in Unicode 9 (so in 8): neither a mark nor a control there.
  if (inRanges(UNICODE9_INERT, cp)) return false;
  return OTHER.test(String.fromCodePoint(cp)) !== inRanges(UNICODE8_OTHER_TOGGLE, cp);
}

/** BertNormalizer's whitespace: tab, newline, carriage return and Rust White_Space. */
export function isBertWhitespace(cp: number): boolean {
  return isRustWhitespace(cp);
}

/** BertNormalizer's "Chinese character": the CJK ideograph blocks HF lists. */
export function isChineseChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b920 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}
