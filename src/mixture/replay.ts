/**
 * Replaying a merge list on each category's sample and keeping, for every step, how each pair's
 * count changed in each category: the data the linear program reads (Hayase et al.'s
 * `all_pair_counts`, kept as deltas).
 *
 * Each category is its own `MergeState` (the trainer's merge loop, src/train/merge-state.ts) over
 * the tokenizer's ids: applying a merge rewrites only the occurrences of its pair, and the
 * state's observer reports each changed pair count, so a step costs what it changes, not the
 * sample's size. A pair's count in one category is a *slot*; the transcript is the slots' first
 * values and, per step, the (slot, delta) events.
 */
import { MergeState, type WordList } from "../train/merge-state.js";
import { TokenTable } from "../train/token-table.js";
import { MixtureError } from "./errors.js";
import type { MergeList } from "./merge-list.js";
import type { CategorySample } from "./sample.js";

/** What {@link replayMerges} records. */
export interface MergeTranscript {
  readonly categories: readonly string[];
  /** UTF-8 bytes of each category's sample. */
  readonly bytes: Float64Array;
  /** Each category's pair occurrences before the first step: its counts are divided by this. */
  readonly pairTotals: Float64Array;
  /** Merges applied before step 0 and not recorded (`ReplayOptions.skip`). */
  readonly skipped: number;
  /** Merges replayed: step t is merge `skipped + t` of the list. */
  readonly steps: number;
  /** Distinct pairs (left, right token ids) seen in any category, and each merge's among them. */
  readonly pairCount: number;
  readonly pairLeft: Int32Array;
  readonly pairRight: Int32Array;
  readonly mergePair: Int32Array;
  /** Slots: a pair's count in one category. */
  readonly slotCount: number;
  readonly slotPair: Int32Array;
  readonly slotCategory: Uint16Array;
  /** A slot's count before the first step. */
  readonly slotInitial: Float64Array;
  /** The slots of pair `p`: `pairSlots[pairSlotStart[p] .. pairSlotStart[p + 1])`. */
  readonly pairSlotStart: Int32Array;
  readonly pairSlots: Int32Array;
  /** Events of step `t` (the changes merge `t` made): `stepStart[t] .. stepStart[t + 1]`. */
  readonly stepStart: Int32Array;
  readonly eventSlot: Int32Array;
  readonly eventDelta: Float64Array;
}

/** Options of {@link replayMerges}. */
export interface ReplayOptions {
  /** Replay only the first this many merges (after `skip`; default: all). */
  readonly merges?: number;
  /**
   * Apply the first this many merges before step 0 without recording them (default 0): the
   * program then covers merges `skip`, `skip + 1`, …, as for a vocabulary that extends another
   * (Llama 3's merges after cl100k_base's 100,000), whose first merges say nothing new.
   */
  readonly skip?: number;
  /** Called now and then with (merges replayed, merges to replay). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A growable typed array (events and slots are appended by the million). */
class Column<T extends Int32Array | Float64Array | Uint16Array> {
  length = 0;
  constructor(public data: T) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

function growInt32(a: Int32Array, need: number, fill: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2)).fill(fill);
  b.set(a);
  return b;
}

