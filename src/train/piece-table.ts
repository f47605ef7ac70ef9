import { hashUnits } from "../core/hash.js";

/**
 * A counting hash table for pieces given as ranges of a larger string: the hot loop of
 * ingestion. A `Map<string, number>` needs the piece as a string first (one allocation and one
 * hash per piece, then a second lookup to store); here the hash is computed over the range in
 * place and a string is built only the first time a piece is seen. Open addressing with linear
 * probing over typed arrays; counts are float64 (exact to 2^53).
 *
 * Browser-safe.
 */

/** Smallest capacity (a power of two). */
const MIN_CAPACITY = 1024;

/** V8's limit on the entries of one `Map` (2^24). */
export const MAX_MAP_ENTRIES = 16_777_216;

/**
 * A slice of a table in a transferable shape: the pieces concatenated, their lengths and their
 * counts. Posting this between threads costs one string copy and two buffer moves, where a
 * `Map` would be cloned entry by entry.
 */
export interface PieceTablePart {
  readonly keys: string;
  readonly lengths: Uint32Array;
  readonly counts: Float64Array;
}

/**
 * Piece → count, filled from ranges.
 *
 * @example
 * ```ts
 * const table = new PieceTable();
 * table.add("a b a", 0, 1);
 * table.add("a b a", 4, 5);
 * table.toMap(); // Map { "a" => 2 }
 * ```
 */
export class PieceTable {
  /** Distinct pieces, in first-seen order. */
  private keys: string[] = [];
  private hashes: Int32Array;
  private counts: Float64Array;
  /** Slot → key index + 1 (0 = empty). */
  private slots: Int32Array;
  private mask: number;

  constructor(capacity = MIN_CAPACITY) {
    let cap = MIN_CAPACITY;
    while (cap < capacity * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.hashes = new Int32Array(cap >> 1);
    this.counts = new Float64Array(cap >> 1);
  }

  /** Total length (UTF-16 code units) of the distinct pieces, for memory estimates. */
  keyChars = 0;

  /** Number of distinct pieces. */
  get size(): number {
    return this.keys.length;
  }

  /** Adds `count` occurrences of the piece `text[start, end)`. */
  add(text: string, start: number, end: number, count = 1): void {
    const h = hashUnits(text, start, end) | 0;
    const len = end - start;
    const { slots, mask, keys, hashes } = this;
    let slot = h & mask;
    for (;;) {
      const k = slots[slot];
      if (k === 0) break;
      if (hashes[k - 1] === h) {
        const key = keys[k - 1];
        if (key.length === len && equalsRange(key, text, start)) {
          this.counts[k - 1] += count;
          return;
        }
      }
      slot = (slot + 1) & mask;
    }
    const index = keys.length;
    keys.push(copyOf(text, start, end));
    this.keyChars += len;
    hashes[index] = h;
    this.counts[index] = count;
    slots[slot] = index + 1;
    if (keys.length * 2 > mask) this.grow();
  }

  /** Empties the table (after its entries were spilled to disk), back to its smallest size. */
  clear(): void {
    this.keys = [];
    this.keyChars = 0;
    this.slots = new Int32Array(MIN_CAPACITY * 2);
    this.mask = MIN_CAPACITY * 2 - 1;
    this.hashes = new Int32Array(MIN_CAPACITY);
    this.counts = new Float64Array(MIN_CAPACITY);
  }

  /** Adds every entry of a map (merging tables from workers). */
  addMap(map: ReadonlyMap<string, number>): void {
    for (const [piece, count] of map) this.add(piece, 0, piece.length, count);
  }

  /** Adds every entry of a part (see {@link parts}). */
  addPart(part: PieceTablePart): void {
    const { keys, lengths, counts } = part;
    let off = 0;
    for (let i = 0; i < lengths.length; i++) {
      this.add(keys, off, off + lengths[i], counts[i]);
      off += lengths[i];
    }
  }

  /**
   * The table as parts of at most `maxChars` concatenated piece characters each (a JavaScript
   * string cannot hold more than about 2^29), in first-seen order.
   */
  *parts(maxChars = 1 << 26): Generator<PieceTablePart> {
    const { keys, counts } = this;
    let i = 0;
    while (i < keys.length) {
      const from = i;
      let chars = 0;
      const chunk: string[] = [];
      while (i < keys.length && (chars === 0 || chars + keys[i].length <= maxChars)) {
        chunk.push(keys[i]);
        chars += keys[i].length;
        i++;
      }
      yield {
        keys: chunk.join(""),
        lengths: Uint32Array.from(chunk, (k) => k.length),
        counts: counts.slice(from, i),
      };
    }
  }

  /** Calls `f` for every distinct piece with its count, in first-seen order. */
  forEach(f: (piece: string, count: number) => void): void {
    const { keys, counts } = this;
    for (let i = 0; i < keys.length; i++) f(keys[i], counts[i]);
  }

  /** The counts as a Map (first-seen order); throws past V8's Map size limit. */
  toMap(): Map<string, number> {
    if (this.size > MAX_MAP_ENTRIES) throw mapLimitError(this.size);
    const out = new Map<string, number>();
    this.forEach((k, c) => {
      out.set(k, c);
    });
    return out;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    const hashes = new Int32Array(cap >> 1);
    hashes.set(this.hashes.subarray(0, this.keys.length));
    const counts = new Float64Array(cap >> 1);
    counts.set(this.counts.subarray(0, this.keys.length));
    for (let i = 0; i < this.keys.length; i++) {
      let slot = hashes[i] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }
    this.slots = slots;
    this.mask = mask;
    this.hashes = hashes;
    this.counts = counts;
  }
}

function mapLimitError(size: number): RangeError {
  return new RangeError(
    `${size} distinct pieces exceed the ${MAX_MAP_ENTRIES} entries a JavaScript Map can hold; ` +
      "sample the corpus (a byte budget), cap document length, or count it into shards " +
      "(toklab count-pieces) and train from them (train --counts)",
  );
}

/**
 * Adds a part's counts to a Map (merging worker tables straight into the result: one lookup per
 * entry, cheaper than rebuilding a hash table and then a Map). New pieces are copied, so the
 * part's concatenated string is not kept alive by them.
 *
 * @example
 * ```ts
 * const counts = new Map<string, number>();
 * for (const part of table.parts()) addPartToMap(counts, part);
 * ```
 */
export function addPartToMap(map: Map<string, number>, part: PieceTablePart): void {
  const { keys, lengths, counts } = part;
  let off = 0;
  for (let i = 0; i < lengths.length; i++) {
    const end = off + lengths[i];
    const piece = keys.slice(off, end);
    const had = map.get(piece);
    if (had !== undefined) map.set(piece, had + counts[i]);
    else {
      if (map.size >= MAX_MAP_ENTRIES) throw mapLimitError(map.size + 1);
      map.set(lengths[i] < 13 ? piece : copyOf(keys, off, end), counts[i]);
    }
    off = end;
  }
}

function equalsRange(key: string, text: string, start: number): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/**
 * `text[start, end)` as a string that does not keep `text` alive. V8 makes slices of 13 or more
 * code units views into their parent, so a stored piece would pin the whole document it came
 * from; concatenating flattens into a fresh string, of which the slice is a view instead.
 */
function copyOf(text: string, start: number, end: number): string {
  if (end - start < 13) return text.slice(start, end);
  return ` ${text.slice(start, end)}`.slice(1);
}
