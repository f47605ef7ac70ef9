/**
 * A trained BPE as a Hugging Face tokenizer.json, with the ids of the {@link TrainedBpe}.
 * Browser-safe.
 *
 * Byte-level base (what the Hugging Face binding's BpeTrainer makes with a ByteLevel
 * pre-tokenizer, plus the decoder and post-processor its ByteLevel recipes add):
 * model BPE over GPT-2's byte alphabet, decoder ByteLevel, post-processor ByteLevel with
 * `trim_offsets: false`, normalizer null.
 *
 * Character base: model BPE with `byte_fallback: true` (a character missing from the vocabulary
 * becomes its `<0xNN>` byte tokens), decoder `Sequence[ByteFallback, Fuse]`, no ByteLevel
 * anywhere, no post-processor.
 *
 * Special tokens are added tokens with `special: true`; reserved tokens are added tokens with
 * `special: false`. Both use `normalized: false` (matched in the raw input, so a normalizer added
 * later cannot stop them matching), except reserved tokens of an uncased tokenizer, which match
 * the lowercased text as in training; all sit in the model vocabulary under their text, which is
 * how Hugging Face gives an added token its id.
 */

import { type JsonLike, jsonText } from "./json-text.js";
import { type TrainedLayout, trainedLayout } from "./layout.js";
import { byteLevelSteps, checkPreTokenizerForBase, type PreTokenizerJson } from "./pre-tokenizer.js";
import type { TrainedBpe } from "./types.js";

/** Options of {@link trainedTokenizerJson}. */
export interface TrainedTokenizerJsonOptions {
  /**
   * The `pre_tokenizer` object, written as given: for a byte-level base the piece config's
   * (`hfPreTokenizerFor(trained.pieces)`), for a character base the same without ByteLevel
   * (`withoutByteLevel(...)`). `null` = none (a character base whose pieces are whole segments).
   */
  readonly preTokenizer: PreTokenizerJson | null;
}

/**
 * The model vocabulary: every id under its vocabulary string, in id order, each alias (see
 * `TrainedLayout.aliases`) right after its id's entry.
 */
export function modelVocab(layout: TrainedLayout): Map<string, number> {
  const vocab = new Map<string, number>();
  layout.strings.forEach((s, id) => {
    vocab.set(s, id);
    if (layout.kinds[id] === "reserved" && layout.mergeStrings[id] !== s)
      vocab.set(layout.mergeStrings[id], id);
  });
  return vocab;
}

/** The merges as `[left, right]` strings of the model's alphabet, in merge order. */
export function mergePairs(layout: TrainedLayout): [string, string][] {
  return layout.trained.merges.map(([l, r]) => [layout.mergeStrings[l], layout.mergeStrings[r]]);
}

function addedTokens(layout: TrainedLayout): JsonLike[] {
  const out: JsonLike[] = [];
  layout.kinds.forEach((kind, id) => {
    if (kind !== "special" && kind !== "reserved") return;
    // An uncased tokenizer cut its reserved tokens out of lowercased text in training, so they
    // must match after the Lowercase normalizer here too.
    const normalized = kind === "reserved" && layout.trained.pieces.lowercase === true;
    out.push(addedTokenJson(id, layout.strings[id], kind === "special", normalized));
  });
  return out;
}

/** The parts of a BPE tokenizer.json that differ between tokenizers built the way of this module. */
export interface BpeTokenizerJsonParts {
  /** Byte-level (GPT-2's alphabet, ByteLevel decoder and post-processor) or characters with byte fallback. */
  readonly base: "byte" | "char";
  readonly preTokenizer: PreTokenizerJson | null;
  /** A Lowercase normalizer (uncased training). */
  readonly lowercase: boolean;
  /** `added_tokens` entries, as {@link addedTokenJson} makes them. */
  readonly addedTokens: readonly JsonLike[];
  readonly vocab: Map<string, number>;
  /** `[left, right]` pairs, or merges.txt's `"left right"` lines (its `#version` header included). */
  readonly merges: readonly (readonly [string, string] | string)[];
}

/** One `added_tokens` entry (see the module comment for `normalized`). */
export function addedTokenJson(id: number, content: string, special: boolean, normalized: boolean): JsonLike {
  return new Map<string, JsonLike>([
    ["id", id],
    ["content", content],
    ["single_word", false],
    ["lstrip", false],
    ["rstrip", false],
    ["normalized", normalized],
    ["special", special],
  ]);
}

/**
 * tokenizer.json text from its parts: the one layout this module writes (see the module comment),
 * for a trained BPE and for a vocab.json + merges.txt pair alike. Throws a `TrainedBpeError`
 * when the pre-tokenizer does not suit the base.
 */
export function bpeTokenizerJson(parts: BpeTokenizerJsonParts): string {
  const pre = parts.preTokenizer;
  checkPreTokenizerForBase(pre, parts.base);
  const byte = parts.base === "byte";
  // The post-processor repeats the pre-tokenizer's prefix-space setting (it only matters when
  // trimming offsets, which is off as in Hugging Face's ByteLevel training recipes).
  const addPrefixSpace = byte && byteLevelSteps(pre)[0]?.add_prefix_space === true;
  const doc = new Map<string, JsonLike>([
    ["version", "1.0"],
    ["truncation", null],
    ["padding", null],
    ["added_tokens", [...parts.addedTokens]],
    // Uncased training lowercased the text first (src/train/pieces.ts); inference must too.
    ["normalizer", parts.lowercase ? new Map<string, JsonLike>([["type", "Lowercase"]]) : null],
    ["pre_tokenizer", pre as JsonLike],
    [
      "post_processor",
      byte
        ? { type: "ByteLevel", add_prefix_space: addPrefixSpace, trim_offsets: false, use_regex: true }
        : null,
    ],
    [
      "decoder",
      byte
        ? { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true }
        : { type: "Sequence", decoders: [{ type: "ByteFallback" }, { type: "Fuse" }] },
    ],
    [
      "model",
      new Map<string, JsonLike>([
        ["type", "BPE"],
        ["dropout", null],
        ["unk_token", null],
        ["continuing_subword_prefix", null],
        ["end_of_word_suffix", null],
        ["fuse_unk", false],
        ["byte_fallback", !byte],
        ["ignore_merges", false],
        ["vocab", parts.vocab],
        ["merges", parts.merges as JsonLike],
      ]),
    ],
  ]);
  return jsonText(doc);
}

/**
 * tokenizer.json text for `trained` (see the module comment for what goes in). Throws a
 * `TrainedBpeError` when `trained` is malformed (see `trainedLayout`) or the pre-tokenizer does
 * not suit the base.
 *
 * @example
 * ```ts
 * const text = trainedTokenizerJson(trained, { preTokenizer: hfPreTokenizerFor(trained.pieces) });
 * loadTokenizerJson(text).encode("Hello world").ids;
 * ```
 */
export function trainedTokenizerJson(trained: TrainedBpe, options: TrainedTokenizerJsonOptions): string {
  const layout = trainedLayout(trained);
  return bpeTokenizerJson({
    base: trained.base,
    preTokenizer: options.preTokenizer,
    lowercase: trained.pieces.lowercase === true,
    addedTokens: addedTokens(layout),
    vocab: modelVocab(layout),
    merges: mergePairs(layout),
  });
}
