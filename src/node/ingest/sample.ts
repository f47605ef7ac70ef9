/**
 * Seeded sampling of documents to a byte budget.
 *
 * Method: every document gets a pseudo-random key from (seed, file index, line number); the
 * sample is the longest prefix of the documents in key order whose UTF-8 bytes (after the
 * character cap) fit in the budget. That is a uniform random subset of documents (every order
 * of documents is equally likely, so no file or position is favoured), it depends only on the
 * seed and the inputs (not on thread timing or the order measurements arrive in), and it never
 * exceeds the budget. It can stop short of the budget by at most the size of the first document
 * that did not fit.
 *
 * Streaming: a max-heap holds the current prefix; when its bytes exceed the budget the largest
 * key is evicted and becomes a threshold that later documents must beat. Memory is proportional
 * to the number of documents selected (20 bytes each), not to the corpus.
 */
import { fmix32 } from "../../core/hash.js";

/**
 * The sampling key of a document (uint32).
 *
 * @example
 * ```ts
 * sampleKey(42, 0, 17) === sampleKey(42, 0, 17); // true: the same on every run and platform
 * ```
 */
export function sampleKey(seed: number, file: number, line: number): number {
  return fmix32(fmix32(fmix32((seed >>> 0) ^ 0x9e3779b9) ^ file) ^ line);
}

/**
 * Chooses documents to a byte budget (see the module comment for the method).
 *
 * @example
 * ```ts
 * const sampler = new ByteBudgetSampler(1_000_000, 7);
 * sampler.offer(0, 1, 120); // file 0, line 1, 120 bytes
 * sampler.selection().get(0); // Uint32Array of selected line numbers, ascending
 * ```
 */
export class ByteBudgetSampler {
  private keys = new Uint32Array(1024);
  private files = new Uint32Array(1024);
  private lines = new Uint32Array(1024);
  private bytes = new Float64Array(1024);
  private n = 0;
  private total = 0;
  /** The smallest evicted (key, file, line), or none: documents at or above it are out. */
  private threshold: [number, number, number] | null = null;

  constructor(
    readonly budget: number,
    readonly seed: number,
  ) {
    if (!(budget >= 0))
      throw new Error(`the sample budget must be a non-negative number of bytes, not ${budget}`);
  }

  /** Number of documents currently selected. */
  get size(): number {
    return this.n;
  }

  /** Total UTF-8 bytes currently selected (at most the budget). */
  get selectedBytes(): number {
    return this.total;
  }

  /** Considers one document. */
  offer(file: number, line: number, bytes: number): void {
    const key = sampleKey(this.seed, file, line);
    const t = this.threshold;
    if (t !== null && compare(key, file, line, t[0], t[1], t[2]) >= 0) return;
    this.push(key, file, line, bytes);
    while (this.total > this.budget) {
      const k = this.keys[0];
      const f = this.files[0];
      const l = this.lines[0];
      const cur = this.threshold;
      if (cur === null || compare(k, f, l, cur[0], cur[1], cur[2]) < 0) this.threshold = [k, f, l];
      this.popMax();
    }
  }

  /** Selected line numbers per file index, ascending. */
  selection(): Map<number, Uint32Array> {
    const byFile = new Map<number, number[]>();
    for (let i = 0; i < this.n; i++) {
      const f = this.files[i];
      let list = byFile.get(f);
      if (list === undefined) {
        list = [];
        byFile.set(f, list);
      }
      list.push(this.lines[i]);
    }
    const out = new Map<number, Uint32Array>();
    for (const [f, list] of byFile) out.set(f, Uint32Array.from(list).sort());
    return out;
  }

  private greater(i: number, j: number): boolean {
    return (
      compare(this.keys[i], this.files[i], this.lines[i], this.keys[j], this.files[j], this.lines[j]) > 0
    );
  }

  private swap(i: number, j: number): void {
    const { keys, files, lines, bytes } = this;
    [keys[i], keys[j]] = [keys[j], keys[i]];
    [files[i], files[j]] = [files[j], files[i]];
    [lines[i], lines[j]] = [lines[j], lines[i]];
    [bytes[i], bytes[j]] = [bytes[j], bytes[i]];
  }

  private push(key: number, file: number, line: number, bytes: number): void {
    if (this.n === this.keys.length) this.grow();
    let i = this.n++;
    this.keys[i] = key;
    this.files[i] = file;
    this.lines[i] = line;
    this.bytes[i] = bytes;
    this.total += bytes;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.greater(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private popMax(): void {
    this.total -= this.bytes[0];
    const last = --this.n;
    if (last > 0) {
      this.keys[0] = this.keys[last];
      this.files[0] = this.files[last];
      this.lines[0] = this.lines[last];
      this.bytes[0] = this.bytes[last];
    }
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.n && this.greater(l, m)) m = l;
      if (r < this.n && this.greater(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  private grow(): void {
    const cap = this.keys.length * 2;
    const keys = new Uint32Array(cap);
    keys.set(this.keys);
    const files = new Uint32Array(cap);
    files.set(this.files);
    const lines = new Uint32Array(cap);
    lines.set(this.lines);
    const bytes = new Float64Array(cap);
    bytes.set(this.bytes);
    this.keys = keys;
    this.files = files;
    this.lines = lines;
    this.bytes = bytes;
  }
}

/** Order of documents: by key, then file, then line (a total order, so no ties). */
function compare(k1: number, f1: number, l1: number, k2: number, f2: number, l2: number): number {
  return k1 !== k2 ? k1 - k2 : f1 !== f2 ? f1 - f2 : l1 - l2;
}
