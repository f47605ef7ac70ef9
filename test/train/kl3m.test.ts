import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { trainBpe } from "../../src/train/bpe-trainer.js";
import {
  KL3M_SPECIAL_TOKENS,
  kl3mCharCap,
  kl3mCharOptions,
  kl3mDomainOptions,
  kl3mReservedTokens,
} from "../../src/train/kl3m.js";
import { charCount } from "../../src/train/token-table.js";
import { adversarialStrings } from "../support/adversarial.js";

describe("KL3M recipes", () => {
  const text =
    adversarialStrings(21, 400).join(" ") + " The Court held that 15 U.S.C. § 78j(b) applies. ".repeat(50);
  const counts = new Map<string, number>();
  for (const p of text.match(/\s*\S+|\s+/gu) ?? []) counts.set(p, (counts.get(p) ?? 0) + 1);

  test("character tokenizers: exact vocab size, control tokens first, no token over the cap in bytes", () => {
    // The released kl3m-004-char vocab.json files: 4,083 / 8,179 / 16,371 tokens besides the 13
    // control tokens; the longest has 3 / 3 / 4 bytes (the model cards say "characters").
    assert.deepEqual(
      (["4k", "8k", "16k"] as const).map((s) => [
        kl3mCharOptions(s).vocabSize,
        kl3mCharOptions(s).maxTokenLength,
      ]),
      [
        [4096, { value: 3, unit: "bytes" }],
        [8192, { value: 3, unit: "bytes" }],
        [16384, { value: 4, unit: "bytes" }],
      ],
    );
    assert.deepEqual([4096, 16383, 16384, 32768].map(kl3mCharCap), [3, 3, 4, 4]);
    for (const size of ["4k", "16k"] as const) {
      const o = kl3mCharOptions(size);
      const t = trainBpe(counts, { ...o, vocabSize: Math.min(o.vocabSize, 256 + 13 + 600) });
      const cap = o.maxTokenLength!.value;
      assert.deepEqual(t.specialIds, [...KL3M_SPECIAL_TOKENS.keys()]);
      const learned = t.tokens.slice(t.firstMergeId);
      const longest = Math.max(...learned.map((b) => b.length));
      assert.equal(longest, cap);
      // The unit matters on this text: a cap in characters lets multi-byte tokens past it.
      const byChars = trainBpe(counts, {
        ...o,
        vocabSize: Math.min(o.vocabSize, 256 + 13 + 600),
        maxTokenLength: { value: cap, unit: "chars" },
      });
      assert.ok(
        byChars.tokens.slice(byChars.firstMergeId).some((b) => b.length > cap && charCount(b) <= cap),
      );
    }
  });

  test("domain tokenizers reserve their whole tokens at fixed ids; uncased lowercases the list", () => {
    const t = trainBpe(counts, kl3mDomainOptions(256 + 13 + kl3mReservedTokens().length + 50));
    const dec = new TextDecoder();
    const reserved = t.reservedIds.map((id) => dec.decode(t.tokens[id]));
    assert.deepEqual(reserved, kl3mReservedTokens());
    assert.ok(
      reserved.includes("U.S.C.") &&
        reserved.includes("    ") &&
        reserved.includes("1999") &&
        reserved.includes("</div>"),
    );
    const uncased = kl3mReservedTokens(false);
    assert.ok(uncased.includes("u.s.c.") && !uncased.includes("U.S.C."));
    assert.equal(new Set(uncased).size, uncased.length);
  });
});
