/**
 * An Oniguruma pattern from a tokenizer file as a matcher that cannot hang: translated to
 * JavaScript syntax, then run by whichever engine keeps matching linear in the text (see
 * src/core/regex/matcher.ts), or refused naming the pattern.
 */
import { compileMatcher, type Matcher, quotePattern, UnsafeRegexError } from "../regex/index.js";
import { OnigPatternError, translateSplitPattern } from "./translate.js";

/**
 * The matcher for a tokenizer.json regex (`Split`, `Replace`). Nested repetition is accepted
 * here, unlike in {@link translateSplitPattern} alone: the linear engine runs it without
 * backtracking. Throws {@link OnigPatternError} for a pattern that cannot be translated or that
 * no engine runs in linear time (the message quotes the pattern as the file wrote it).
 *
 * @example
 * compileOnigMatcher("(a+)+$").findAll("aaa"); // [0, 3]
 * compileOnigMatcher("(?>a|ab)+c"); // throws OnigPatternError (atomic group over alternatives)
 */
export function compileOnigMatcher(pattern: string): Matcher {
  const source = translateSplitPattern(pattern, { nestedRepetition: true });
  try {
    return compileMatcher(source);
  } catch (e) {
    if (e instanceof UnsafeRegexError) {
      throw new OnigPatternError(
        `unsafe pattern ${quotePattern(pattern)}: ${e.reason} of its JavaScript form ` +
          `${quotePattern(source)} (toklab runs file regexes in linear time only)`,
      );
    }
    throw e;
  }
}
