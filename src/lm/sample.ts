/** Sampling bytes one at a time from any byte-level model (shared by single models and ensembles). */
import { seededRandom } from "../core/random.js";
import type { ByteLM, SampleOptions } from "./types.js";
import { LmError } from "./types.js";
import { completeLength } from "./utf8.js";

/** Draws a byte from 256 log-probabilities at a temperature (0: the likeliest, ties to the lowest). */
export function drawByte(logProbs: Float64Array, temperature: number, random: () => number): number {
  if (temperature === 0) {
    let best = 0;
    for (let i = 1; i < 256; i++) if (logProbs[i] > logProbs[best]) best = i;
    return best;
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < 256; i++) if (logProbs[i] > max) max = logProbs[i];
  const weights = new Float64Array(256);
  let total = 0;
  for (let i = 0; i < 256; i++) {
    weights[i] = Math.exp((logProbs[i] - max) / temperature);
    total += weights[i];
  }
  let r = random() * total;
  for (let i = 0; i < 256; i++) {
    if (weights[i] === 0) continue;
    r -= weights[i];
    if (r < 0) return i;
  }
  // Rounding left r just above 0: the last possible byte.
  for (let i = 255; i >= 0; i--) if (weights[i] > 0) return i;
  throw new LmError("no byte has positive probability");
}

/** `options` checked, with defaults. */
export function sampleSettings(options: SampleOptions = {}): Required<Omit<SampleOptions, "onByte">> {
  const maxBytes = options.maxBytes ?? 64;
  const temperature = options.temperature ?? 1;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError(`maxBytes must be a whole number >= 0, not ${maxBytes}`);
  }
  if (!(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`temperature must be a finite number >= 0, not ${temperature}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, not ${seed}`);
  return { maxBytes, temperature, seed, wholeCharacters: options.wholeCharacters ?? false };
}

/** A model that can draw its next byte exactly without computing the whole distribution. */
export interface ExactDraw {
  /** A byte drawn from {@link ByteLM.nextByteLogProbs}'s distribution after `bytes`, using `random`. */
  drawNextByte(bytes: Uint8Array, random: () => number): Promise<number>;
}

/**
 * Bytes generated after `prompt` by `lm`, one at a time. At temperature 1, a model that can
 * draw exactly ({@link ExactDraw}) is asked to (cheaper, the same distribution).
 *
 * @example
 * ```ts
 * const out = await sampleBytes(bl, new TextEncoder().encode("Once upon"), { maxBytes: 20, seed: 1 });
 * ```
 */
export async function sampleBytes(
  lm: Pick<ByteLM, "nextByteLogProbs"> & Partial<ExactDraw>,
  prompt: Uint8Array,
  options: SampleOptions = {},
): Promise<Uint8Array> {
  const { maxBytes, temperature, seed, wholeCharacters } = sampleSettings(options);
  const random = seededRandom(seed);
  const text = new Uint8Array(prompt.length + maxBytes + 3);
  text.set(prompt);
  let n = prompt.length;
  const done = () =>
    n - prompt.length >= maxBytes &&
    (!wholeCharacters || completeLength(text, 0, n) === n || n - prompt.length >= maxBytes + 3);
  while (!done()) {
    const before = text.subarray(0, n);
    const byte =
      temperature === 1 && lm.drawNextByte !== undefined
        ? await lm.drawNextByte(before, random)
        : drawByte(await lm.nextByteLogProbs(before), temperature, random);
    text[n++] = byte;
    options.onByte?.(byte);
  }
  return text.slice(prompt.length, n);
}
