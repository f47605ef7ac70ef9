/**
 * Oniguruma → JavaScript: tokenizer.json writes its regexes (the `Split` pre-tokenizer, the
 * `Replace` normalizer and decoder) for the Oniguruma engine of the Rust `onig` crate, in Ruby
 * syntax and on Oniguruma's Unicode tables. This folder translates such a pattern to a JavaScript
 * RegExp that matches the same strings (or refuses it), and iterates matches by the crate's rule.
 */
export { findAll } from "./find-all.js";
export { compileOnigMatcher } from "./matcher.js";
export { OnigPatternError, type TranslateOptions, translateSplitPattern } from "./translate.js";
export { ONIG_UNASSIGNED, ONIG_WORD, onigPropertyName, pinClass } from "./unicode.js";
