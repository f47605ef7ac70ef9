/**
 * What the micro benchmarks share: the corpus (bench.jsonl through bench/corpora.ts, or the
 * generated stand-in when none is set up, as for `npm run bench`), and small timing helpers.
 */
import { benchCorpusOrStandIn, MissingCorpusError, standInNotice } from "../corpora.js";
import { type Corpus, loadCorpus } from "../corpus.js";

/** A micro benchmark: `npm run bench:micro -- NAME [options]` runs `main` with the options. */
export interface Micro {
  /** One line for the list. */
  readonly about: string;
  /** The options, for `--help`. */
  readonly usage: string;
  main(args: string[]): Promise<void>;
}

/**
 * The benchmark corpus, every document in file order (`quick`: the `npm run bench -- --quick`
 * subset); `explicit` is a `--corpus` option. A missing corpus that was asked for ends the
 * process with the message (where it looked, which variable to set).
 */
export function benchCorpus(explicit?: string, quick = false): Corpus {
  let path: string | null;
  try {
    path = benchCorpusOrStandIn(explicit);
  } catch (e) {
    if (!(e instanceof MissingCorpusError)) throw e;
    console.error(`bench:micro: ${e.message}`);
    process.exit(2);
  }
  if (path === null) console.error(standInNotice());
  return loadCorpus({ path, quick });
}

/** The first documents of `texts` up to `maxBytes` of UTF-8 (the one that crosses it included). */
export function firstBytes(texts: readonly string[], maxBytes: number): { texts: string[]; bytes: number } {
  const out: string[] = [];
  let bytes = 0;
  for (const text of texts) {
    if (bytes >= maxBytes) break;
    bytes += Buffer.byteLength(text);
    out.push(text);
  }
  return { texts: out, bytes };
}

/** The fastest of `repeats` runs, in milliseconds. */
export async function bestMs(repeats: number, run: () => unknown): Promise<number> {
  let ms = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await run();
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A positive number option (`--bytes 3000000` / `--bytes=3000000`), else `fallback`. */
export function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n > 0)) throw new Error(`--${name} needs a positive number, got ${JSON.stringify(value)}`);
  return n;
}
