/**
 * Qtok-style categories of tokens: what kind of text a vocabulary spends its ids on. The
 * categories overlap on purpose (" foo_bar" is both word-initial and code-like); each is a
 * yes/no test on the token's text, stated here exactly so counts can be recomputed elsewhere.
 */

/** The category names, in report order. */
export const CATEGORIES = [
  "letters",
  "word_initial_space",
  "digits",
  "punctuation",
  "whitespace",
  "code_like",
  "continuation",
  "byte",
  "other",
] as const;

export type Category = (typeof CATEGORIES)[number];

const WHITESPACE = /^\s+$/u;
const LETTERS = /^[\p{L}\p{M}]+$/u;
const DIGITS = /^\p{Nd}+$/u;
const PUNCTUATION = /^[\p{P}\p{S}]+$/u;
const WORD_INITIAL = /^ [\p{L}\p{M}\p{Nd}]/u;
/** Characters that are rare in prose and common in code. */
const CODE_CHARS = /[{}[\]();=<>_\\|&$#@^~`]/u;
const CAMEL = /\p{Ll}\p{Lu}/u;
/** Indentation: two or more spaces, or a tab, then something that is not whitespace. */
const INDENT = /(?: {2,}|\t)\S/u;

/**
 * The categories of a decodable, non-special token's `text` (its bytes as UTF-8), plus the
 * facts the text alone does not carry (`continuation` for WordPiece `##` pieces):
 * - `letters`: only letters and marks, after at most one leading space;
 * - `word_initial_space`: a space, then a letter, mark or digit (the token starts a word);
 * - `digits`: only decimal digits, after at most one leading space;
 * - `punctuation`: only punctuation and symbols (`\p{P}`, `\p{S}`), after at most one leading space;
 * - `whitespace`: only whitespace;
 * - `code_like`: one of `{}[]();=<>_\|&$#@^~` or backquote together with at least one more
 *   non-whitespace character (`_init`, `()`, `->`), a lower-to-upper case change (camelCase),
 *   or indentation (two or more spaces, or a tab) before text;
 * - `continuation`: a WordPiece continuation piece;
 * - `other`: none of letters, digits, punctuation, whitespace (mixed content such as "3rd").
 *
 * @example
 * categoriesOfText(" hello", false); // ["letters", "word_initial_space"]
 * categoriesOfText("getX", false); // ["letters", "code_like"]
 */
export function categoriesOfText(text: string, continuation: boolean): Category[] {
  const out: Category[] = [];
  const core = text.startsWith(" ") && text.length > 1 ? text.slice(1) : text;
  const whitespace = WHITESPACE.test(text);
  const letters = LETTERS.test(core);
  const digits = DIGITS.test(core);
  const punctuation = PUNCTUATION.test(core);
  if (letters) out.push("letters");
  if (WORD_INITIAL.test(text)) out.push("word_initial_space");
  if (digits) out.push("digits");
  if (punctuation) out.push("punctuation");
  if (whitespace) out.push("whitespace");
  const codeChar = CODE_CHARS.test(text) && text.replace(/\s/gu, "").length >= 2;
  if (codeChar || CAMEL.test(text) || INDENT.test(text)) out.push("code_like");
  if (continuation) out.push("continuation");
  if (!letters && !digits && !punctuation && !whitespace && text.length > 0) out.push("other");
  return out;
}
