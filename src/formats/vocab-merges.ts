/**
 * The GPT-2 / Hugging Face "files" pair as a tokenizer: `vocab.json` (token string → id) and
 * `merges.txt` (a `#version` header, then one `left right` line per merge). The pair holds only
 * the BPE model; the rest comes from one of two places:
 *
 * - a toklab manifest.json written beside the pair by `toklab train` (its pre-tokenizer, base,
 *   lowercasing, special and reserved tokens): the pair then encodes as the tokenizer.json of the
 *   same run;
 * - otherwise what transformers' GPT-2 tokenizer adds to the pair (`GPT2TokenizerFast`): a
 *   ByteLevel pre-tokenizer on GPT-2's pattern without a prefix space, the ByteLevel decoder and
 *   post-processor, and `<|endoftext|>` as a special token when the vocabulary has it.
 *
 * merges.txt is read as the Hugging Face binding's `BPE.fromFile` reads it: lines starting with
 * `#version` are skipped, every other line must be two strings separated by one space, and each
 * side and their concatenation must be in the vocabulary. Browser-safe.
 */

import type { Tokenizer } from "../core/tokenizer.js";
import { HfJsonError } from "./hf/errors.js";
import { checkEntryCount } from "./hf/json-fields.js";
import { loadTokenizerJson } from "./hf/tokenizer-json.js";
import type { JsonLike } from "./trained/json-text.js";
import { MANIFEST_FORMAT } from "./trained/manifest.js";
import type { PreTokenizerJson } from "./trained/pre-tokenizer.js";
import { addedTokenJson, bpeTokenizerJson } from "./trained/tokenizer-json.js";

/** GPT-2's pre-tokenizer as transformers builds it for a vocab.json + merges.txt pair. */
const GPT2_PRE_TOKENIZER: PreTokenizerJson = {
  type: "ByteLevel",
  add_prefix_space: false,
  trim_offsets: true,
  use_regex: true,
};

/** GPT-2's end-of-text token, special in every GPT-2-style tokenizer that has it. */
const GPT2_END_OF_TEXT = "<|endoftext|>";

/** Options of {@link parseVocabMerges}. */
export interface VocabMergesOptions {
  /** The tokenizer's name (default "vocab.json"). */
  readonly name?: string;
  /** manifest.json of the same `toklab train` run, parsed, or `null` for GPT-2's defaults. */
  readonly manifest?: Readonly<Record<string, unknown>> | null;
}

/**
 * The tokenizer of a vocab.json + merges.txt pair (see the module comment for what it adds).
 * Throws an `HfJsonError` naming the file and the place for a vocabulary that is not a map of
 * ids, a merges line that is not two tokens, or a merge whose tokens are not in the vocabulary.
 *
 * @example
 * ```ts
 * const vocab = '{"a": 0, "b": 1, "ab": 2}';
 * const tok = parseVocabMerges(vocab, "#version: 0.2\na b\n");
 * tok.encode("ab"); // [2]
 * ```
 */
export function parseVocabMerges(
  vocab: string | Uint8Array,
  merges: string | Uint8Array,
  options: VocabMergesOptions = {},
): Tokenizer {
  const json = vocabMergesTokenizerJson(vocab, merges, options.manifest ?? null);
  try {
    return loadTokenizerJson(json, { name: options.name ?? "vocab.json" });
  } catch (e) {
    // The tokenizer.json is ours; what can be wrong in it came from merges.txt.
    if (e instanceof HfJsonError && e.path.startsWith("model.merges"))
      throw new HfJsonError("merges.txt", e.detail);
    throw e;
  }
}

/**
 * tokenizer.json text for a vocab.json + merges.txt pair: what {@link parseVocabMerges} loads,
 * and what `toklab` writes when it converts the pair.
 */
export function vocabMergesTokenizerJson(
  vocab: string | Uint8Array,
  merges: string | Uint8Array,
  manifest: Readonly<Record<string, unknown>> | null,
): string {
  const ids = readVocab(text(vocab, "vocab.json"));
  const lines = mergesLines(text(merges, "merges.txt"));
  const trained = manifest !== null && manifest.format === MANIFEST_FORMAT;
  if (!trained) {
    const end = ids.get(GPT2_END_OF_TEXT);
    return bpeTokenizerJson({
      base: "byte",
      preTokenizer: GPT2_PRE_TOKENIZER,
      lowercase: false,
      addedTokens: end === undefined ? [] : [addedTokenJson(end, GPT2_END_OF_TEXT, true, false)],
      vocab: ids,
      merges: lines,
    });
  }
  const base = manifest.base === "char" ? "char" : "byte";
  const pieces = manifest.pieces as { lowercase?: unknown } | null | undefined;
  const lowercase = pieces?.lowercase === true;
  const added: JsonLike[] = [];
  // The same added tokens as the run's tokenizer.json: special ones as they are, reserved ones
  // matched after lowercasing when the run was uncased.
  for (const [field, special] of [
    ["specialTokens", true],
    ["reservedTokens", false],
  ] as const) {
    for (const [content, id] of Object.entries(tokenMap(manifest[field], `manifest.json ${field}`))) {
      added.push(addedTokenJson(id, content, special, !special && lowercase));
    }
  }
  added.sort(
    (a, b) => ((a as Map<string, number>).get("id") ?? 0) - ((b as Map<string, number>).get("id") ?? 0),
  );
  return bpeTokenizerJson({
    base,
    preTokenizer: (manifest.preTokenizer ?? null) as PreTokenizerJson | null,
    lowercase,
    addedTokens: added,
    vocab: ids,
    merges: lines,
  });
}

function text(data: string | Uint8Array, file: string): string {
  if (typeof data === "string") return data;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    throw new HfJsonError(file, "not UTF-8 text");
  }
}

/** vocab.json: one object of token → non-negative integer id, in file order. */
function readVocab(source: string): Map<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (e) {
    throw new HfJsonError("vocab.json", `not JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new HfJsonError("vocab.json", "expected an object of token → id");
  }
  const entries = Object.entries(parsed);
  checkEntryCount(entries.length, "vocab.json");
  const ids = new Map<string, number>();
  for (const [token, id] of entries) {
    if (typeof id !== "number" || !Number.isInteger(id) || id < 0) {
      // The token is named, not the file's other content (a JSON file that is not a vocabulary).
      throw new HfJsonError(
        `vocab.json[${JSON.stringify(token.slice(0, 40))}]`,
        "expected a non-negative integer id",
      );
    }
    ids.set(token, id);
  }
  return ids;
}

/** A manifest's token → id map (special or reserved tokens). */
function tokenMap(value: unknown, what: string): Record<string, number> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throw new HfJsonError(what, "expected an object of token → id");
  for (const id of Object.values(value)) {
    if (typeof id !== "number" || !Number.isInteger(id) || id < 0) {
      throw new HfJsonError(what, "expected non-negative integer ids");
    }
  }
  return value as Record<string, number>;
}

/**
 * merges.txt's lines as the binding reads them (`BufRead::lines`: `\n` or `\r\n` ends a line, a
 * last line needs no end), kept as they are, header included, so that a line's position in the
 * list is its line number minus one, as the model's merge errors count.
 */
function mergesLines(source: string): string[] {
  const lines = source.split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith("\r")) lines[i] = lines[i].slice(0, -1);
  checkEntryCount(lines.length, "merges.txt");
  return lines;
}
