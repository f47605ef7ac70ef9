/**
 * A tokenized language model as a model over bytes (Phan et al. 2024): exact probabilities of
 * any byte prefix, next-byte distributions and byte-by-byte sampling, with no tokenization bias
 * (a prompt that ends inside a token is not forced onto the token boundary).
 */
import type { Tokenizer } from "../core/tokenizer.js";
import { CoverState, type CoverStats } from "./covers.js";
import { logSumExp } from "./logmath.js";
import { type CallStats, ModelCalls } from "./model-calls.js";
import { type ExactDraw, sampleBytes } from "./sample.js";
import { TokenStream } from "./stream.js";
import { TokenIndex } from "./token-index.js";
import type { ByteLM, SampleOptions, TokenLM } from "./types.js";
import { LmError } from "./types.js";
import { firstInvalidByte } from "./utf8.js";

/** Options of {@link createByteLevelLM}. */
export interface ByteLevelOptions {
  /** Ids every context starts with, e.g. `[bos]` (default none). */
  readonly prefixIds?: readonly number[];
  /**
   * Characters that must follow a pretokenizer piece start before the covers stop looking behind
   * it (default 8; see docs/decisions/0033-byte-level-lm.md). Larger is safer and slower.
   */
  readonly boundaryMargin?: number;
  /**
   * Re-encode each cover with its last token too (default true). `false` checks only the tokens
   * before the last, which skips one encode per (context, token) the model gives a probability:
   * the same result for a model that gives non-canonical sequences no probability, faster for
   * one that does (an n-gram model), at the price of counting that model's non-canonical mass.
   */
  readonly checkLastToken?: boolean;
  /** Next-token distributions kept in memory (default: as many as fit in ~64 MB, at least 8). */
  readonly cacheSize?: number;
}

/** What a byte-level model did so far. */
export interface ByteLevelStats extends CallStats, CoverStats {}

/** The byte-level view of a tokenizer and a token model. */
export interface ByteLevelLM extends ByteLM, ExactDraw {
  readonly tokenizer: Tokenizer;
  readonly model: TokenLM;
  /** Model calls, cache hits, canonical checks and covers summed since creation. */
  stats(): ByteLevelStats;
}

/**
 * The byte-level model of `lm`, a model over `tokenizer`'s ids. Throws an {@link LmError} when
 * the vocabulary sizes differ or the tokenizer does not spell text as its tokens' bytes.
 *
 * Queries reuse the work of the previous one when the bytes extend it (sampling, or a prompt
 * followed by its continuations), so ask in order where you can.
 *
 * @example
 * ```ts
 * import { createByteLevelLM, trainNgramLM } from "toklab/lm";
 * import { loadTokenizer } from "toklab/node";
 * const tok = await loadTokenizer("o200k_base");
 * const lm = trainNgramLM(tok, ["the cat sat on the mat", "the dog sat on the log"], { order: 3 });
 * const bl = createByteLevelLM(tok, lm);
 * const utf8 = new TextEncoder();
 * await bl.prefixLogProb(utf8.encode("the ca"));   // log P(text starts with "the ca")
 * const next = await bl.nextByteLogProbs(utf8.encode("the ca")); // next[0x74]: log P("t" | "the ca")
 * await bl.sample(utf8.encode("the "), { maxBytes: 12, seed: 1 });
 * ```
 */
