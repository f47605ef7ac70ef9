import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { encodingForModel, getEncoding, listEncodings } from "../../src/encodings/index.js";
import { readReference } from "../support/tiktoken-data.js";

const require = createRequire(import.meta.url);
// tiktoken (the Rust core compiled to WASM) is the reference for every built-in encoding.
const tiktoken = require("tiktoken") as typeof import("tiktoken");

interface ReferenceEncoder {
  encode(text: string, allowed: "all", disallowed: never[]): Uint32Array;
  free(): void;
}

/** tiktoken's encoder for `name`; o200k_harmony is o200k_base's data plus the harmony specials. */
function referenceEncoder(name: string, harmonySpecials: Record<string, number>): ReferenceEncoder {
  if (name !== "o200k_harmony") return tiktoken.get_encoding(name as import("tiktoken").TiktokenEncoding);
  const base = readReference("o200k_base");
  return new tiktoken.Tiktoken(base.bpe_ranks, harmonySpecials, base.pat_str);
}

const SAMPLES = [
  "hello world",
  "",
  "Hello, World! It's 2024-05-13; we've got 1234567 tokens.\n\n  indented\tline\r\n",
  "naïve café — Straße, 東京タワー, 안녕하세요, Привет мир, مرحبا 👋🏽 family: 👨‍👩‍👧",
  "def f(x):\n    return x ** 2  # comment\n\n\n",
  "   leading and trailing spaces   ",
  "I'M SHOUTING AND I'LL KEEP DOING IT'S FINE",
  "<|endoftext|> between <|fim_prefix|>x<|fim_suffix|> specials <|endofprompt|>",
  "<|start|>user<|message|>What is 2+2?<|end|><|start|>assistant<|channel|>final<|message|>4<|return|>",
  "https://example.com/path/to/page?query=1&b=two#frag",
];

describe("built-in encodings encode like tiktoken", () => {
  for (const name of listEncodings()) {
    it(name, async () => {
      const enc = await getEncoding(name);
      assert.equal(enc.name, name);
      const ref = referenceEncoder(name, { ...enc.specialTokens });
      try {
        for (const text of SAMPLES) {
          const expected = Array.from(ref.encode(text, "all", []));
          const actual = enc.encode(text, { allowedSpecial: "all" });
          assert.deepEqual(actual, expected, `${name}: ${JSON.stringify(text)}`);
          assert.equal(enc.decode(actual), text);
        }
      } finally {
        ref.free();
      }
    });
  }
});

describe("getEncoding / encodingForModel", () => {
  it("returns the cached Encoding for every name, every time", async () => {
    const first = await Promise.all(listEncodings().map((name) => getEncoding(name)));
    const second = await Promise.all(listEncodings().map((name) => getEncoding(name)));
    assert.deepEqual(
      second.map((enc, i) => enc === first[i]),
      first.map(() => true),
    );
    assert.equal(new Set(first).size, first.length);
  });

  it("resolves models to the shared encodings", async () => {
    assert.equal(await encodingForModel("gpt-4o-mini"), await getEncoding("o200k_base"));
    assert.equal(await encodingForModel("gpt-oss-120b"), await getEncoding("o200k_harmony"));
    assert.equal(await encodingForModel("gpt-4"), await getEncoding("cl100k_base"));
  });

  it("rejects unknown encodings and models", async () => {
    await assert.rejects(getEncoding("cl100k"), /Unknown encoding "cl100k"\. Available encodings: gpt2, /);
    await assert.rejects(encodingForModel("llama-3"), /Cannot map model "llama-3"/);
  });
});
