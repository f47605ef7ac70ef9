import assert from "node:assert/strict";
import { test } from "node:test";
import { translateSplitPattern } from "../../../src/core/oniguruma/index.js";
import {
  hfSuperwordPreTokenizer,
  nextSuperwordPiece,
  SUPERBPE_DIGIT_GROUP_REGEX,
  SUPERWORD_DIGIT_GROUP_REGEX,
  superwordPieces,
} from "../../../src/core/pretokenize/superword.js";
import { adversarialStrings, isWellFormed, longRuns } from "../../support/adversarial.js";
import { byteLevelBpeJson } from "../../support/hf/byte-level.js";
import { walkReads } from "../../support/pretokenize/reads.js";
import { bindingPieces, toklabPieces } from "../../support/train/pieces.js";

/** Digit runs of every kind next to letters, spaces and each other. */
const HANDMADE = [
  "",
  "by the way, 1234567 is big",
  "1 12 123 1234 12345 123456 1234567 12345678 123456789 1234567890",
  "x1y22z333w4444v55555",
  "½1234 ²³⁴⁵ 1½234 12½345 Ⅻ1234 ١٢٣٤٥ ۱۲۳۴ १२३४५ １２３４ 𝟏𝟐𝟑𝟒𝟓𝟔𝟕 𝟏2𝟑4",
  "3.14159 -42 1,000,000 2025-01-01",
  "  spaces  and\ttabs\nand\n\nnewlines  ",
  "日本語123中文4567한국어",
  "Question: what?\nAnswer: 42.",
  "0".repeat(100),
  `${"9".repeat(1000)}x${"8".repeat(7)}`,
];

const texts = [...HANDMADE, ...adversarialStrings(31, 150).filter(isWellFormed), ...longRuns(5)];

test("stage-2 pieces = the HF binding pre-tokenizing with the exported pre_tokenizer", async () => {
  const json = byteLevelBpeJson({ preTokenizer: hfSuperwordPreTokenizer() });
  const binding = bindingPieces(json);
  const loader = toklabPieces(json);
  for (const t of texts) {
    const expected = await binding(t);
    assert.deepEqual(superwordPieces(t), expected, JSON.stringify(t.slice(0, 200)));
    assert.deepEqual(loader(t), expected, `toklab loader: ${JSON.stringify(t.slice(0, 200))}`);
  }
});

test("the respelled digit pattern cuts as SuperBPE's released one in the binding", async () => {
  const released = hfSuperwordPreTokenizer() as { pretokenizers: Record<string, unknown>[] };
  released.pretokenizers[1] = {
    ...released.pretokenizers[1],
    pattern: { Regex: SUPERBPE_DIGIT_GROUP_REGEX },
  };
  const theirs = bindingPieces(byteLevelBpeJson({ preTokenizer: released }));
  const ours = bindingPieces(byteLevelBpeJson({ preTokenizer: hfSuperwordPreTokenizer() }));
  // toklab's loader reads the released spelling too (on the linear engine, its lookahead over a
  // repetition answered for the whole text at once).
  const loaded = toklabPieces(byteLevelBpeJson({ preTokenizer: released }));
  for (const t of texts) {
    const expected = await theirs(t);
    assert.deepEqual(await ours(t), expected, JSON.stringify(t.slice(0, 200)));
    assert.deepEqual(loaded(t), expected, `toklab, released spelling: ${JSON.stringify(t.slice(0, 200))}`);
  }
  // Why the respelling: the translator alone (for a RegExp) refuses the released spelling.
  assert.throws(() => translateSplitPattern(SUPERBPE_DIGIT_GROUP_REGEX), /nested repetition/);
  assert.doesNotThrow(() => translateSplitPattern(SUPERWORD_DIGIT_GROUP_REGEX));
});

test("digit runs group by three from the right; everything else stays whole", () => {
  assert.deepEqual(superwordPieces("by the way, 1234567 is big"), [
    "by the way, ",
    "1",
    "234",
    "567",
    " is big",
  ]);
  assert.deepEqual(superwordPieces("123456"), ["123", "456"]);
  assert.deepEqual(superwordPieces("12"), ["12"]);
  // Non-decimal numerics stay in the run but are not counted as digits (`\d` is Nd).
  assert.deepEqual(superwordPieces("½1234"), ["½1", "234"]);
  assert.deepEqual(superwordPieces("1234½"), ["1", "234½"]); // three digits, then a non-digit
  assert.deepEqual(superwordPieces("12½3"), ["12½3"]);
  assert.deepEqual(superwordPieces("a 𝟏𝟐𝟑𝟒"), ["a ", "𝟏", "𝟐𝟑𝟒"]);
  assert.deepEqual(superwordPieces("x\n\n  y: z"), ["x\n\n  y: z"]);
});

test("the scanner honours a segment end and restarts inside a run", () => {
  const t = "ab 1234567 cd";
  assert.equal(nextSuperwordPiece(t, 3, 7), 4); // "1234" cut at end 7: "1", "234"
  assert.equal(nextSuperwordPiece(t, 4, 7), 7);
  assert.equal(nextSuperwordPiece(t, 3, t.length), 4); // "1" of "1234567"
  assert.equal(nextSuperwordPiece(t, 5, t.length), 7); // restart mid-run: "34" then "567"
  assert.equal(nextSuperwordPiece(t, 4, t.length), 7);
  assert.equal(nextSuperwordPiece(t, 7, t.length), 10);
  assert.equal(nextSuperwordPiece(t, 0, t.length), 3);
});

test("a long digit run costs linear reads (no rescans per group)", () => {
  const reads = (n: number) => walkReads(nextSuperwordPiece, `x ${"7".repeat(n)} y`);
  const small = reads(30_000);
  const big = reads(300_000);
  assert.ok(big / small < 10.1, `10× the input took ${(big / small).toFixed(2)}× the reads`);
  assert.ok(big / 300_000 < 8, `${(big / 300_000).toFixed(1)} reads per digit`);
});
