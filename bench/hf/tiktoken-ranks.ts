import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

/** A tiktoken encoding as shipped in the tiktoken npm package's encoders/*.json. */
export interface TiktokenData {
  readonly pattern: string;
  readonly specialTokens: Readonly<Record<string, number>>;
  /** Token bytes by rank; undefined where the rank is a hole. */
  readonly tokens: ReadonlyArray<Uint8Array | undefined>;
}

/**
 * Parse `encoders/<name>.json`. Its `bpe_ranks` field is a compact text: lines of
 * `! <first rank> <base64 token> <base64 token> ...` with consecutive ranks on one line.
 */
export async function readTiktokenData(encoding: string): Promise<TiktokenData> {
  const require = createRequire(import.meta.url);
  const path = require.resolve(`tiktoken/encoders/${encoding}.json`);
  const json = JSON.parse(await readFile(path, "utf8")) as {
    pat_str: string;
    special_tokens: Record<string, number>;
    bpe_ranks: string;
  };
  const tokens: Array<Uint8Array | undefined> = [];
  for (const line of json.bpe_ranks.split("\n")) {
    if (line.length === 0) continue;
    const fields = line.split(" ");
    let rank = Number.parseInt(fields[1], 10);
    for (let i = 2; i < fields.length; i++) tokens[rank++] = Buffer.from(fields[i], "base64");
  }
  return { pattern: json.pat_str, specialTokens: json.special_tokens, tokens };
}
