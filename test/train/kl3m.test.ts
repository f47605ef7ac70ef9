import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { trainBpe } from "../../src/train/bpe-trainer.js";
import {
  KL3M_SPECIAL_TOKENS,
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

  test("character tokenizers: exact vocab size, control tokens first, no token over the cap", () => {
    for (const size of ["4k", "16k"] as const) {
      const o = kl3mCharOptions(size);
      const t = trainBpe(counts, { ...o, vocabSize: Math.min(o.vocabSize, 256 + 13 + 600) });
      const cap = o.maxTokenLength!.value;
      assert.deepEqual(t.specialIds, [...KL3M_SPECIAL_TOKENS.keys()]);
      const longest = Math.max(...t.tokens.slice(t.firstMergeId).map(charCount));
      assert.ok(longest <= cap && longest >= 2, `longest ${longest}, cap ${cap}`);
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
