import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { byteLevelAlphabet } from "tokenizers";
import { decodeWith } from "../../../src/core/hf-decode/index.js";
import { seededRandom } from "../../../src/core/random.js";
import { decoderFromJson } from "../../../src/formats/hf/decoders.js";
import { BYTE_CHARS, toByteLevel } from "../../support/hf/byte-level.js";
import { HfDecoder, randomLists } from "../../support/hf/decode.js";

/** Runs `lists` through ours and the binding; a list on which ours throws is not sent to HF. */
async function assertSameDecoding(
  decoderJson: unknown,
  pool: readonly string[],
  lists: readonly (readonly string[])[],
): Promise<number> {
  const ours = decoderFromJson(decoderJson)!;
  const hf = new HfDecoder(pool, decoderJson);
  let thrown = 0;
  for (const list of lists) {
    let mine: string;
    try {
      mine = decodeWith(ours, list);
    } catch (e) {
      // Only Strip can fail, where HF panics (which aborts the Node process).
      assert.match((e as Error).message, /^Strip: /);
      thrown++;
      continue;
    }
    assert.equal(mine, await hf.decode(list), `${JSON.stringify(decoderJson)} on ${JSON.stringify(list)}`);
  }
  return thrown;
}

const ALPHABET = BYTE_CHARS;

/** Byte-level tokens: single bytes, real words, split UTF-8 characters, added-token-like strings. */
function byteLevelPool(): string[] {
  const words = ["Hello", " world", " é", "ö", "中文", " 😀", "👍🏽", "\n\n", " \t", "a\u0301", "\ufeff"];
  const pool = new Set<string>(ALPHABET);
  for (const w of words) {
    const bl = toByteLevel(w);
    pool.add(bl);
    // Every prefix and suffix of the spelling: partial UTF-8 sequences at both ends.
    for (let i = 1; i < bl.length; i++) {
      pool.add(bl.slice(0, i));
      pool.add(bl.slice(i));
    }
  }
  for (const t of ["<|endoftext|>", "€", "😀", "中", "Ġ€", "ĠĠ", "", "Ā", "Ń", "ń"]) pool.add(t);
  return [...pool];
}

