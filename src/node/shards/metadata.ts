/**
 * The key/value metadata of a count shard (Parquet footer metadata). Two kinds of keys:
 *
 * - the **contract**: everything that decides which pieces a text is cut into and how they are
 *   counted (shard format, toklab version, preset, number policy, special tokens, case, JSONL
 *   field, character cap, longest whole piece). Shards are merged only when their contracts are
 *   identical, key for key;
 * - the **record** of what was counted (input files with their sizes and sha256, documents,
 *   bytes, piece occurrences): it differs from shard to shard and is summed or listed.
 */
import type { PieceConfig } from "../../train/types.js";

/** The shard format written by this toklab (bumped if the columns or the contract change). */
export const SHARD_FORMAT = "1";

/** Keys that must be identical in every shard merged together, in the order errors check them. */
export const CONTRACT_KEYS = [
  "toklab.shard",
  "toklab.version",
  "toklab.preset",
  "toklab.numbers",
  "toklab.special_tokens",
  "toklab.lowercase",
  "toklab.within",
  "toklab.field",
  "toklab.max_chars",
  "toklab.max_piece_length",
] as const;

/** One input file of a shard. */
export interface ShardInput {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** What a shard says about itself. */
export interface ShardMetadata {
  /** The contract keys' values (see {@link CONTRACT_KEYS}). */
  readonly contract: Readonly<Record<(typeof CONTRACT_KEYS)[number], string>>;
  readonly inputs: readonly ShardInput[];
  /** Documents counted. */
  readonly documents: number;
  /** UTF-8 bytes of the documents counted. */
  readonly bytes: number;
}

/** How a shard was counted: the parts of the count options that change the counts. */
export interface ShardCountSettings {
  readonly pieces: PieceConfig;
  readonly field: string;
  readonly maxChars: number | null;
  readonly maxPieceLength: number;
  readonly version: string;
}

/** The contract for some count settings. */
export function shardContract(s: ShardCountSettings): ShardMetadata["contract"] {
  return {
    "toklab.shard": SHARD_FORMAT,
    "toklab.version": s.version,
    "toklab.preset": s.pieces.preset,
    "toklab.numbers": s.pieces.numbers,
    "toklab.special_tokens": JSON.stringify(s.pieces.specialTokens),
    "toklab.lowercase": String(s.pieces.lowercase === true),
    "toklab.within": s.pieces.within ?? "",
    "toklab.field": s.field,
    "toklab.max_chars": s.maxChars === null ? "" : String(s.maxChars),
    "toklab.max_piece_length": String(s.maxPieceLength),
  };
}

/** The metadata as the string pairs written into the Parquet footer. */
export function metadataPairs(m: ShardMetadata): Array<[string, string]> {
  return [
    ...CONTRACT_KEYS.map((k) => [k, m.contract[k]] as [string, string]),
    ["toklab.inputs", JSON.stringify(m.inputs)],
    ["toklab.documents", String(m.documents)],
    ["toklab.bytes", String(m.bytes)],
  ];
}

/**
 * Reads a shard's metadata from its footer pairs; throws (naming the file) when a key is
 * missing or malformed, i.e. when the file is not a toklab count shard.
 */
export function parseMetadata(file: string, pairs: ReadonlyMap<string, string>): ShardMetadata {
  if (!pairs.has("toklab.shard")) {
    throw new Error(
      `${file}: not a toklab count shard (no toklab metadata; write shards with toklab count-pieces)`,
    );
  }
  const format = pairs.get("toklab.shard");
  if (format !== SHARD_FORMAT) {
    throw new Error(
      `${file}: count shard format ${JSON.stringify(format)}, this toklab reads format ${SHARD_FORMAT}`,
    );
  }
  const contract = {} as Record<(typeof CONTRACT_KEYS)[number], string>;
  for (const k of CONTRACT_KEYS) {
    const v = pairs.get(k);
    if (v === undefined) throw new Error(`${file}: count shard metadata lacks ${k}`);
    contract[k] = v;
  }
  const number = (k: string) => {
    const n = Number(pairs.get(k));
    if (!Number.isSafeInteger(n) || n < 0)
      throw new Error(`${file}: count shard metadata ${k} is not a count`);
    return n;
  };
  let inputs: ShardInput[];
  try {
    inputs = JSON.parse(pairs.get("toklab.inputs") ?? "");
    if (!Array.isArray(inputs)) throw new Error("not a list");
  } catch {
    throw new Error(`${file}: count shard metadata toklab.inputs is not a JSON list`);
  }
  return { contract, inputs, documents: number("toklab.documents"), bytes: number("toklab.bytes") };
}

/**
 * Throws when two shards' contracts differ, naming both shards and the first differing key.
 *
 * @example
 * ```ts
 * checkSameContract("a.parquet", a, "b.parquet", b);
 * // throws: count shards a.parquet and b.parquet were counted differently: toklab.numbers is "none" in a.parquet but "rtl3" in b.parquet
 * ```
 */
export function checkSameContract(fileA: string, a: ShardMetadata, fileB: string, b: ShardMetadata): void {
  for (const k of CONTRACT_KEYS) {
    if (a.contract[k] !== b.contract[k]) {
      throw new Error(
        `count shards ${fileA} and ${fileB} were counted differently: ${k} is ${JSON.stringify(a.contract[k])} ` +
          `in ${fileA} but ${JSON.stringify(b.contract[k])} in ${fileB}; count every shard with the same toklab and options`,
      );
    }
  }
}

/** The piece config a contract describes. */
export function contractPieces(c: ShardMetadata["contract"]): PieceConfig {
  return {
    preset: c["toklab.preset"] as PieceConfig["preset"],
    numbers: c["toklab.numbers"] as PieceConfig["numbers"],
    specialTokens: JSON.parse(c["toklab.special_tokens"]) as string[],
    lowercase: c["toklab.lowercase"] === "true",
    ...(c["toklab.within"] === "" ? {} : { within: c["toklab.within"] as PieceConfig["preset"] }),
  };
}
