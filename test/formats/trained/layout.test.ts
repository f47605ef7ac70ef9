/**
 * The checks every writer runs first: a malformed TrainedBpe fails with a message that says
 * what is wrong, and the pre-tokenizer must suit the base.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TrainedBpeError, trainedLayout } from "../../../src/formats/trained/layout.js";
import { checkPreTokenizerForBase, withoutByteLevel } from "../../../src/formats/trained/pre-tokenizer.js";
import { trainedTiktoken } from "../../../src/formats/trained/tiktoken-ranks.js";
import { trainedTokenizerJson } from "../../../src/formats/trained/tokenizer-json.js";
import { hfPreTokenizerFor } from "../../../src/train/pieces-hf.js";
import type { TrainedBpe } from "../../../src/train/types.js";
import { corpus } from "../../support/train/output.js";
import { toyTrain } from "../../support/train/toy-trainer.js";

const utf8 = new TextEncoder();
const good = toyTrain(corpus(4, 80), { merges: 40, specialTokens: ["<s>"], reservedTokens: ["<r>"] });

function broken(change: Partial<TrainedBpe>): TrainedBpe {
  return { ...good, ...change };
}

/**
 * Byte base: an optional special or reserved token (id 0), the 256 bytes, and merges given as
 * pairs of strings whose results are appended in order.
 */
function tiny(o: { special?: string; reserved?: string; merges: string[] }): TrainedBpe {
  const tokens: Uint8Array[] = [];
  const specialIds = o.special === undefined ? [] : [tokens.push(utf8.encode(o.special)) - 1];
  const reservedIds = o.reserved === undefined ? [] : [tokens.push(utf8.encode(o.reserved)) - 1];
  for (let b = 0; b < 256; b++) tokens.push(Uint8Array.of(b));
  const firstMergeId = tokens.length;
  // Like the trainer, a merge whose bytes are already a token (even a special one) adds none.
  const idOf = (s: string) => tokens.findIndex((t) => t.join() === utf8.encode(s).join());
  const merges: [number, number][] = [];
  for (let i = 0; i < o.merges.length; i += 2) {
    const [l, r] = [o.merges[i], o.merges[i + 1]];
    merges.push([idOf(l), idOf(r)]);
    if (idOf(l + r) < 0) tokens.push(utf8.encode(l + r));
  }
  const pieces = { preset: "gpt2" as const, numbers: "none" as const, specialTokens: [] };
  return {
    base: "byte",
    tokens,
    specialIds,
    reservedIds,
    byteFallbackIds: [],
    merges,
    firstMergeId,
    pieces,
    config: {},
  };
}

function rejects(t: TrainedBpe, message: RegExp): void {
  assert.throws(
    () => trainedLayout(t),
    (e) => e instanceof TrainedBpeError && message.test(e.message),
  );
}

