import { NormalizedString } from "../normalize/normalized.js";

/**
 * Receives the sub-ranges a split function cuts out of one split: normalized `[start, end)`
 * ranges of the split's own text, in order. Empty ranges are dropped, as HF drops empty splits.
 */
export type RangeSink = (start: number, end: number) => void;

/**
 * Cuts the split `text[start, end)` into sub-ranges (HF `PreTokenizedString::split`'s closure,
 * minus the allocation of one `NormalizedString` per piece).
 */
export type SplitFn = (text: string, start: number, end: number, emit: RangeSink) => void;

/** One piece of a pre-tokenized string: its (possibly transformed) text and original offsets. */
export interface PreTokenizedPiece {
  /** The piece's normalized text, after any pre-tokenizer transform (ByteLevel, Metaspace). */
  text: string;
  /** Start of the piece in the original input, in UTF-16 units. */
  start: number;
  /** End of the piece in the original input, in UTF-16 units. */
  end: number;
}

/**
 * Hugging Face's `PreTokenizedString`: the input cut into splits, each a normalized range that
 * keeps its alignment to the original text.
 *
 * Splits are stored as three typed arrays — owning string, start, end — over a few
 * {@link NormalizedString}s rather than one object per split: splitting only writes integers.
 * Owner 0 is the input; a pre-tokenizer that *rewrites* split text (ByteLevel's byte alphabet,
 * Metaspace's `▁`) gives each rewritten split its own `NormalizedString` (an HF slice, so the
 * alignment rules are HF's), and later splits are ranges of that string.
 *
 * @example
 * const pts = new PreTokenizedString("Hello world");
 * pts.split((text, start, end, emit) => {
 *   const space = text.indexOf(" ", start);
 *   emit(start, space);
 *   emit(space + 1, end);
 * });
 * pts.pieces(); // [{ text: "Hello", start: 0, end: 5 }, { text: "world", start: 6, end: 11 }]
 */
export class PreTokenizedString {
  /** The strings splits point into; index 0 is the input. */
  readonly strings: NormalizedString[];
  /** Number of splits. */
  count: number;
  /** Per split: index in `strings` of the string it is a range of. */
  owners: Int32Array;
  /** Per split: start of its normalized range in its owner. */
  starts: Int32Array;
  /** Per split: end of its normalized range in its owner. */
  ends: Int32Array;

  constructor(input: NormalizedString | string) {
    const ns = typeof input === "string" ? new NormalizedString(input) : input;
    this.strings = [ns];
    // HF starts with one split holding the whole input, even when it is empty.
    this.count = 1;
    this.owners = new Int32Array(4);
    this.starts = new Int32Array(4);
    this.ends = new Int32Array(4);
    this.ends[0] = ns.length;
  }

  /**
   * Replaces every split by the sub-ranges `fn` emits for it (HF `split`); empty ranges vanish.
   * Ranges must be ordered and inside the split.
   */
  split(fn: SplitFn): this {
    const n = this.count;
    const oldOwners = this.owners;
    const oldStarts = this.starts;
    const oldEnds = this.ends;
    let owners = new Int32Array(Math.max(4, n * 2));
    let starts = new Int32Array(owners.length);
    let ends = new Int32Array(owners.length);
    let w = 0;
    let owner = 0;
    const emit: RangeSink = (s, e) => {
      if (s >= e) return;
      if (w === owners.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        owners = grow(owners);
        starts = grow(starts);
        ends = grow(ends);
      }
      owners[w] = owner;
      starts[w] = s;
      ends[w++] = e;
    };
    for (let i = 0; i < n; i++) {
      owner = oldOwners[i];
      fn(this.strings[owner].normalized, oldStarts[i], oldEnds[i], emit);
    }
    this.owners = owners;
    this.starts = starts;
    this.ends = ends;
    this.count = w;
    return this;
  }

  /**
   * Rewrites every split with `fn`, which gets the split as its own {@link NormalizedString}
   * (HF `normalize`, and the rewriting half of a split closure). Splits that end up empty vanish,
   * as they would from an HF split closure.
   */
  transform(fn: (ns: NormalizedString) => void): this {
    let w = 0;
    for (let i = 0; i < this.count; i++) {
      const ns = this.strings[this.owners[i]].slice(this.starts[i], this.ends[i]);
      fn(ns);
      if (ns.length === 0) continue;
      this.owners[w] = this.strings.length;
      this.strings.push(ns);
      this.starts[w] = 0;
      this.ends[w++] = ns.length;
    }
    this.count = w;
    return this;
  }

  /** The normalized text of split `i`. */
  text(i: number): string {
    return this.strings[this.owners[i]].normalized.slice(this.starts[i], this.ends[i]);
  }

  /** The original range of split `i` in the whole input, in UTF-16 units (HF `offsets_original`). */
  originalRange(i: number): [number, number] {
    const ns = this.strings[this.owners[i]];
    const [s, e] = ns.originalRange(this.starts[i], this.ends[i]);
    return [s + ns.originalShift, e + ns.originalShift];
  }

  /** All splits as pieces with original offsets (HF `get_splits(Original, ...)`, UTF-16 units). */
  pieces(): PreTokenizedPiece[] {
    const out: PreTokenizedPiece[] = [];
    for (let i = 0; i < this.count; i++) {
      const [start, end] = this.originalRange(i);
      out.push({ text: this.text(i), start, end });
    }
    return out;
  }
}
