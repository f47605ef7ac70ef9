import type { Tokenizer } from "./adapters/types.js";
import { categoriesOf, type Doc } from "./corpus.js";
import { fingerprint } from "./stats.js";
import type { PassTimes, ThroughputResult } from "./tasks.js";

/** Let the previous phase's garbage go before timing the next one (children run --expose-gc). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function emptyTimes(docs: readonly Doc[]): PassTimes {
  return Object.fromEntries(categoriesOf(docs).map((c) => [c, 0])) as PassTimes;
}

/**
 * One timed pass: call `run(i)` for every document, one call each, and add the wall time of each
 * run of consecutive documents of one category to that category. Timing runs (not single
 * documents) gives per-category figures from one pass without putting two timer reads in every
 * call: on short.jsonl's 40-byte messages those would be a measurable share of a call.
 * Both corpora list their documents category by category, so a pass has a few runs.
 */
async function timePass(
  docs: readonly Doc[],
  isAsync: boolean,
  run: (i: number) => unknown,
): Promise<PassTimes> {
  const times = emptyTimes(docs);
  let start = 0;
  while (start < docs.length) {
    const cat = docs[start].cat;
    let end = start;
    while (end < docs.length && docs[end].cat === cat) end++;
    const t0 = performance.now();
    for (let i = start; i < end; i++) {
      const r = run(i);
      if (isAsync) await r;
    }
    times[cat] += performance.now() - t0;
    start = end;
  }
  return times;
}

/**
 * Encode, count and decode throughput over the corpus.
 *
 * First pass: the first encode calls of the process (the child has only loaded the library), over
 * text the library has never seen, timed on their own (`firstEncode`): what a new user's first
 * run pays in JIT compilation, lazily built tables and growing caches. Its ids are thrown away
 * like the timed passes', so it does the same work as they do.
 *
 * Warmup: one full encode pass (its ids are kept: they feed decode and the exactness
 * fingerprints), then count and decode on a fifth of the documents. Then `repeats` rounds of
 * encode → count → decode, interleaved so that slow drift (thermal, GC heap growth) hits all
 * three alike. The report takes the median round.
 */
export async function measureThroughput(
  tok: Tokenizer,
  docs: readonly Doc[],
  repeats: number,
): Promise<ThroughputResult> {
  const isAsync = tok.kind === "async";
  let firstSink = 0;
  const firstEncode = await timePass(
    docs,
    isAsync,
    isAsync
      ? async (i) => (firstSink += (await tok.encode(docs[i].text)).length)
      : (i) => (firstSink += (tok.encode(docs[i].text) as ArrayLike<number>).length),
  );
  if (firstSink === -1) console.error("unreachable");
  const ids: ArrayLike<number>[] = new Array(docs.length);
  for (let i = 0; i < docs.length; i++) ids[i] = await tok.encode(docs[i].text);
  const fingerprints = ids.map(fingerprint);
  const sample = docs.filter((_, i) => i % 5 === 0);
  const sampleIds = ids.filter((_, i) => i % 5 === 0);
  const count = tok.count?.bind(tok) as ((text: string) => number | Promise<number>) | undefined;
  if (count) await timePass(sample, isAsync, (i) => count(sample[i].text));
  await timePass(sample, isAsync, (i) => tok.decode(sampleIds[i]));

  // Round trip, outside the timed passes (a string comparison per document).
  let roundtripFailures = 0;
  for (let i = 0; i < docs.length; i++) if ((await tok.decode(ids[i])) !== docs[i].text) roundtripFailures++;

  const result: ThroughputResult = {
    fingerprints,
    firstEncode,
    encode: [],
    count: count ? [] : undefined,
    decode: [],
    roundtripFailures,
    countMismatches: 0,
  };
  // A sink keeps the optimizer from discarding results it can prove unused.
  let sink = 0;
  const encode = tok.encode.bind(tok) as (text: string) => ArrayLike<number> | Promise<ArrayLike<number>>;
  const decode = tok.decode.bind(tok) as (ids: ArrayLike<number>) => string | Promise<string>;
  for (let r = 0; r < repeats; r++) {
    collectGarbage();
    result.encode.push(
      await timePass(
        docs,
        isAsync,
        isAsync
          ? async (i) => (sink += (await encode(docs[i].text)).length)
          : (i) => (sink += (encode(docs[i].text) as ArrayLike<number>).length),
      ),
    );
    if (count && result.count) {
      collectGarbage();
      // Counts are checked against encode's lengths inside the pass: one integer comparison.
      let mismatches = 0;
      const check = (i: number, n: number) => {
        sink += n;
        if (n !== ids[i].length) mismatches++;
      };
      result.count.push(
        await timePass(
          docs,
          isAsync,
          isAsync
            ? async (i) => check(i, await count(docs[i].text))
            : (i) => check(i, count(docs[i].text) as number),
        ),
      );
      result.countMismatches = mismatches;
    }
    collectGarbage();
    result.decode.push(
      await timePass(
        docs,
        isAsync,
        isAsync
          ? async (i) => (sink += (await decode(ids[i])).length)
          : (i) => (sink += (decode(ids[i]) as string).length),
      ),
    );
  }
  if (sink === -1) console.error("unreachable");
  return result;
}
