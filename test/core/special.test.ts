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

/** The definition, by brute force: at each position from the left, the longest allowed token. */
function naiveMatches(
  tokens: string[],
  text: string,
  from: number,
  end: number,
  allowed?: Uint8Array,
): number[][] {
  const out: number[][] = [];
  for (let p = from; p < end; ) {
    let best = -1;
    tokens.forEach((t, i) => {
      if (allowed !== undefined && allowed[i] !== 1) return;
      if (p + t.length <= end && text.startsWith(t, p) && (best < 0 || t.length > tokens[best].length))
        best = i;
    });
    if (best < 0) p++;
    else {
      out.push([best, p, p + tokens[best].length]);
      p += tokens[best].length;
    }
  }
  return out;
}

describe("SpecialTokenMatcher is the leftmost-longest definition, read once", () => {
  test("random tokens (prefixes and suffixes of each other) on random text, with flags and ranges", () => {
    const rnd = seededRandom(1234);
    const pick = (alphabet: string, n: number) =>
      Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join("");
    for (let round = 0; round < 400; round++) {
      const alphabet = round % 2 === 0 ? "ab" : "abc<|>";
      const tokens = [
        ...new Set(
          Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => pick(alphabet, 1 + Math.floor(rnd() * 5))),
        ),
      ];
      const m = new SpecialTokenMatcher(tokens);
      for (let k = 0; k < 10; k++) {
        const text = pick(alphabet, Math.floor(rnd() * 40));
        const from = Math.floor(rnd() * (text.length + 1));
        const end = from + Math.floor(rnd() * (text.length - from + 1));
        const allowed = rnd() < 0.3 ? Uint8Array.from(tokens, () => (rnd() < 0.5 ? 1 : 0)) : undefined;
        const got: number[][] = [];
        m.forEachMatch(text, from, end, allowed, (i, s, e) => {
          got.push([i, s, e]);
          return true;
        });
        const where = JSON.stringify({ tokens, text, from, end, allowed: allowed && [...allowed] });
        assert.deepEqual(got, naiveMatches(tokens, text, from, end, allowed), where);
        const first = m.find(text, from, allowed, end);
        assert.equal(first, got.length > 0 ? got[0][1] : -1, where);
        if (got.length > 0) assert.deepEqual([m.matchIndex, m.matchEnd], [got[0][0], got[0][2]], where);
      }
    }
  });

  test("stopping early leaves the matcher ready for the next text", () => {
    const m = new SpecialTokenMatcher(["ab", "b", "abab"]);
    m.forEachMatch("ababab", 0, 6, undefined, () => false);
    const got: number[][] = [];
    m.forEachMatch("xbab", 0, 4, undefined, (i, s, e) => {
      got.push([i, s, e]);
      return true;
    });
    assert.deepEqual(got, naiveMatches(["ab", "b", "abab"], "xbab", 0, 4));
  });

  test("a 20,000-character token that almost matches everywhere costs linear time", () => {
    // The token's 19,999-character prefix matches at every position of the text; a trie walked
    // from each position reads 20,000 characters there, the automaton one.
    const long = `${"a".repeat(19_999)}b`;
    const m = new SpecialTokenMatcher([long, "a"]);
    const time = (n: number) => {
      const text = "a".repeat(n);
      const t0 = performance.now();
      let count = 0;
      m.forEachMatch(text, 0, n, undefined, () => {
        count++;
        return true;
      });
      assert.equal(count, n);
      return performance.now() - t0;
    };
    time(100_000);
    const small = Math.min(time(100_000), time(100_000), time(100_000));
    const large = Math.min(time(800_000), time(800_000), time(800_000));
    // Linear: about 8×; the trie walk was quadratic (64×).
    assert.ok(large < 24 * Math.max(small, 1), `8× the text took ${(large / small).toFixed(1)}× the time`);
  });
});
