import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CL100K_PATTERN, GPT2_PATTERN, O200K_PATTERN } from "../../src/core/pretokenize/index.js";
import {
  getEncodingSpec,
  isEncodingName,
  listEncodings,
  UnknownEncodingError,
} from "../../src/encodings/spec.js";
import { ROOT } from "../support/paths.js";
import { REFERENCE_FILE, readReference } from "../support/tiktoken-data.js";

describe("built-in encoding data", () => {
  it("lists the seven OpenAI encodings", () => {
    assert.deepEqual(listEncodings(), [
      "gpt2",
      "r50k_base",
      "p50k_base",
      "p50k_edit",
      "cl100k_base",
      "o200k_base",
      "o200k_harmony",
    ]);
    assert.equal(isEncodingName("o200k_base"), true);
    assert.equal(isEncodingName("o200k"), false);
  });

  for (const name of listEncodings()) {
    it(`${name}: every token's bytes and rank equal the tiktoken npm package's`, async () => {
      const spec = await getEncodingSpec(name);
      const ref = readReference(REFERENCE_FILE[name]);
      const { blob, offsets } = spec.ranks;
      let maxRank = -1;
      for (const rank of ref.ranks.keys()) maxRank = Math.max(maxRank, rank);
      assert.equal(offsets.length - 1, maxRank + 1, "size");
      assert.equal(offsets[0], 0);
      assert.equal(offsets[offsets.length - 1], blob.length);
      let tokens = 0;
      for (let rank = 0; rank < offsets.length - 1; rank++) {
        const bytes = Buffer.from(blob.subarray(offsets[rank], offsets[rank + 1]));
        const expected = ref.ranks.get(rank);
        if (expected === undefined) assert.equal(bytes.length, 0, `rank ${rank} is a hole`);
        else if (!bytes.equals(expected))
          assert.fail(`rank ${rank}: ${bytes.toString("hex")} != ${expected.toString("hex")}`);
        if (bytes.length > 0) tokens++;
      }
      assert.equal(tokens, ref.ranks.size);
    });

    it(`${name}: pattern, special tokens and explicit_n_vocab match`, async () => {
      const spec = await getEncodingSpec(name);
      const ref = readReference(REFERENCE_FILE[name]);
      assert.equal(spec.name, name);
      assert.equal(spec.pattern, ref.pat_str);
      const constant = name.startsWith("o200k")
        ? O200K_PATTERN
        : name === "cl100k_base"
          ? CL100K_PATTERN
          : GPT2_PATTERN;
      assert.equal(spec.pattern, constant);
      assert.equal(spec.explicitNVocab, ref.explicit_n_vocab);
      if (name !== "o200k_harmony") assert.deepEqual({ ...spec.specialTokens }, ref.special_tokens);
    });
  }

  it("o200k_harmony's special tokens equal gpt-tokenizer's and tiktoken's definition", async () => {
    const spec = await getEncodingSpec("o200k_harmony");
    const { O200KHarmony } = await import(
      join(ROOT, "node_modules/gpt-tokenizer/esm/encodingParams/o200k_harmony.js")
    );
    const theirs = Object.fromEntries(O200KHarmony(null).specialTokensEncoder);
    assert.deepEqual({ ...spec.specialTokens }, theirs);
    // Spot checks against tiktoken_ext/openai_public.py o200k_harmony().
    const t = spec.specialTokens;
    assert.equal(t["<|startoftext|>"], 199998);
    assert.equal(t["<|endoftext|>"], 199999);
    assert.equal(t["<|return|>"], 200002);
    assert.equal(t["<|call|>"], 200012);
    assert.equal(t["<|endofprompt|>"], 200018);
    assert.equal(t["<|reserved_200018|>"], 200018);
    assert.equal(t["<|reserved_201087|>"], 201087);
    assert.equal(t["<|reserved_201088|>"], undefined);
    assert.equal(Object.keys(t).length, 1091);
  });

  it("rejects unknown names with the list of available encodings", async () => {
    await assert.rejects(getEncodingSpec("o200k"), (error: unknown) => {
      assert.ok(error instanceof UnknownEncodingError);
      assert.deepEqual(error.available, listEncodings());
      assert.match(error.message, /Unknown encoding "o200k".*cl100k_base.*o200k_harmony/);
      return true;
    });
  });

  it("caches specs and shares rank tables between encodings with the same ranks", async () => {
    const first = await Promise.all(listEncodings().map((name) => getEncodingSpec(name)));
    const second = await Promise.all(listEncodings().map((name) => getEncodingSpec(name)));
    assert.deepEqual(
      second.map((spec, i) => spec === first[i]),
      first.map(() => true),
    );
    const byName = new Map(first.map((spec) => [spec.name, spec]));
    assert.equal(byName.get("gpt2")!.ranks, byName.get("r50k_base")!.ranks);
    assert.equal(byName.get("p50k_edit")!.ranks, byName.get("p50k_base")!.ranks);
    assert.equal(byName.get("o200k_harmony")!.ranks, byName.get("o200k_base")!.ranks);
    assert.ok(Object.isFrozen(byName.get("cl100k_base")!.specialTokens));
  });
});
