/** The Oniguruma translator: what it writes for Oniguruma-only constructs, and what it refuses. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { OnigPatternError, translateSplitPattern } from "../../../src/core/oniguruma/index.js";

test("translateSplitPattern: Oniguruma constructs", () => {
  assert.equal(translateSplitPattern("\\p{Greek}{1,3}+"), "\\p{Script=Greek}+");
  assert.equal(translateSplitPattern("a?+"), "(?=(?<a0>\\u{61}?))\\k<a0>");
  assert.equal(translateSplitPattern("(?>ab|a)c"), "(?=(?<a0>\\u{61}\\u{62}|\\u{61}))\\k<a0>\\u{63}");
  assert.equal(translateSplitPattern("(?i:k)"), "(?:[\\u{4b}\\u{6b}\\u{212a}])");
  assert.equal(translateSplitPattern("(a+)+"), "\\u{61}+");
  for (const [p, why] of [
    ["(a|aa)+b", "nested repetition"],
    ["(\\w+\\s?)*$", "nested repetition"],
    ["(a)\\1", "back-reference"],
    ["[[:alpha:]]", "POSIX bracket"],
    ["[a&&b]", "class intersection"],
    ["(?i:ss)", "case-insensitive"],
    ["(?i:[a-z])", "case-insensitive class range"],
    ["\\G", "unsupported escape"],
    ["a(?i)b", "inline flags"],
  ]) {
    assert.throws(
      () => translateSplitPattern(p),
      (e: unknown) => e instanceof OnigPatternError && e.message.includes(why),
      p,
    );
  }
});
