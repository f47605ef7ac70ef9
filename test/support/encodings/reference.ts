/**
 * Independent decode of the tiktoken npm package's reference data, for the tests: plain
 * `Buffer.from(base64)` per token, sharing no code with toklab's loaders.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The repository root. */
export const ROOT = join(import.meta.dirname, "../../..");

export interface ReferenceEncoding {
  readonly pat_str: string;
  readonly special_tokens: Record<string, number>;
  readonly explicit_n_vocab?: number;
  /** The raw `bpe_ranks` text (for tiktoken's `Tiktoken` constructor). */
  readonly bpe_ranks: string;
  /** rank → token bytes. */
  readonly ranks: Map<number, Buffer>;
}

const cache = new Map<string, ReferenceEncoding>();

/** Reads node_modules/tiktoken/encoders/NAME.json (`! <firstRank> <b64> <b64> ...` lines). */
export function readReference(name: string): ReferenceEncoding {
  let ref = cache.get(name);
  if (ref === undefined) {
    const json = JSON.parse(
      readFileSync(join(ROOT, "node_modules/tiktoken/encoders", `${name}.json`), "utf8"),
    );
    const ranks = new Map<number, Buffer>();
    for (const line of (json.bpe_ranks as string).split("\n")) {
      if (line === "") continue;
      const [bang, first, ...tokens] = line.split(" ");
      if (bang !== "!") throw new Error(`unexpected line in ${name}`);
      tokens.forEach((token, i) => {
        ranks.set(Number(first) + i, Buffer.from(token, "base64"));
      });
    }
    ref = { ...json, ranks };
    cache.set(name, ref!);
  }
  return ref!;
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
