/**
 * Regular expressions from untrusted files (tokenizer.json `Split`/`Replace` patterns, `.tiktoken`
 * patterns), matched in time linear in the text: a Pike VM for what it supports, JavaScript's
 * RegExp where a match attempt is provably bounded, a refusal otherwise. See matcher.ts.
 */
export {
  BACKTRACK_BUDGET,
  compileMatcher,
  type EngineChoice,
  type Matcher,
  quotePattern,
  UnsafeRegexError,
} from "./matcher.js";
export { vmWork } from "./work.js";
