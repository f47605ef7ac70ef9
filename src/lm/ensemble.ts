/**
 * Ensembles of byte-level models: once each tokenized model is a model over bytes, models with
 * different vocabularies can be combined byte by byte (Phan et al. 2024, "Exact Byte-Level
 * Probabilities ... for FIM-Tasks and Model Ensembles").
 *
 * - `mixture`: the text comes from model i with prior weight wᵢ: P(x) = Σ wᵢ Pᵢ(x), exactly, and
 *   the next byte is each model's, weighted by how well it explained the prompt (wᵢ Pᵢ(x) /
 *   P(x)). That weighting is exact when the models give the same chance that the text ends
 *   right here (none does before its end, as for the oracle); otherwise it leaves out each
 *   model's own chance of going on, which would cost 256 prefix queries per byte.
 * - `product`: each next byte ∝ Π Pᵢ(b | x)^wᵢ (a product of experts, renormalised per byte), so
 *   a byte any model rules out is ruled out; its prefix probability is the chain of those
 *   per-byte distributions.
 */
import { logSumExp } from "./logmath.js";
import { sampleBytes } from "./sample.js";
import type { ByteLM, SampleOptions } from "./types.js";
import { LmError } from "./types.js";

/** Options of {@link ensembleByteLM}. */
export interface EnsembleOptions {
  /** How the models are combined (default "mixture"). */
  readonly mode?: "mixture" | "product";
  /** One weight per model, > 0 (default equal). Mixture weights are normalised to sum to 1. */
  readonly weights?: readonly number[];
}

/**
 * One byte-level model from several (each from {@link createByteLevelLM}, over any vocabulary).
 *
 * @example
 * ```ts
 * const both = ensembleByteLM([createByteLevelLM(gpt2, lmA), createByteLevelLM(llama3, lmB)]);
 * await both.nextByteLogProbs(new TextEncoder().encode("the ca"));
 * ```
 */
export function ensembleByteLM(models: readonly ByteLM[], options: EnsembleOptions = {}): ByteLM {
  if (models.length === 0) throw new LmError("an ensemble needs at least one model");
  const mode = options.mode ?? "mixture";
  if (mode !== "mixture" && mode !== "product")
    throw new RangeError(`mode must be mixture or product, not ${mode}`);
  const weights = options.weights ?? models.map(() => 1);
  if (weights.length !== models.length || !weights.every((w) => w > 0 && Number.isFinite(w))) {
    throw new RangeError(`weights must be ${models.length} finite numbers > 0`);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const logPrior = weights.map((w) => Math.log(w / total));

  // Models are asked one after another: each keeps its cover state for the bytes it saw last.
  const mixtureNext = async (bytes: Uint8Array): Promise<Float64Array> => {
    const out = new Float64Array(256).fill(Number.NEGATIVE_INFINITY);
    const posterior: number[] = [];
    for (let i = 0; i < models.length; i++)
      posterior.push(logPrior[i] + (await models[i].prefixLogProb(bytes)));
    const norm = logSumExp(posterior);
    if (norm === Number.NEGATIVE_INFINITY) throw new LmError("every model gives the prompt probability 0");
    for (let i = 0; i < models.length; i++) {
      if (posterior[i] === Number.NEGATIVE_INFINITY) continue;
      const next = await models[i].nextByteLogProbs(bytes);
      for (let b = 0; b < 256; b++) {
        out[b] = logSumExp([out[b], posterior[i] - norm + next[b]]);
      }
    }
    return out;
  };

  const productNext = async (bytes: Uint8Array): Promise<Float64Array> => {
    const sum = new Float64Array(256);
    for (let i = 0; i < models.length; i++) {
      const next = await models[i].nextByteLogProbs(bytes);
      for (let b = 0; b < 256; b++) sum[b] += weights[i] * next[b];
    }
    // A byte some model rules out is -Infinity (never NaN: weights are > 0).
    const norm = logSumExp(sum);
    if (norm === Number.NEGATIVE_INFINITY) throw new LmError("the models agree on no next byte");
    for (let b = 0; b < 256; b++) sum[b] -= norm;
    return sum;
  };

  const self: ByteLM = {
    async prefixLogProb(bytes: Uint8Array): Promise<number> {
      if (mode === "mixture") {
        const parts: number[] = [];
        for (let i = 0; i < models.length; i++)
          parts.push(logPrior[i] + (await models[i].prefixLogProb(bytes)));
        return logSumExp(parts);
      }
      // The chain of per-byte products (the product's own distribution over continuing texts).
      let logp = 0;
      for (let n = 0; n < bytes.length && logp > Number.NEGATIVE_INFINITY; n++) {
        logp += (await productNext(bytes.subarray(0, n)))[bytes[n]];
      }
      return logp;
    },
    nextByteLogProbs: (bytes) => (mode === "mixture" ? mixtureNext(bytes) : productNext(bytes)),
    sample: (bytes: Uint8Array, sampleOptions?: SampleOptions) => sampleBytes(self, bytes, sampleOptions),
  };
  return self;
}