function byteFallbackPool(): string[] {
  const pool: string[] = ["<unk>"];
  for (let b = 0; b < 256; b++) pool.push(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
  pool.push("<0xc3>", "<0xa9>", "<0x+F>", "<0x+f>", "<0x-1>", "<0xZZ>", "<0x1>", "<0x123>", "<0xé>");
  pool.push("<0x 1>", "<0X41>", "0x41>", "<0x41", "▁a", "b", "▁", "", "😀", "é");
  return pool;
}

const SP_POOL = [
  "<unk>",
  "▁",
  "▁▁",
  "▁the",
  "▁a",
  "a▁b",
  "b",
  "▁▁x▁",
  "x",
  "",
  " ",
  "  a",
  "é",
  "😀",
  "_",
  "__",
];

const WP_POOL = [
  "[UNK]",
  "un",
  "##able",
  "##",
  "#",
  "###x",
  "do",
  "not",
  "n't",
  "'m",
  "'s",
  "'ve",
  "'re",
  "'",
  ".",
  ",",
  "?",
  "!",
  "##.",
  "## n't",
  " .",
  "a ,b",
  " ' x",
  "do not",
  "x do not",
  " 's 're",
  "ok",
  "",
  "😀",
];

const CTC_POOL = [
  "<pad>",
  "|",
  "h",
  "i",
  "e",
  "l",
  "'",
  "s",
  ".",
  " .",
  "n't",
  " n't",
  "a<pad>b",
  "||",
  "<pad><pad>",
  "",
  " ",
  "x|y",
];

const BPE_POOL = ["<unk>", "hel", "lo</w>", "world</w>", "</w>", "a</w>b</w>", "x", "", "</w></w>", "w>"];

describe("decoders match the Hugging Face binding on generated token lists", () => {
  test("our byte alphabet is the binding's", () => {
    assert.deepEqual(new Set(ALPHABET), new Set(byteLevelAlphabet()));
  });

  test("ByteLevel: byte alphabets, split UTF-8 characters, non-alphabet tokens", async () => {
    const pool = byteLevelPool();
    const rand = seededRandom(1);
    const lists = randomLists(rand, pool, 1500, 10);
    lists.push([], [""], ["Ã"], ["Ã", "©"], [toByteLevel("😀").slice(0, 2), "x", toByteLevel("😀").slice(2)]);
    await assertSameDecoding(
      { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
      pool,
      lists,
    );
  });

  test("ByteFallback: <0x..> runs, valid and invalid UTF-8, malformed byte tokens", async () => {
    const pool = byteFallbackPool();
    const rand = seededRandom(2);
    // Runs of real UTF-8 bytes as byte tokens, mixed with random ones.
    const byteTokens = (s: string) =>
      Array.from(new TextEncoder().encode(s), (b) => `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
    const lists = randomLists(rand, pool, 800, 8);
    for (let i = 0; i < 400; i++) {
      const parts: string[] = [];
      for (const s of ["é", "中", "😀", "a", "▁a"]) {
        if (rand() < 0.5) parts.push(...byteTokens(s));
        if (rand() < 0.3) parts.push(pool[Math.floor(rand() * pool.length)]);
      }
      if (rand() < 0.3) parts.splice(Math.floor(rand() * parts.length), 1);
      lists.push(parts);
    }
    await assertSameDecoding({ type: "ByteFallback" }, pool, lists);
  });

  test("Metaspace: every prepend scheme, legacy add_prefix_space, other replacements", async () => {
    const rand = seededRandom(3);
    const lists = randomLists(rand, SP_POOL, 300, 8);
    for (const json of [
      { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true },
      { type: "Metaspace", replacement: "▁", prepend_scheme: "first", split: false },
      { type: "Metaspace", replacement: "▁", prepend_scheme: "never" },
      { type: "Metaspace", replacement: "▁", add_prefix_space: true },
      { type: "Metaspace", replacement: "▁", add_prefix_space: false, prepend_scheme: "never" },
      { type: "Metaspace", replacement: "_", str_rep: "_" },
      { type: "Metaspace", replacement: "😀" },
    ]) {
      await assertSameDecoding(json, SP_POOL, lists);
    }
  });

  test("WordPiece: prefixes and cleanup", async () => {
    const rand = seededRandom(4);
    const lists = randomLists(rand, WP_POOL, 400, 10);
    for (const json of [
      { type: "WordPiece", prefix: "##", cleanup: true },
      { type: "WordPiece", prefix: "##", cleanup: false },
      { type: "WordPiece", prefix: "#", cleanup: true },
      { type: "WordPiece", prefix: "", cleanup: true },
      { prefix: "##", cleanup: true },
    ]) {
      await assertSameDecoding(json, WP_POOL, lists);
    }
  });

  test("CTC: pads, duplicates, delimiters, cleanup", async () => {
    const rand = seededRandom(5);
    const lists = randomLists(rand, CTC_POOL, 400, 14);
    for (const json of [
      { type: "CTC", pad_token: "<pad>", word_delimiter_token: "|", cleanup: true },
      { type: "CTC", pad_token: "<pad>", word_delimiter_token: "|", cleanup: false },
      { type: "CTC", pad_token: "", word_delimiter_token: "", cleanup: true },
      { type: "CTC", pad_token: "h", word_delimiter_token: "<pad>", cleanup: true },
    ]) {
      await assertSameDecoding(json, CTC_POOL, lists);
    }
  });

  test("BPEDecoder: suffixes, last token, empty suffix", async () => {
    const rand = seededRandom(6);
    const lists = randomLists(rand, BPE_POOL, 300, 6);
    for (const suffix of ["</w>", "w>", ""]) {
      await assertSameDecoding({ type: "BPEDecoder", suffix }, BPE_POOL, lists);
    }
    await assertSameDecoding({ type: "NotADecoder", suffix: "</w>" }, BPE_POOL, lists);
  });

  test("Strip, Replace, Fuse and Sequences of them (Llama-2 style)", async () => {
    const rand = seededRandom(7);
    const pool = [...SP_POOL, "<0x41>", "<0xE2>", "<0x96>", "<0x81>", "<0xFF>", "  ", "a  "];
    const lists = randomLists(rand, pool, 300, 8);
    const llama2 = {
      type: "Sequence",
      decoders: [
        { type: "Replace", pattern: { String: "▁" }, content: " " },
        { type: "ByteFallback" },
        { type: "Fuse" },
        { type: "Strip", content: " ", start: 1, stop: 0 },
      ],
    };
    let thrown = 0;
    for (const json of [
      llama2,
      { type: "Strip", content: " ", start: 1, stop: 0 },
      { type: "Strip", content: "▁", start: 2, stop: 1 },
      { type: "Strip", content: "a", start: 0, stop: 2 },
      { type: "Replace", pattern: { String: "▁" }, content: " " },
      { type: "Replace", pattern: { String: "▁▁" }, content: "" },
      { type: "Replace", pattern: { String: "" }, content: "-" },
      { type: "Replace", pattern: { Regex: "▁+" }, content: " " },
      { type: "Replace", pattern: { Regex: "x*" }, content: "#" },
      { type: "Replace", pattern: { Regex: "^▁|a$" }, content: "" },
      { type: "Fuse" },
      { type: "Sequence", decoders: [] },
      { type: "Sequence", decoders: [{ type: "Fuse" }, { type: "Metaspace", replacement: "▁" }] },
      { type: "Sequence", decoders: [{ type: "ByteFallback" }, { type: "Metaspace", replacement: "▁" }] },
      {
        type: "Sequence",
        decoders: [
          { type: "Metaspace", replacement: "▁", prepend_scheme: "first" },
          { type: "ByteLevel", add_prefix_space: false, trim_offsets: false },
        ],
      },
      {
        type: "Sequence",
        decoders: [
          { type: "Fuse" },
          { type: "Strip", content: " ", start: 3, stop: 3 },
          { type: "WordPiece", prefix: "##", cleanup: true },
        ],
      },
    ]) {
      thrown += await assertSameDecoding(json, pool, lists);
    }
    assert.ok(thrown > 0, "some lists hit HF's Strip panic cases");
  });
});
