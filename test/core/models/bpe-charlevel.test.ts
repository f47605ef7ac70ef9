/**
 * Char-level BPE against the binding: (b) SentencePiece-style vocabularies with `▁`, byte
 * fallback `<0x00>`..`<0xFF>` and an unknown token, `fuse_unk` on and off; (c) the
 * continuing-subword prefix `##` and end-of-word suffix `</w>`; (d) `ignore_merges`; (e) merge
 * ranks shuffled against ids, duplicated merges, several merges making one token. Seeded random
 * words mix ASCII, accents, CJK, emoji, unknown characters and lone surrogates.
 */
import { describe, test } from "node:test";
import { bpeFromJson } from "../../../src/formats/hf/bpe.js";
import {
  assertSame,
  type BpeData,
  bpeModel,
  charVocab,
  hfTokenizer,
  seededRandom,
} from "../../support/hf/bpe.js";
import { CHAR_POOLS, randomWord, WORDS } from "../../support/hf/models.js";

/** SentencePiece spells a word with a leading `▁` (Metaspace); words here do too, sometimes. */
const SP_WORDS = WORDS.flatMap((w) => [w, `▁${w}`]);

function texts(seed: number, fragments: readonly string[], count: number): string[] {
  const rand = seededRandom(seed);
  const out = [...fragments, ...Object.values(CHAR_POOLS).flat(), "ab", "a", "▁", "xyz", "aaaaaaaaa"];
  for (let i = 0; i < count; i++) out.push(randomWord(rand, fragments, 6, 0.2));
  // Long words: SentencePiece-style models see a whole segment as one word.
  for (let i = 0; i < 5; i++) out.push(randomWord(rand, fragments, 400, 0.1));
  return out;
}

interface Case {
  readonly data: BpeData;
  readonly options: Record<string, unknown>;
  /** Offsets are compared unless HF's own offsets run past the word (prefix/suffix bytes). */
  readonly offsets?: boolean;
}

const allBytes = () => true;
const someBytes = (b: number) => b < 0x80 || (b >= 0xc3 && b <= 0xc5) || b === 0xa9 || b === 0xe4;

const sp = (seed: number, bytes?: (b: number) => boolean, unk: string | null = "<unk>") =>
  charVocab(SP_WORDS, { seed, bytes, unk, missing: 0.15 });

const CASES: Record<string, Case> = {
  "(b) byte fallback, all bytes, unk, fuse_unk": {
    data: sp(1, allBytes),
    options: { unk_token: "<unk>", byte_fallback: true, fuse_unk: true },
  },
  "(b) byte fallback, some bytes, unk, fuse_unk": {
    data: sp(2, someBytes),
    options: { unk_token: "<unk>", byte_fallback: true, fuse_unk: true },
  },
  "(b) byte fallback, some bytes, unk, no fuse_unk": {
    data: sp(3, someBytes),
    options: { unk_token: "<unk>", byte_fallback: true, fuse_unk: false },
  },
  "(b) unk, fuse_unk, no byte fallback": { data: sp(4), options: { unk_token: "<unk>", fuse_unk: true } },
  "(b) unk, no fuse_unk": { data: sp(5), options: { unk_token: "<unk>" } },
  "(b) no unk token: unknown characters dropped": { data: sp(6, undefined, null), options: {} },
  "(b) unk token missing from the vocabulary: an error when needed": {
    data: sp(7, undefined, null),
    options: { unk_token: "<unk>" },
  },
  "(b) byte fallback without the bytes, no unk": {
    data: sp(8, undefined, null),
    options: { byte_fallback: true },
  },
  "(c) prefix ##": {
    data: charVocab(WORDS, { seed: 9, prefix: "##" }),
    options: { unk_token: "<unk>", continuing_subword_prefix: "##" },
  },
  "(c) suffix </w>": {
    data: charVocab(WORDS, { seed: 10, suffix: "</w>" }),
    options: { unk_token: "<unk>", end_of_word_suffix: "</w>", fuse_unk: true },
  },
  "(c) prefix ## and suffix </w>": {
    data: charVocab(WORDS, { seed: 11, prefix: "##", suffix: "</w>" }),
    options: { unk_token: "<unk>", continuing_subword_prefix: "##", end_of_word_suffix: "</w>" },
  },
  "(c) prefix and suffix with byte fallback (HF spells the affixes in bytes)": {
    data: charVocab(WORDS, { seed: 12, prefix: "##", suffix: "</w>", bytes: someBytes }),
    options: {
      unk_token: "<unk>",
      continuing_subword_prefix: "##",
      end_of_word_suffix: "</w>",
      byte_fallback: true,
    },
    offsets: false,
  },
  "(d) ignore_merges": {
    data: sp(13, allBytes),
    options: { unk_token: "<unk>", byte_fallback: true, ignore_merges: true },
  },
  "(d) ignore_merges with prefix (the whole word is looked up bare)": {
    data: charVocab(WORDS, { seed: 14, prefix: "##" }),
    options: { unk_token: "<unk>", continuing_subword_prefix: "##", ignore_merges: true },
  },
  "(e) long tokens, shuffled ranks": {
    data: charVocab(SP_WORDS, { seed: 15, maxLen: 9, missing: 0 }),
    options: { unk_token: "<unk>" },
  },
};

describe("char-level BPE matches the binding", () => {
  for (const [name, { data, options, offsets = true }] of Object.entries(CASES)) {
    test(name, async () => {
      const model = bpeModel(data, options);
      const ours = bpeFromJson(model);
      const hf = hfTokenizer(model);
      const fragments = name.includes("(c)") ? WORDS : SP_WORDS;
      for (const text of texts(name.length, fragments, 250)) await assertSame(ours, hf, text, offsets);
    });
  }
});
