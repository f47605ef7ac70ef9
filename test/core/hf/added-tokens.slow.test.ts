/**
 * Random added-token sets (overlapping contents, every flag combination, normalized and not)
 * on texts built from their contents, whitespace and word characters: the split around added
 * tokens must match the binding token for token. (No two contents share a normalized form:
 * HF picks between such duplicates in hash-map order, differently from run to run.)
 */
import { test } from "node:test";
import { seededRandom } from "../../../src/core/random.js";
import { added, assertSameEncoding, pair } from "../../support/hf/pipeline.js";
import { wordLevelJson } from "../../support/hf/tokenizer-jsons.js";

const CONTENTS = ["<s>", "<s>x", "[A]", "ab", "abc", "bc", "▁<t>", "é", "日本", " x", "😀<", "__"];
const FILL = [" ", "  ", "\t", "\n", "a", "b", "c", "x", "_", "é", "日", "1", ".", "\u00a0", "😀"];

test("random added-token sets split as in the binding", async () => {
  const rand = seededRandom(2024);
  for (let round = 0; round < 80; round++) {
    const tokens = CONTENTS.filter(() => rand() < 0.6).map((content, i) =>
      added(100 + i, content, {
        single_word: rand() < 0.3,
        lstrip: rand() < 0.3,
        rstrip: rand() < 0.3,
        normalized: rand() < 0.4,
        special: rand() < 0.5,
      }),
    );
    const normalizer = round % 3 === 0 ? { type: "Lowercase" } : round % 3 === 1 ? { type: "NFKC" } : null;
    const { ours, theirs } = pair({
      ...wordLevelJson(),
      normalizer,
      pre_tokenizer: { type: "WhitespaceSplit" },
      added_tokens: tokens,
    });
    for (let k = 0; k < 40; k++) {
      let text = "";
      const parts = 1 + Math.floor(rand() * 10);
      for (let p = 0; p < parts; p++) {
        text +=
          rand() < 0.45
            ? CONTENTS[Math.floor(rand() * CONTENTS.length)]
            : FILL[Math.floor(rand() * FILL.length)];
      }
      await assertSameEncoding(ours, theirs, text, null, false);
    }
  }
});
