/**
 * Metrics of a corpus overall and per category, from a single pass over the documents.
 */

import { emptyRecord, plainRecord } from "../core/record.js";
import type { Tokenizer } from "../core/tokenizer.js";
import type { CorpusDoc } from "./corpus.js";
import { tallyText } from "./counts.js";
import { type Metrics, type MetricsOptions, metricsFromCounts } from "./metrics.js";
import type { RenyiOptions } from "./renyi.js";
import { CountTally } from "./tally.js";
import { utf8Length } from "./text.js";
import { wordBounds } from "./words.js";

/** Metrics of the whole corpus, and of each category when documents have one. */
export interface CorpusEvaluation {
  overall: Metrics;
  /** Category → metrics; empty when no document has a category. */
  categories: Record<string, Metrics>;
}

/** Options of {@link evaluateCorpus}. */
export interface EvaluateCorpusOptions extends MetricsOptions {
  /** Called after each document with the UTF-8 bytes done so far (for progress bars). */
  onProgress?: (doneBytes: number) => void;
}

/** Options of {@link evaluateCorpora}. */
export interface EvaluateCorporaOptions {
  /** Rényi order and normalisation: one setting for all, or per tokenizer (e.g. its vocabulary size). */
  renyi?: RenyiOptions | ((tok: Tokenizer, index: number) => RenyiOptions);
  /**
   * Called after each tokenizer has measured a document, with the work done so far: the sum over
   * tokenizers of the UTF-8 bytes each has measured (the total is corpus bytes × tokenizers).
   */
  onProgress?: (doneBytes: number, tok: Tokenizer) => void;
}

/**
 * Evaluates `tok` on `docs`. Documents without a category count only in `overall`.
 *
 * @example
 * const r = evaluateCorpus(tok, [{ text: "def f(): pass", cat: "code" }, { text: "Hi.", cat: "chat" }]);
 * r.categories.code.bytesPerToken;
 */
export function evaluateCorpus(
  tok: Tokenizer,
  docs: readonly CorpusDoc[],
  options: EvaluateCorpusOptions = {},
): CorpusEvaluation {
  const { onProgress } = options;
  return evaluateCorpora([tok], docs, {
    renyi: options.renyi,
    onProgress: onProgress === undefined ? undefined : (done) => onProgress(done),
  })[0];
}

/**
 * Evaluates each of `toks` on `docs`, in one pass over the documents: each document is segmented
 * into words once and measured by every tokenizer in turn (word segmentation costs as much as
 * encoding). The result for each tokenizer equals {@link evaluateCorpus} of that tokenizer alone.
 *
 * @example
 * const [a, b] = evaluateCorpora([o200k, cl100k], docs);
 * a.overall.tokens / b.overall.tokens; // normalized sequence length of o200k against cl100k
 */
export function evaluateCorpora(
  toks: readonly Tokenizer[],
  docs: readonly CorpusDoc[],
  options: EvaluateCorporaOptions = {},
): CorpusEvaluation[] {
  const tallies = toks.map(() => ({
    overall: new CountTally(),
    byCat: new Map<string, CountTally>(),
    // One document's counts, added to its category and to the overall tally.
    doc: new CountTally(),
  }));
  let done = 0;
  for (const doc of docs) {
    const words = wordBounds(doc.text);
    const bytes = options.onProgress === undefined ? 0 : utf8Length(doc.text);
    for (let i = 0; i < toks.length; i++) {
      const t = tallies[i];
      if (doc.cat === undefined) tallyText(toks[i], doc.text, t.overall, words);
      else {
        t.doc.clear();
        tallyText(toks[i], doc.text, t.doc, words);
        let cat = t.byCat.get(doc.cat);
        if (cat === undefined) {
          cat = new CountTally();
          t.byCat.set(doc.cat, cat);
        }
        cat.add(t.doc);
        t.overall.add(t.doc);
      }
      if (options.onProgress !== undefined) {
        done += bytes;
        options.onProgress(done, toks[i]);
      }
    }
  }
  return toks.map((tok, i) => {
    const renyi = typeof options.renyi === "function" ? options.renyi(tok, i) : options.renyi;
    const categories: Record<string, Metrics> = emptyRecord<Metrics>();
    for (const [cat, c] of tallies[i].byCat)
      categories[cat] = metricsFromCounts(tok, c.toCounts(), { renyi });
    return {
      overall: metricsFromCounts(tok, tallies[i].overall.toCounts(), { renyi }),
      categories: plainRecord(categories),
    };
  });
}

/** Total UTF-8 bytes of a corpus (the denominator of a progress bar). */
export function corpusBytes(docs: readonly CorpusDoc[]): number {
  let n = 0;
  for (const d of docs) n += utf8Length(d.text);
  return n;
}
