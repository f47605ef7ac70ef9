/**
 * Calls of a token model, checked and cached by context. Covers of successive prompts share most
 * of their contexts (the tokens after the boundary change by a byte at a time), so each context
 * is asked once while it is in use.
 *
 * Contexts are keyed by the ids after the shared prefix (the tokens before the boundary), so a
 * key costs the length of that short tail, not of the prompt; when the boundary moves, the keys
 * are rewritten (`rebase`).
 */
import type { TokenLM } from "./types.js";
import { LmError } from "./types.js";

/** How far the probabilities of one call may sum from 1. */
export const NORMALIZATION_TOLERANCE = 1e-6;

interface Entry {
  readonly rel: readonly number[];
  readonly logProbs: Float64Array;
}

/** What {@link ModelCalls} did so far. */
export interface CallStats {
  /** Calls that reached the model. */
  calls: number;
  /** Requests answered from the cache. */
  hits: number;
}

export class ModelCalls {
  readonly stats: CallStats = { calls: 0, hits: 0 };
  private entries = new Map<string, Entry>();

  /**
   * @param lm the model.
   * @param prefix ids every context starts with (a BOS), then the shared ids, then the tail.
   * @param capacity how many distributions to keep.
   */
  constructor(
    private readonly lm: TokenLM,
    readonly prefix: readonly number[],
    private readonly capacity: number,
  ) {}

  /** The next-token log-probabilities after `prefix ++ shared ++ rel`. */
  async get(shared: readonly number[], rel: readonly number[]): Promise<Float64Array> {
    const key = rel.join(",");
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.stats.hits++;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.logProbs;
    }
    const logProbs = await this.call([...this.prefix, ...shared, ...rel]);
    this.entries.set(key, { rel: rel.slice(), logProbs });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return logProbs;
  }

  /** A call that is not cached (contexts met once: the shared prefix's own scoring). */
  async call(context: readonly number[]): Promise<Float64Array> {
    this.stats.calls++;
    const out = await this.lm.nextLogProbs(context);
    checkDistribution(out, this.lm.vocabSize, context.length);
    return out;
  }

  /** The shared prefix grew by `added`: keep the entries that extend it, under their new keys. */
  rebase(added: readonly number[]): void {
    const next = new Map<string, Entry>();
    for (const entry of this.entries.values()) {
      if (entry.rel.length < added.length) continue;
      let extends_ = true;
      for (let i = 0; i < added.length && extends_; i++) extends_ = entry.rel[i] === added[i];
      if (!extends_) continue;
      const rel = entry.rel.slice(added.length);
      next.set(rel.join(","), { rel, logProbs: entry.logProbs });
    }
    this.entries = next;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Throws an {@link LmError} unless `logProbs` is a distribution over `vocabSize` ids. */
export function checkDistribution(logProbs: unknown, vocabSize: number, contextLength: number): void {
  const where = `the model's next-token log-probabilities after ${contextLength} ids`;
  if (!(logProbs instanceof Float64Array)) throw new LmError(`${where} are not a Float64Array`);
  if (logProbs.length !== vocabSize) {
    throw new LmError(`${where} have ${logProbs.length} entries, not the vocabulary's ${vocabSize}`);
  }
  let sum = 0;
  for (let i = 0; i < logProbs.length; i++) {
    const v = logProbs[i];
    if (v === Number.NEGATIVE_INFINITY) continue;
    if (Number.isNaN(v) || v === Number.POSITIVE_INFINITY || v > 1e-9) {
      throw new LmError(`${where}: id ${i} has log-probability ${v}`);
    }
    sum += Math.exp(v);
  }
  if (!(Math.abs(sum - 1) <= NORMALIZATION_TOLERANCE)) {
    throw new LmError(`${where} sum to ${sum} in probability, not 1`);
  }
}
