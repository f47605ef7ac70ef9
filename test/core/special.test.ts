/** Special-token semantics (allowed / disallowed / "all" / errors) must match tiktoken's. */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { EncodeOptions } from "../../src/core/encoding.js";
import { SpecialTokenMatcher } from "../../src/core/special.js";
import { seededRandom } from "../support/adversarial.js";
import { TIKTOKEN_ENCODINGS, tiktokenReference, toklabEncoding } from "../support/tiktoken-data.js";

type Outcome = number[] | { error: string };

function outcome(f: () => ArrayLike<number>): Outcome {
  try {
    return Array.from(f());
  } catch (e) {
    return { error: String((e as Error).message) };
  }
}

for (const name of ["cl100k_base", "p50k_edit", "o200k_base", "r50k_base"] as const) {
  describe(`special tokens like tiktoken: ${name}`, () => {
    const enc = toklabEncoding(name);
    const ref = tiktokenReference(name);
    after(() => ref.free());
    const specials = Object.keys(enc.specialTokens);

    const texts = [
      "hello <|endoftext|> world",
      "<|endoftext|>",
      "<|endoftext|><|endoftext|>",
      "a<|endoftext|",
      "x<|endoftext|>y<|fim_prefix|>z<|endofprompt|>",
      "word<|endoftext|>word",
      "<|fim_middle|> <|fim_suffix|>\n<|fim_prefix|>",
      "<<|endoftext|>>",
      "<|endofprompt|><|endoftext|>",
      "no specials here",
      "  <|endoftext|>  \n",
      "<|endoftext|>\ud800",
    ];
    const optionSets: [EncodeOptions | undefined, ("all" | string[])?, ("all" | string[])?][] = [
      [undefined],
      [{ allowedSpecial: "all" }, "all"],
      [{ allowedSpecial: "all", disallowedSpecial: "all" }, "all", "all"],
      [{ allowedSpecial: ["<|endoftext|>"] }, ["<|endoftext|>"]],
      [{ allowedSpecial: ["<|endoftext|>"], disallowedSpecial: [] }, ["<|endoftext|>"], []],
      [{ disallowedSpecial: [] }, [], []],
      [{ allowedSpecial: ["hello"] }, ["hello"]],
      [{ allowedSpecial: [], disallowedSpecial: ["hello", "<|endoftext|>"] }, [], ["hello", "<|endoftext|>"]],
      [
        { allowedSpecial: ["<|endoftext|>"], disallowedSpecial: ["<|endoftext|>"] },
        ["<|endoftext|>"],
        ["<|endoftext|>"],
      ],
      [{ allowedSpecial: specials.slice(1), disallowedSpecial: "all" }, specials.slice(1), "all"],
      [{ allowedSpecial: specials.slice(1), disallowedSpecial: [] }, specials.slice(1), []],
    ];

    test("fixed texts × option sets", () => {
      for (const text of texts) {
        for (const [opts, allowed, disallowed] of optionSets) {
          const ours = outcome(() => enc.encode(text, opts));
          const theirs = outcome(() =>
            disallowed !== undefined
              ? ref.encode(text, allowed, disallowed)
              : allowed !== undefined
                ? ref.encode(text, allowed)
                : ref.encode(text),
          );
          assert.deepEqual(ours, theirs, `${JSON.stringify(text)} with ${JSON.stringify(opts)}`);
        }
      }
    });

    test("random mixtures of text and specials", () => {
      const rnd = seededRandom(99);
      const bits = ["a", " b", "<|", "|>", "endoftext", "\n", "中", ...specials];
      for (let k = 0; k < 300; k++) {
        let text = "";
        const n = Math.floor(rnd() * 12);
        for (let i = 0; i < n; i++) text += bits[Math.floor(rnd() * bits.length)];
        const subset = specials.filter(() => rnd() < 0.5);
        assert.deepEqual(
          outcome(() => enc.encode(text, { allowedSpecial: subset, disallowedSpecial: [] })),
          outcome(() => ref.encode(text, subset, [])),
          JSON.stringify(text),
        );
        assert.deepEqual(
          outcome(() => enc.encode(text, { allowedSpecial: subset })),
          outcome(() => ref.encode(text, subset)),
          JSON.stringify(text),
        );
      }
    });

    test("encodeOrdinary ignores specials", () => {
      const text = "a<|endoftext|>b";
      assert.deepEqual(enc.encodeOrdinary(text), Array.from(ref.encode_ordinary(text)));
      assert.deepEqual(enc.encodeOrdinary(text), enc.encode(text, { disallowedSpecial: [] }));
    });
  });
}

test("the error names the token", () => {
  const enc = toklabEncoding("cl100k_base");
  assert.throws(() => enc.encode("x <|fim_prefix|> <|endoftext|>"), {
    message: "The text contains a special token that is not allowed: <|fim_prefix|>",
  });
});

test("every encoding exposes its specials", () => {
  for (const name of TIKTOKEN_ENCODINGS) {
    const enc = toklabEncoding(name);
    assert.equal(enc.specialTokens["<|endoftext|>"] >= 0, true);
  }
});

describe("SpecialTokenMatcher", () => {
  test("leftmost, then longest, honouring the allowed flags", () => {
    const m = new SpecialTokenMatcher(["<a>", "<a>b", "[x]"]);
    assert.equal(m.find("zz<a>bc", 0), 2);
    assert.equal(m.matchEnd, 6);
    assert.equal(m.tokens[m.matchIndex], "<a>b");
    assert.equal(m.find("zz<a>bc", 0, Uint8Array.of(1, 0, 0)), 2);
    assert.equal(m.matchEnd, 5);
    assert.equal(m.find("[x]<a>", 0, Uint8Array.of(1, 1, 0)), 3);
    assert.equal(m.find("<a", 0), -1);
    assert.equal(m.find("<a>", 0, undefined, 2), -1);
  });
});
