/**
 * The n-gram model's file: JSON, one object per order mapping a history ("" or ids joined by
 * ",", start symbol -1) to its followers as one flat array [id, count, id, count, ...], which
 * is what the model is (no derived numbers, so a file cannot disagree with itself). Text, so it
 * diffs and any JSON tool reads it; the tokenizer's name is kept to catch a wrong pairing.
 */
import { type NgramData, type NgramHistory, type NgramLM, ngramLM } from "./ngram.js";
import { LmError } from "./types.js";

const FORMAT = "toklab-ngram";
const VERSION = 1;

/**
 * The model as the text of its file.
 *
 * @example
 * ```ts
 * const text = saveNgramLM(lm, tok.name);
 * loadNgramLM(text).nextLogProbs([]); // the same numbers as lm.nextLogProbs([])
 * ```
 */
export function saveNgramLM(lm: NgramLM, tokenizerName: string): string {
  const { vocabSize, order, discounts, eosId, histories } = lm.data;
  const levels = histories.map((level) => {
    const out: Record<string, number[]> = {};
    for (const [key, h] of level) {
      const flat: number[] = [];
      for (let i = 0; i < h.ids.length; i++) flat.push(h.ids[i], h.counts[i]);
      out[key] = flat;
    }
    return out;
  });
  return `${JSON.stringify({ format: FORMAT, version: VERSION, tokenizer: tokenizerName, vocabSize, order, discounts, eosId, levels })}\n`;
}

/** What a model file says besides the model. */
export interface LoadedNgram {
  readonly lm: NgramLM;
  /** The name of the tokenizer it was trained with. */
  readonly tokenizer: string;
}

/** A model back from the text of its file; an {@link LmError} for anything else. */
export function loadNgramLM(text: string): LoadedNgram {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new LmError(`not an n-gram model file: ${(e as Error).message}`);
  }
  const bad = (what: string) => new LmError(`not a ${FORMAT} file: ${what}`);
  if (doc === null || typeof doc !== "object" || doc.format !== FORMAT)
    throw bad(`format is not "${FORMAT}"`);
  if (doc.version !== VERSION) throw bad(`version ${String(doc.version)}, this toklab reads ${VERSION}`);
  const { vocabSize, order, discounts, eosId, levels, tokenizer } = doc;
  if (!isWhole(vocabSize) || !isWhole(order) || order < 1)
    throw bad("vocabSize and order must be whole numbers");
  if (!Array.isArray(discounts) || discounts.length !== order || !discounts.every((d) => d > 0 && d < 1)) {
    throw bad("discounts must be one number in (0, 1) per order");
  }
  if (!(eosId === null || (isWhole(eosId) && eosId < vocabSize))) throw bad("eosId must be null or an id");
  if (!Array.isArray(levels) || levels.length !== order) throw bad("levels must be one object per order");
  const histories = levels.map((level, k) => {
    const out = new Map<string, NgramHistory>();
    if (level === null || typeof level !== "object") throw bad(`level ${k + 1} is not an object`);
    for (const [key, flat] of Object.entries(level as Record<string, unknown>)) {
      if (!Array.isArray(flat) || flat.length % 2 !== 0)
        throw bad(`history "${key}" is not [id, count, ...]`);
      const ids = new Int32Array(flat.length / 2);
      const counts = new Float64Array(flat.length / 2);
      let total = 0;
      for (let i = 0; i < ids.length; i++) {
        const id = flat[2 * i];
        const count = flat[2 * i + 1];
        if (!isWhole(id) || id >= vocabSize || !isWhole(count) || count < 1) {
          throw bad(`history "${key}" has a bad id or count`);
        }
        ids[i] = id;
        counts[i] = count;
        total += count;
      }
      out.set(key, { total, ids, counts });
    }
    return out;
  });
  const data: NgramData = { vocabSize, order, discounts, eosId: eosId as number | null, histories };
  return { lm: ngramLM(data), tokenizer: typeof tokenizer === "string" ? tokenizer : "" };
}

function isWhole(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= 0;
}