export function createByteLevelLM(
  tokenizer: Tokenizer,
  lm: TokenLM,
  options: ByteLevelOptions = {},
): ByteLevelLM {
  if (lm.vocabSize !== tokenizer.vocabSize) {
    throw new LmError(
      `the model scores ${lm.vocabSize} ids but ${tokenizer.name} has a vocabulary of ${tokenizer.vocabSize}: they were not made for each other`,
    );
  }
  const prefixIds = [...(options.prefixIds ?? [])];
  for (const id of prefixIds) {
    if (!Number.isInteger(id) || id < 0 || id >= tokenizer.vocabSize) {
      throw new LmError(`prefix id ${id} is not an id of ${tokenizer.name}`);
    }
  }
  const margin = options.boundaryMargin ?? 8;
  if (!Number.isInteger(margin) || margin < 0) {
    throw new RangeError(`boundaryMargin must be a whole number >= 0, not ${margin}`);
  }
  const stream = TokenStream.of(tokenizer);
  const index = TokenIndex.of(tokenizer);
  const capacity = options.cacheSize ?? Math.max(8, Math.floor((64 << 20) / (8 * tokenizer.vocabSize)));
  const calls = new ModelCalls(lm, prefixIds, capacity);
  const covers = new CoverState(index, stream, calls, {
    margin,
    checkLastToken: options.checkLastToken ?? true,
  });

  // One query at a time: the cover state is shared.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const load = (bytes: Uint8Array): void => {
    const bad = firstInvalidByte(bytes);
    if (bad >= 0) {
      throw new LmError(
        `the prompt is not UTF-8: byte ${bad} (0x${bytes[bad].toString(16)}) cannot be there`,
      );
    }
    const s = new Uint8Array(stream.prefix.length + bytes.length);
    s.set(stream.prefix);
    s.set(bytes, stream.prefix.length);
    covers.set(s);
  };

  const self: ByteLevelLM = {
    tokenizer,
    model: lm,
    prefixLogProb: (bytes) =>
      serial(async () => {
        if (bytes.length === 0) return 0;
        load(bytes);
        const shared = await covers.sharedLogProb();
        return shared === Number.NEGATIVE_INFINITY ? shared : shared + (await covers.sum(false));
      }),
    nextByteLogProbs: (bytes) =>
      serial(async () => {
        load(bytes);
        const sums = await covers.sum(true);
        const total = logSumExp(sums);
        if (total === Number.NEGATIVE_INFINITY) {
          throw new LmError(
            `the model gives probability 0 to every continuation of this prompt (${bytes.length} bytes): no canonical cover of it has positive probability`,
          );
        }
        for (let i = 0; i < 256; i++) sums[i] -= total;
        return sums;
      }),
    sample: (bytes: Uint8Array, sampleOptions?: SampleOptions) => sampleBytes(self, bytes, sampleOptions),
    drawNextByte: (bytes, random) =>
      serial(async () => {
        load(bytes);
        return drawByRejection(covers, random);
      }),
    stats: () => ({ ...calls.stats, ...covers.stats }),
  };
  return self;
}

/**
 * A next byte drawn from the exact distribution without checking every token that could start
 * at the end of the stream: propose from the exact part plus an upper bound of the rest
 * (`CoverState.bounds`), check only the proposed byte's tokens, and accept with the ratio of its
 * exact weight to its proposed one (rejection sampling, so the draw is exact). A rejected byte's
 * bound becomes its exact value for the next proposal. The tokens checked for the drawn byte are
 * the ones the next position needs anyway.
 */
async function drawByRejection(covers: CoverState, random: () => number): Promise<number> {
  const { exact, bound, settle } = await covers.bounds();
  const settled = new Uint8Array(256);
  for (;;) {
    let total = 0;
    for (let b = 0; b < 256; b++) total += exact[b] + bound[b];
    if (!(total > 0)) {
      throw new LmError(
        "the model gives probability 0 to every continuation of this prompt: no canonical cover of it has positive probability",
      );
    }
    let r = random() * total;
    let b = 0;
    for (; b < 255; b++) {
      r -= exact[b] + bound[b];
      if (r < 0 && exact[b] + bound[b] > 0) break;
    }
    while (exact[b] + bound[b] === 0) b--;
    if (settled[b] === 1) return b;
    const proposed = exact[b] + bound[b];
    const value = settle(b);
    if (value === null) {
      // A check found another tiling: the bounds no longer hold, so draw from the whole sum.
      const sums = await covers.sum(true);
      return drawFrom(sums, random);
    }
    settled[b] = 1;
    bound[b] = value;
    if (random() * proposed < exact[b] + value) return b;
  }
}

function drawFrom(logWeights: Float64Array, random: () => number): number {
  const total = logSumExp(logWeights);
  if (total === Number.NEGATIVE_INFINITY) throw new LmError("no byte has positive probability");
  let r = random();
  for (let b = 0; b < 256; b++) {
    r -= Math.exp(logWeights[b] - total);
    if (r < 0) return b;
  }
  for (let b = 255; b >= 0; b--) if (logWeights[b] > Number.NEGATIVE_INFINITY) return b;
  return 0;
}
