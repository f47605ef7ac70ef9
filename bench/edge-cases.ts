/**
 * Short texts where tiktoken ports are known to disagree with tiktoken, or could: mostly
 * characters that JavaScript's `\s`, `\p{...}` or string handling treat differently from Rust's
 * regex crate. The shared corpus happens to contain none of U+0085 or U+FEFF, so without these
 * the exactness column would miss the best-known discrepancies.
 */
export const EDGE_CASES: ReadonlyArray<{ name: string; text: string }> = [
  { name: "U+0085 (NEL) between words", text: "first line\u0085second line \u0085 third" },
  { name: "U+0085 (NEL) inside a space run", text: "a  \u0085\u0085  b and  \u0085 c" },
  { name: "U+FEFF (BOM) at start", text: "\uFEFFhello world" },
  { name: "U+FEFF inside text", text: "one\uFEFFtwo \uFEFF three" },
  { name: "U+00A0 no-break spaces", text: "100\u00A0km and\u00A0\u00A0more" },
  { name: "U+2028 / U+2029 separators", text: "a\u2028b\u2029c \u2028\u2028 d" },
  { name: "U+3000 ideographic space", text: "日本\u3000語\u3000\u3000です" },
  { name: "CRLF and trailing spaces", text: "line  \r\n\r\n   next\t\r\n \n" },
  { name: "uppercase contractions", text: "I'M SURE HE'S THERE, WE'LL SEE. They'Re" },
  { name: "right single quote ’", text: "don’t won’t it’s" },
  { name: "Arabic-Indic digits", text: "١٢٣٤٥٦٧ and ۱۲۳ and 1234567" },
  { name: "combining marks", text: "e\u0301e\u0301\u0301 n\u0303o Z\u0351\u0352a" },
  { name: "special-token text as ordinary text", text: "x <|endoftext|> y <|fim_prefix|>" },
  { name: "lone surrogate", text: "ok \uD800 ok \uDC00" },
  { name: "mixed scripts", text: "Mixed 日本語とEnglishの混在 한국어 ไทย हिन्दी" },
  { name: "emoji ZWJ and flags", text: "👩‍👩‍👧‍👦 🏳️‍🌈 🇫🇷🇯🇵 👍🏽" },
];
