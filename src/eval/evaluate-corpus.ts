/**
 * Metrics of a corpus overall and per category, from a single pass over the documents.
 */
import type { CorpusDoc } from "./corpus.js";
import { type CorpusCounts, countText, emptyCounts, mergeCounts } from "./counts.js";
import { type Metrics, type MetricsOptions, metricsFromCounts } from "./metrics.js";
import type { EvalTokenizer } from "./subject.js";
import { utf8Length } from "./text.js";

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

/**
 * Evaluates `tok` on `docs`. Documents without a category count only in `overall`.
 *
 * @example
 * const r = evaluateCorpus(tok, [{ text: "def f(): pass", cat: "code" }, { text: "Hi.", cat: "chat" }]);
 * r.categories.code.bytesPerToken;
 */
export function evaluateCorpus(
  tok: EvalTokenizer,
  docs: readonly CorpusDoc[],
  options: EvaluateCorpusOptions = {},
): CorpusEvaluation {
  const overall = emptyCounts();
  const byCat = new Map<string, CorpusCounts>();
  let done = 0;
  for (const doc of docs) {
    const c = countText(tok, doc.text);
    if (doc.cat !== undefined) {
      let into = byCat.get(doc.cat);
      if (into === undefined) {
        into = emptyCounts();
        byCat.set(doc.cat, into);
      }
      mergeCounts(into, c);
    }
    mergeCounts(overall, c);
    if (options.onProgress !== undefined) {
      done += c.bytes;
      options.onProgress(done);
    }
  }
  const categories: Record<string, Metrics> = {};
  for (const [cat, c] of byCat) categories[cat] = metricsFromCounts(tok, c, options);
  return { overall: metricsFromCounts(tok, overall, options), categories };
}

/** Total UTF-8 bytes of a corpus (the denominator of a progress bar). */
export function corpusBytes(docs: readonly CorpusDoc[]): number {
  let n = 0;
  for (const d of docs) n += utf8Length(d.text);
  return n;
}
