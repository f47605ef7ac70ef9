/**
 * Builds toklab encoding specs from the data that ships in the `tiktoken` npm package, so that
 * tests compare toklab against tiktoken on exactly the same vocabulary.
 *
 * `node_modules/tiktoken/encoders/NAME.json` holds `pat_str`, `special_tokens`,
 * `explicit_n_vocab?` and `bpe_ranks`: space-separated fields where `! <rank>` starts a run of
 * base64 tokens with consecutive ranks from `<rank>` on. Ranks skipped between runs are holes.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Encoding } from "../../src/core/encoding.js";
import type { EncodingSpec, RankTable } from "../../src/core/types.js";

export const TIKTOKEN_ENCODINGS = [
  "r50k_base",
  "p50k_base",
  "p50k_edit",
  "cl100k_base",
  "o200k_base",
] as const;
export type TiktokenEncodingName = (typeof TIKTOKEN_ENCODINGS)[number];

const require = createRequire(import.meta.url);

interface EncoderJson {
  pat_str: string;
  special_tokens: Record<string, number>;
  explicit_n_vocab?: number;
  bpe_ranks: string;
}

/** Parses tiktoken's compressed `bpe_ranks` text into a {@link RankTable}. */
export function parseBpeRanks(text: string): RankTable {
  const fields = text.split(/\s+/).filter((f) => f.length > 0);
  const tokens: (Buffer | undefined)[] = [];
  let rank = -1;
  for (let i = 0; i < fields.length; i++) {
    if (fields[i] === "!") {
      rank = Number(fields[++i]);
      if (!Number.isInteger(rank) || rank < tokens.length) throw new Error(`bad run start ${fields[i]}`);
      continue;
    }
    if (rank < 0) throw new Error("bpe_ranks must start with '! <rank>'");
    tokens[rank++] = Buffer.from(fields[i], "base64");
  }
  let total = 0;
  for (const t of tokens) total += t?.length ?? 0;
  const blob = new Uint8Array(total);
  const offsets = new Uint32Array(tokens.length + 1);
  let n = 0;
  for (let r = 0; r < tokens.length; r++) {
    offsets[r] = n;
    const t = tokens[r];
    if (t !== undefined) {
      blob.set(t, n);
      n += t.length;
    }
  }
  offsets[tokens.length] = n;
  return { blob, offsets };
}

/** The toklab spec of a tiktoken encoding, read from the `tiktoken` package's data. */
export function tiktokenSpec(name: TiktokenEncodingName): EncodingSpec {
  const path = require.resolve(`tiktoken/encoders/${name}.json`);
  const json = JSON.parse(readFileSync(path, "utf8")) as EncoderJson;
  return {
    name,
    pattern: json.pat_str,
    ranks: parseBpeRanks(json.bpe_ranks),
    specialTokens: json.special_tokens,
    explicitNVocab: json.explicit_n_vocab,
  };
}

const cache = new Map<string, Encoding>();

/** A toklab {@link Encoding} of a tiktoken encoding, built once per process. */
export function toklabEncoding(name: TiktokenEncodingName): Encoding {
  let enc = cache.get(name);
  if (enc === undefined) {
    enc = new Encoding(tiktokenSpec(name));
    cache.set(name, enc);
  }
  return enc;
}

/** The subset of the `tiktoken` package's `Tiktoken` class the tests use. */
export interface TiktokenReference {
  encode(text: string, allowed?: "all" | string[], disallowed?: "all" | string[]): Uint32Array;
  encode_ordinary(text: string): Uint32Array;
  decode(tokens: Uint32Array): Uint8Array;
  free(): void;
}

/** A new `tiktoken` (wasm) encoder; call `free()` when done. */
export function tiktokenReference(name: TiktokenEncodingName): TiktokenReference {
  const { get_encoding } = require("tiktoken") as {
    get_encoding: (name: string) => TiktokenReference;
  };
  return get_encoding(name);
}