function growF64(a: Float64Array, need: number): Float64Array {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/**
 * A category's pieces as the merge loop's words: each piece's symbols, split at cuts; words of
 * one symbol hold no pair and are left out.
 */
export function buildCategoryWords(list: MergeList, sample: CategorySample): WordList {
  const symbols = new Column(new Int32Array(1 << 16));
  const starts = new Column(new Int32Array(1 << 12));
  const weights = new Column(new Float64Array(1 << 12));
  starts.push(0);
  const buf: number[] = [];
  for (const [piece, count] of sample.pieces) {
    if (count <= 0) continue;
    buf.length = 0;
    if (!list.symbols(piece, buf)) continue;
    let begin = symbols.length;
    for (let i = 0; i <= buf.length; i++) {
      const s = i < buf.length ? buf[i] : -1;
      if (s >= 0) {
        symbols.push(s);
        continue;
      }
      if (symbols.length - begin >= 2) {
        starts.push(symbols.length);
        weights.push(count);
      } else symbols.length = begin;
      begin = symbols.length;
    }
  }
  return { symbols: symbols.done(), starts: starts.done(), weights: weights.done() };
}

/**
 * Replays the merges of `list` on every category's sample (see the module comment) and returns
 * the transcript. Throws a {@link MixtureError} for a category whose sample holds no pair.
 *
 * @example
 * ```ts
 * const samples = [categorySample(tok, "en", en), categorySample(tok, "fr", fr)];
 * const t = replayMerges(extractMerges(tok), samples, { merges: 3000 });
 * t.steps; // 3000
 * ```
 */
export function replayMerges(
  list: MergeList,
  samples: readonly CategorySample[],
  options: ReplayOptions = {},
): MergeTranscript {
  const skip = options.skip ?? 0;
  if (!Number.isInteger(skip) || skip < 0 || skip >= list.length) {
    throw new MixtureError(`cannot skip ${skip} merges of a list of ${list.length}`);
  }
  const steps = Math.min(options.merges ?? list.length - skip, list.length - skip);
  const nCat = samples.length;
  if (nCat > 65535) throw new MixtureError("at most 65535 categories");
  // The vocabulary as the merge loop sees it: only whether a token may merge matters here (ties
  // are never broken: the replay applies given merges and never pops a best pair).
  const tokens = new TokenTable();
  const empty = new Uint8Array(0);
  for (let id = 0; id < list.mergeable.length; id++) tokens.add(empty, list.mergeable[id] === 1, false);

  const pairIndex = new Map<number, number>();
  const pairLeft = new Column(new Int32Array(1 << 14));
  const pairRight = new Column(new Int32Array(1 << 14));
  const globalPair = (a: number, b: number): number => {
    const key = a * 4194304 + b;
    let p = pairIndex.get(key);
    if (p === undefined) {
      p = pairLeft.length;
      pairIndex.set(key, p);
      pairLeft.push(a);
      pairRight.push(b);
    }
    return p;
  };
  const slotPair = new Column(new Int32Array(1 << 14));
  const slotCategory = new Column(new Uint16Array(1 << 14));
  const slotInitial = new Column(new Float64Array(1 << 14));
  const eventSlot = new Column(new Int32Array(1 << 16));
  const eventDelta = new Column(new Float64Array(1 << 16));

  // Per category: its merge state, the slot of each of its local pairs, and the step's changes.
  interface Replay {
    state: MergeState;
    slotOf: Int32Array;
    delta: Float64Array;
    stamp: Int32Array;
    touched: number[];
  }
  let step = -1;
  const replays: Replay[] = [];
  const bytes = new Float64Array(nCat);
  const pairTotals = new Float64Array(nCat);
  samples.forEach((sample, c) => {
    const words = buildCategoryWords(list, sample);
    if (words.weights.length === 0) {
      throw new MixtureError(
        `category ${JSON.stringify(sample.name)}: its sample has no two adjacent symbols the tokenizer could merge (empty, or only special tokens)`,
      );
    }
    const r: Replay = {
      state: undefined as unknown as MergeState,
      slotOf: new Int32Array(0),
      delta: new Float64Array(0),
      stamp: new Int32Array(0),
      touched: [],
    };
    const observer = (q: number, _word: number, d: number) => {
      if (step < 0) return;
      if (q >= r.stamp.length) {
        r.stamp = growInt32(r.stamp, q + 1, -1);
        r.delta = growF64(r.delta, q + 1);
      }
      if (r.stamp[q] !== step) {
        r.stamp[q] = step;
        r.delta[q] = 0;
        r.touched.push(q);
      }
      r.delta[q] += d;
    };
    r.state = new MergeState(tokens, words, { tieBreak: "id", observer });
    // The skipped merges, unrecorded (`step` is still -1, so the observer ignores them).
    for (let k = 0; k < skip; k++) {
      const p = r.state.pairs.find(list.left[k], list.right[k]);
      if (p >= 0 && r.state.pairs.count[p] > 0) r.state.apply(p, list.merged[k]);
    }
    const pairs = r.state.pairs;
    r.slotOf = new Int32Array(pairs.size).fill(-1);
    for (let q = 0; q < pairs.size; q++) {
      const n = pairs.count[q];
      if (n <= 0) continue;
      r.slotOf[q] = slotPair.length;
      slotPair.push(globalPair(pairs.left[q], pairs.right[q]));
      slotCategory.push(c);
      slotInitial.push(n);
      pairTotals[c] += n;
    }
    bytes[c] = sample.bytes;
    replays.push(r);
  });

  const mergePair = new Int32Array(steps);
  const stepStart = new Int32Array(steps + 1);
  const every = Math.max(1, Math.floor(steps / 200));
  for (step = 0; step < steps; step++) {
    const a = list.left[skip + step];
    const b = list.right[skip + step];
    mergePair[step] = globalPair(a, b);
    stepStart[step] = eventSlot.length;
    for (let c = 0; c < nCat; c++) {
      const r = replays[c];
      const pairs = r.state.pairs;
      const p = pairs.find(a, b);
      if (p < 0 || pairs.count[p] <= 0) continue;
      r.touched.length = 0;
      r.state.apply(p, list.merged[skip + step]);
      if (r.slotOf.length < pairs.size) r.slotOf = growInt32(r.slotOf, pairs.size, -1);
      for (const q of r.touched) {
        const d = r.delta[q];
        if (d === 0) continue;
        let s = r.slotOf[q];
        if (s < 0) {
          s = slotPair.length;
          r.slotOf[q] = s;
          slotPair.push(globalPair(pairs.left[q], pairs.right[q]));
          slotCategory.push(c);
          slotInitial.push(0);
        }
        eventSlot.push(s);
        eventDelta.push(d);
      }
    }
    if (options.onProgress !== undefined && (step % every === 0 || step + 1 === steps)) {
      options.onProgress(step + 1, steps);
    }
  }
  stepStart[steps] = eventSlot.length;

  // Each pair's slots (at most one per category), by counting sort on the pair.
  const pairCount = pairLeft.length;
  const slots = slotPair.done();
  const pairSlotStart = new Int32Array(pairCount + 1);
  for (let s = 0; s < slots.length; s++) pairSlotStart[slots[s] + 1]++;
  for (let p = 0; p < pairCount; p++) pairSlotStart[p + 1] += pairSlotStart[p];
  const fill = pairSlotStart.slice(0, pairCount);
  const pairSlots = new Int32Array(slots.length);
  for (let s = 0; s < slots.length; s++) pairSlots[fill[slots[s]]++] = s;

  return {
    categories: samples.map((s) => s.name),
    bytes,
    pairTotals,
    skipped: skip,
    steps,
    pairCount,
    pairLeft: pairLeft.done(),
    pairRight: pairRight.done(),
    mergePair,
    slotCount: slots.length,
    slotPair: slots,
    slotCategory: slotCategory.done(),
    slotInitial: slotInitial.done(),
    pairSlotStart,
    pairSlots,
    stepStart,
    eventSlot: eventSlot.done(),
    eventDelta: eventDelta.done(),
  };
}
