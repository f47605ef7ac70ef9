/**
 * The data that ships in the `tiktoken` npm package, read two ways: as toklab encoding specs, so
 * that tests compare toklab against tiktoken on exactly the same vocabulary, and as an
 * independent reference (plain `Buffer.from(base64)` per token, sharing no code with toklab's
 * loaders) that toklab's own built-in data is checked against.
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

/** node_modules/tiktoken/encoders/NAME.json, parsed. */
function encoderJson(name: string): EncoderJson {
  return JSON.parse(readFileSync(require.resolve(`tiktoken/encoders/${name}.json`), "utf8")) as EncoderJson;
}

/** The toklab spec of a tiktoken encoding, read from the `tiktoken` package's data. */
export function tiktokenSpec(name: TiktokenEncodingName): EncodingSpec {
  const json = encoderJson(name);
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

export interface ReferenceEncoding {
  readonly pat_str: string;
  readonly special_tokens: Record<string, number>;
  readonly explicit_n_vocab?: number;
  /** The raw `bpe_ranks` text (for tiktoken's `Tiktoken` constructor). */
  readonly bpe_ranks: string;
  /** rank → token bytes. */
  readonly ranks: Map<number, Buffer>;
}

const references = new Map<string, ReferenceEncoding>();

/** Reads node_modules/tiktoken/encoders/NAME.json (`! <firstRank> <b64> <b64> ...` lines). */
export function readReference(name: string): ReferenceEncoding {
  let ref = references.get(name);
  if (ref === undefined) {
    const json = encoderJson(name);
    const ranks = new Map<number, Buffer>();
    for (const line of json.bpe_ranks.split("\n")) {
      if (line === "") continue;
      const [bang, first, ...tokens] = line.split(" ");
      if (bang !== "!") throw new Error(`unexpected line in ${name}`);
      tokens.forEach((token, i) => {
        ranks.set(Number(first) + i, Buffer.from(token, "base64"));
      });
    }
    ref = { ...json, ranks };
    references.set(name, ref);
  }
  return ref;
}

/** The reference data file behind each built-in encoding (o200k_harmony: o200k_base's ranks). */
export const REFERENCE_FILE: Record<string, string> = {
  gpt2: "gpt2",
  r50k_base: "r50k_base",
  p50k_base: "p50k_base",
  p50k_edit: "p50k_edit",
  cl100k_base: "cl100k_base",
  o200k_base: "o200k_base",
  o200k_harmony: "o200k_base",
};

/** The reference as `.tiktoken` text, as tiktoken's `dump_tiktoken_bpe` would write it. */
export function referenceTiktokenText(name: string): string {
  const { ranks } = readReference(name);
  const lines = [...ranks]
    .sort((a, b) => a[0] - b[0])
    .map(([rank, bytes]) => `${bytes.toString("base64")} ${rank}\n`);
  return lines.join("");
}
