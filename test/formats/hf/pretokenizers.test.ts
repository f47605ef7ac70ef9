import assert from "node:assert/strict";
import { test } from "node:test";
import { Tokenizer } from "tokenizers";
import { PreTokenizedString } from "../../../src/core/hf-pretokenize/index.js";
import { HfJsonError } from "../../../src/formats/hf/errors.js";
import { preTokenizerFromJson } from "../../../src/formats/hf/pretokenizers.js";
import { tokenizerJson } from "../../support/hf/pretokenize.js";

function throwsAt(json: unknown, message: string): void {
  assert.throws(
    () => preTokenizerFromJson(json),
    (e: unknown) => e instanceof HfJsonError && e.message === message,
    message,
  );
}

test("errors name the JSON path", () => {
  throwsAt(
    { type: "Sequence", pretokenizers: [{ type: "Digits", individual_digits: true }, { type: "Foo" }] },
    'pre_tokenizer.pretokenizers[1].type: unknown "Foo"',
  );
  throwsAt(
    { type: "ByteLevel", add_prefix_space: "yes", trim_offsets: true },
    "pre_tokenizer.add_prefix_space: expected a boolean",
  );
  throwsAt(
    { type: "Split", pattern: { Foo: "x" }, behavior: "Isolated", invert: false },
    'pre_tokenizer.pattern: expected {"String": ...} or {"Regex": ...}',
  );
  throwsAt(
    { type: "Split", pattern: { String: "x" }, behavior: "Merged", invert: false },
    "pre_tokenizer.behavior: expected one of Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous",
  );
  throwsAt(
    { type: "Metaspace", replacement: "ab" },
    'pre_tokenizer.replacement: expected one character, got "ab"',
  );
  throwsAt(
    { type: "Metaspace", replacement: "▁", prepend_scheme: "sometimes" },
    'pre_tokenizer.prepend_scheme: expected "always", "first" or "never"',
  );
  throwsAt({ type: "CharDelimiterSplit" }, "pre_tokenizer.delimiter: expected a string");
  throwsAt({ type: "Sequence" }, "pre_tokenizer.pretokenizers: expected an array");
  // Nested repetition runs on the linear engine; an atomic group over alternatives has no engine.
  throwsAt(
    { type: "Split", pattern: { Regex: "(?>a|ab)+c" }, behavior: "Isolated", invert: false },
    'pre_tokenizer.pattern.Regex: unsafe pattern "(?>a|ab)+c": an atomic group or possessive quantifier at 3 ' +
      'over a part that can match in several ways of its JavaScript form "(?:(?=(?<a0>\\\\u{61}|\\\\u{61}\\\\u{62}))' +
      '\\\\k<a0>)+\\\\u{63}" (toklab runs file regexes in linear time only)',
  );
  throwsAt([], "pre_tokenizer: expected an object");
});

test("defaults and legacy fields follow HF", () => {
  // use_regex defaults to true; Punctuation's behavior to Isolated; Metaspace's split to true.
  for (const json of [
    { type: "ByteLevel", add_prefix_space: true, trim_offsets: true },
    { type: "Punctuation" },
    { type: "Metaspace", replacement: "▁", prepend_scheme: "first" },
    { type: "Metaspace", replacement: "▁", add_prefix_space: true },
    { type: "Metaspace", replacement: "▁", add_prefix_space: false, prepend_scheme: "never" },
  ]) {
    const hf = Tokenizer.fromString(tokenizerJson(json)).getPreTokenizer()!;
    const pts = new PreTokenizedString("Hi, there  you!");
    preTokenizerFromJson(json)!.preTokenize(pts);
    assert.deepEqual(
      pts.pieces().map((p) => [p.text, [p.start, p.end]]),
      hf.preTokenizeString("Hi, there  you!"),
      JSON.stringify(json),
    );
  }
  // HF refuses add_prefix_space=false with a prepending scheme; so do we.
  const bad = { type: "Metaspace", replacement: "▁", add_prefix_space: false };
  assert.throws(() => Tokenizer.fromString(tokenizerJson(bad)));
  assert.throws(() => preTokenizerFromJson(bad), HfJsonError);
});

test("PreTokenizedString keeps HF's empty-input split until the first cut", () => {
  const pts = new PreTokenizedString("");
  assert.equal(pts.count, 1);
  pts.split((_, s, e, emit) => emit(s, e));
  assert.equal(pts.count, 0);
});