describe("trainedLayout refuses what no format can hold", () => {
  test("the toy result is well formed", () => {
    const layout = trainedLayout(good);
    assert.deepEqual(layout.counts, { special: 1, reserved: 1, base: 256, byteFallback: 0, merge: 40 });
    assert.deepEqual(
      [...layout.mergeResults],
      Array.from({ length: 40 }, (_, i) => good.firstMergeId + i),
    );
  });

  test("ids listed twice or out of range", () => {
    rejects(broken({ reservedIds: [0] }), /id 0 is listed twice/);
    rejects(broken({ specialIds: [9999] }), /specialIds\[0\] = 9999 is not an id/);
    // Special tokens may come after the merged ones (an imported tiktoken vocabulary); reserved
    // tokens may not.
    rejects(broken({ reservedIds: [...good.reservedIds, good.firstMergeId] }), /not below firstMergeId/);
  });

  test("base tokens of a byte-level base are single bytes", () => {
    const tokens = [...good.tokens];
    tokens[2 + 0x41] = utf8.encode("AA");
    rejects(broken({ tokens }), /base token 67 of a byte-level base is not one byte/);
  });

  test("two ids with one vocabulary string", () => {
    // A reserved token spelled like the byte token "a".
    const tokens = [...good.tokens];
    tokens[1] = utf8.encode("a");
    rejects(broken({ tokens }), /both spelled "a"/);
  });

  test("merges that do not make the next token", () => {
    const merges = [...good.merges];
    merges[0] = [good.merges[1][0], good.merges[1][1]];
    rejects(broken({ merges }), /produces token 259, but the next new merged token is 258/);
    rejects(broken({ merges: good.merges.slice(0, 39) }), /produced by no merge/);
    rejects(broken({ merges: [[0, 2], ...good.merges.slice(1)] }), /special token 0 cannot take part/);
  });

  test("a merge making a special token's bytes", () => {
    const t = tiny({ special: "ab", merges: ["a", "b"] });
    rejects(t, /makes the bytes of special token 0, which is matched before the model/);
  });

  test("a merge making a reserved token's bytes reuses its id, with an alias when spelled apart", () => {
    const ascii = trainedLayout(tiny({ reserved: "ab", merges: ["a", "b"] }));
    assert.deepEqual([...ascii.mergeResults], [0]);
    assert.equal(ascii.reservedMerges, 1);
    assert.equal(ascii.aliases.size, 0, '"ab" spells itself');
    const spaced = trainedLayout(tiny({ reserved: " b", merges: [" ", "b"] }));
    assert.deepEqual([...spaced.aliases], [["Ġb", 0]]);
    assert.deepEqual(spaced.mergeStrings[0], "Ġb");
    assert.deepEqual(spaced.strings[0], " b");
  });

  test("a byte alphabet may lack bytes (the seen-bytes alphabet), tiktoken may not", () => {
    const t: TrainedBpe = {
      ...tiny({ merges: ["a", "b"] }),
      tokens: [utf8.encode("a"), utf8.encode("b"), utf8.encode("ab")],
      firstMergeId: 2,
      merges: [[0, 1]],
    };
    assert.equal(trainedLayout(t).missingBytes, 254);
    assert.throws(() => trainedTiktoken(t), /needs all 256 byte tokens; this vocabulary lacks 254/);
  });

  test("a reserved token with an ordinary token's bytes has no tiktoken form", () => {
    // Spelled differently in tokenizer.json (raw text vs byte alphabet), the same bytes in ranks.
    const tokens = [...good.tokens];
    tokens[1] = good.tokens[good.firstMergeId];
    const t = broken({ tokens });
    assert.doesNotThrow(() => trainedLayout(t));
    assert.throws(() => trainedTiktoken(t), /have the same bytes/);
  });

  test("a character base needs its 256 byte tokens", () => {
    const char = toyTrain(corpus(4, 40), { base: "char", merges: 10 });
    assert.equal(trainedLayout(char).counts.byteFallback, 256);
    rejects({ ...char, byteFallbackIds: char.byteFallbackIds.slice(1) }, /needs 256 byte-fallback ids/);
    rejects({ ...char, byteFallbackIds: [...char.byteFallbackIds].reverse() }, /is not the one-byte token/);
    rejects({ ...char, base: "word" as "char" }, /unknown base/);
  });
});

describe("the pre-tokenizer must suit the base", () => {
  const byteLevel = hfPreTokenizerFor({ preset: "o200k", numbers: "rtl3", specialTokens: [] });

  test("a byte base needs exactly one ByteLevel, a character base none", () => {
    assert.doesNotThrow(() => checkPreTokenizerForBase(byteLevel, "byte"));
    assert.throws(() => checkPreTokenizerForBase(null, "byte"), /exactly one ByteLevel/);
    assert.throws(() => checkPreTokenizerForBase(byteLevel, "char"), /must not have a ByteLevel/);
    assert.throws(() => trainedTokenizerJson(good, { preTokenizer: null }), TrainedBpeError);
  });

  test("withoutByteLevel keeps the splits and drops the byte alphabet", () => {
    const char = withoutByteLevel(byteLevel);
    assert.ok(char !== null && char.type === "Sequence");
    const steps = char.pretokenizers as { type: string }[];
    assert.deepEqual(
      steps.map((s) => s.type),
      ["Split", "Split"],
    );
    assert.doesNotThrow(() => checkPreTokenizerForBase(char, "char"));
    assert.throws(
      () => withoutByteLevel({ type: "ByteLevel", add_prefix_space: true, use_regex: true }),
      /add_prefix_space/,
    );
  });
});
