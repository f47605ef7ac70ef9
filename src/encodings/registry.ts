import { CL100K_PATTERN, GPT2_PATTERN, O200K_PATTERN } from "../core/pretokenize/index.js";
import type { ChatFormat } from "../core/tokenizer.js";
import type { RankTable } from "../core/types.js";
import { harmonySpecialTokens } from "./harmony.js";
import { decodeRankChunks } from "./rankData.js";

/**
 * The built-in encodings: everything except the rank tables is static metadata here; the ranks
 * are behind dynamic `import()`s so that a bundle (or a Node process) only pays for the data it
 * uses. Encodings with the same ranks share one loader, hence one `RankTable` in memory.
 *
 * Values are tiktoken's (`tiktoken_ext/openai_public.py`); `scripts/gen-encodings.ts` and
 * test/encodings check them against the tiktoken npm package.
 */
export interface BuiltinEncodingInfo {
  readonly name: string;
  readonly pattern: string;
  readonly specialTokens: Readonly<Record<string, number>>;
  readonly explicitNVocab?: number;
  /** How the models of this encoding lay out conversations (default: the OpenAI Cookbook's). */
  readonly chat?: ChatFormat;
  /** Loads (once) the mergeable ranks. */
  readonly loadRanks: () => Promise<RankTable>;
}

/** Memoizes an async loader; a failed load is forgotten so that it can be retried. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

// gpt2 and r50k_base have identical ranks; p50k_base is r50k_base plus 24 whitespace-run tokens
// (ranks 50257..50280, with no token at 50256 where <|endoftext|> sits), so its data module
// stores only that tail. p50k_edit and o200k_harmony reuse p50k_base's and o200k_base's ranks.
const r50kRanks = once(async () => decodeRankChunks([await import("./data/r50k_base.js")]));
const p50kRanks = once(async () => {
  const [head, tail] = await Promise.all([import("./data/r50k_base.js"), import("./data/p50k_tail.js")]);
  return decodeRankChunks([head, tail]);
});
const cl100kRanks = once(async () => decodeRankChunks([await import("./data/cl100k_base.js")]));
const o200kRanks = once(async () => decodeRankChunks([await import("./data/o200k_base.js")]));

const ENDOFTEXT = "<|endoftext|>";
const FIM_PREFIX = "<|fim_prefix|>";
const FIM_MIDDLE = "<|fim_middle|>";
const FIM_SUFFIX = "<|fim_suffix|>";
const ENDOFPROMPT = "<|endofprompt|>";

function info(entry: BuiltinEncodingInfo): BuiltinEncodingInfo {
  Object.freeze(entry.specialTokens);
  return Object.freeze(entry);
}

/** Built-in encodings by name, in the order {@link listEncodings} reports them. */
export const BUILTIN_ENCODINGS: ReadonlyMap<string, BuiltinEncodingInfo> = new Map(
  [
    info({
      name: "gpt2",
      pattern: GPT2_PATTERN,
      specialTokens: { [ENDOFTEXT]: 50256 },
      explicitNVocab: 50257,
      loadRanks: r50kRanks,
    }),
    info({
      name: "r50k_base",
      pattern: GPT2_PATTERN,
      specialTokens: { [ENDOFTEXT]: 50256 },
      explicitNVocab: 50257,
      loadRanks: r50kRanks,
    }),
    info({
      name: "p50k_base",
      pattern: GPT2_PATTERN,
      specialTokens: { [ENDOFTEXT]: 50256 },
      explicitNVocab: 50281,
      loadRanks: p50kRanks,
    }),
    info({
      name: "p50k_edit",
      pattern: GPT2_PATTERN,
      specialTokens: { [ENDOFTEXT]: 50256, [FIM_PREFIX]: 50281, [FIM_MIDDLE]: 50282, [FIM_SUFFIX]: 50283 },
      loadRanks: p50kRanks,
    }),
    info({
      name: "cl100k_base",
      pattern: CL100K_PATTERN,
      specialTokens: {
        [ENDOFTEXT]: 100257,
        [FIM_PREFIX]: 100258,
        [FIM_MIDDLE]: 100259,
        [FIM_SUFFIX]: 100260,
        [ENDOFPROMPT]: 100276,
      },
      loadRanks: cl100kRanks,
    }),
    info({
      name: "o200k_base",
      pattern: O200K_PATTERN,
      specialTokens: { [ENDOFTEXT]: 199999, [ENDOFPROMPT]: 200018 },
      loadRanks: o200kRanks,
    }),
    info({
      name: "o200k_harmony",
      pattern: O200K_PATTERN,
      specialTokens: harmonySpecialTokens(),
      chat: { kind: "harmony" },
      loadRanks: o200kRanks,
    }),
  ].map((entry) => [entry.name, entry]),
);
