import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byteToUnicode } from "./byte-level.js";
import { deriveMerges } from "./merges.js";
import { readTiktokenData, type TiktokenData } from "./tiktoken-ranks.js";

/**
 * Write (once) a Hugging Face tokenizer.json equivalent to a tiktoken encoding and return its
 * path. Hugging Face tokenizers ships no tiktoken encodings, so this is the only way to run it on
 * the same vocabulary. The pipeline: Split(pattern, Isolated) → ByteLevel(no regex) → BPE with
 * ignore_merges (a piece that is itself a token is emitted whole, as tiktoken does).
 *
 * Built in the parent before any timed child runs, so conversion time is never measured.
 */
export async function ensureHfTokenizerJson(encoding: string, tiktokenVersion: string): Promise<string> {
  const dir = join(tmpdir(), "toklab-bench");
  const path = join(dir, `hf-${encoding}-tiktoken-${tiktokenVersion}.json`);
  if (existsSync(path)) return path;
  const { data, vocab, merges } = await byteLevelBpe(encoding);
  const json = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: Object.entries(data.specialTokens).map(([content, id]) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: {
      type: "Sequence",
      pretokenizers: [
        { type: "Split", pattern: { Regex: data.pattern }, behavior: "Isolated", invert: false },
        { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: null,
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: true,
      vocab,
      merges,
    },
  };
  await mkdir(dir, { recursive: true });
  // Temp file + rename: a concurrent or interrupted run never sees half a file.
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(json));
  await rename(temp, path);
  return path;
}

/**
 * A tiktoken encoding as a Hugging Face byte-level BPE: the vocabulary spelled in GPT-2's
 * byte-to-unicode alphabet (ids = ranks) and the merges recovered in rank order, as
 * tokenizer.json's `model.vocab` and `model.merges`.
 */
export async function byteLevelBpe(
  encoding: string,
): Promise<{ data: TiktokenData; vocab: Record<string, number>; merges: string[] }> {
  const data = await readTiktokenData(encoding);
  const table = byteToUnicode();
  const show = (bytes: Uint8Array) => Array.from(bytes, (b) => table[b]).join("");
  const vocab: Record<string, number> = {};
  data.tokens.forEach((bytes, rank) => {
    if (bytes) vocab[show(bytes)] = rank;
  });
  // Byte-level strings never contain U+0020 (space maps to "Ġ"), so "left right" is unambiguous.
  const merges = deriveMerges(data.tokens).map(([a, b]) => `${show(a)} ${show(b)}`);
  return { data, vocab, merges };
}
