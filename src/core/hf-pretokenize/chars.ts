/**
 * Character predicates of the Rust code behind HF's pre-tokenizers: `char::is_whitespace`,
 * `char::is_numeric` (Rust std, recent Unicode) and `is_punctuation` (ASCII punctuation or the
 * `unicode_categories` crate's Unicode 8 `P*` categories, corrected for characters that crate
 * classifies differently from the engine; see `punctuation-data.ts`).
 */
import { isRustWhitespace } from "../normalize/chars.js";
import { inRanges } from "../normalize/unicode-age.js";
import { classOf, N } from "../unicode/index.js";
import { UNICODE8_PUNCTUATION_TOGGLE } from "./punctuation-data.js";

export { isRustWhitespace };

/** Rust `char::is_numeric`: general category Nd, Nl or No. */
export function isRustNumeric(cp: number): boolean {
  return (classOf(cp) & N) !== 0;
}

const PUNCT = /\p{P}/u;
let bmpPunct: Uint8Array | null = null;

/**
 * HF's `is_bert_punc` / `is_punc`: ASCII punctuation (which includes symbols like `$ + < = > ^ |`)
 * or a Unicode punctuation category as the `unicode_categories` crate has them.
 *
 * @example
 * isHfPunctuation(0x24); // true: "$" is ASCII punctuation
 * isHfPunctuation(0x3001); // true: "、" is Po
 */
export function isHfPunctuation(cp: number): boolean {
  if (cp < 0x80) {
    return (
      (cp >= 0x21 && cp <= 0x2f) ||
      (cp >= 0x3a && cp <= 0x40) ||
      (cp >= 0x5b && cp <= 0x60) ||
      (cp >= 0x7b && cp <= 0x7e)
    );
  }
  if (cp < 0x10000) {
    if (bmpPunct === null) {
      bmpPunct = new Uint8Array(0x10000);
      for (let c = 0x80; c < 0x10000; c++) {
        if (PUNCT.test(String.fromCharCode(c)) !== inRanges(UNICODE8_PUNCTUATION_TOGGLE, c)) bmpPunct[c] = 1;
      }
    }
    return bmpPunct[cp] === 1;
  }
  return PUNCT.test(String.fromCodePoint(cp)) !== inRanges(UNICODE8_PUNCTUATION_TOGGLE, cp);
}
