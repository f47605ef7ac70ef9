import { FNV_OFFSET, fnv1a, HASH_BASE } from "../hash.js";
/**
 * Allocation-free vocabulary lookups for the BPE model: a whole word by its UTF-16 range
 * (`ignore_merges`, the byte-level fast path), and one character by code point (the initial
 * symbols of `merge_word`).
 */
import { wellFormedSlice } from "./text.js";

/** Returned for "not in the vocabulary". */
export const NOT_FOUND = -1;

/**
 * Token → id over UTF-16 ranges: `idOf(text, start, end)` finds `text[start, end)` without
 * slicing it. Tokens live in one `Uint16Array` blob; an open-addressing table of token indices
 * is probed by a hash of the code units, and a hit is confirmed by comparing them.
 *
 * A lone surrogate in the query matches as U+FFFD (the Rust side only ever sees well-formed
 * text); keys are stored well-formed.
 *
 * @example
 * ```ts
 * const index = new RangeIndex(new Map([["low", 5], ["er", 6]]));
 * index.idOf("slower", 1, 4); // 5
 * index.idOf("slower", 0, 4); // NOT_FOUND
 * ```
 */
export class RangeIndex {
  private readonly blob: Uint16Array;
  private readonly starts: Int32Array;
  private readonly hashes: Int32Array;
  private readonly ids: Int32Array;
  /** Token index + 1 per slot; 0 = empty. */
  private readonly table: Int32Array;
  private readonly mask: number;

  /** `vocab`: well-formed tokens and their ids in `[0, 2^31)`. */
  constructor(vocab: ReadonlyMap<string, number>) {
    let units = 0;
    for (const token of vocab.keys()) units += token.length;
    this.blob = new Uint16Array(units);
    this.starts = new Int32Array(vocab.size + 1);
    this.hashes = new Int32Array(vocab.size);
    this.ids = new Int32Array(vocab.size);
    let n = 16;
    while (n < 2 * vocab.size) n *= 2;
    this.table = new Int32Array(n);
    this.mask = n - 1;
    let k = 0;
    let at = 0;
    for (const [token, id] of vocab) {
      this.starts[k] = at;
      for (let i = 0; i < token.length; i++) this.blob[at++] = token.charCodeAt(i);
      const h = fnv1a(token, 0, token.length);
      this.hashes[k] = h;
      this.ids[k] = id;
      let slot = h & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = k + 1;
      k++;
    }
    this.starts[k] = at;
  }

  /** Id of `text[start, end)`, or {@link NOT_FOUND}. */
  idOf(text: string, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      // Any surrogate: take the careful path (rare in text, absent in byte-level words).
      if ((c & 0xf800) === 0xd800) return this.idOfWellFormed(text, start, end);
      h = Math.imul(h ^ c, HASH_BASE);
    }
    return this.probe(text, start, end, h);
  }

  /**
   * Id of the concatenation `a[aStart, aEnd) + b[bStart, bEnd)`, without building it (merge
   * products at load time); {@link NOT_FOUND} if absent. Any surrogate takes the string path,
   * since a pair may be split across the two halves.
   */
  idOfConcat(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): number {
    let h = FNV_OFFSET;
    for (let i = aStart; i < aEnd; i++) {
      const c = a.charCodeAt(i);
      if ((c & 0xf800) === 0xd800) return this.idOfJoined(a.slice(aStart, aEnd) + b.slice(bStart, bEnd));
      h = Math.imul(h ^ c, HASH_BASE);
    }
    for (let i = bStart; i < bEnd; i++) {
      const c = b.charCodeAt(i);
      if ((c & 0xf800) === 0xd800) return this.idOfJoined(a.slice(aStart, aEnd) + b.slice(bStart, bEnd));
      h = Math.imul(h ^ c, HASH_BASE);
    }
    const { table, mask, hashes, starts, blob } = this;
    const aLen = aEnd - aStart;
    const len = aLen + bEnd - bStart;
    let slot = h & mask;
    for (;;) {
      const k = table[slot] - 1;
      if (k < 0) return NOT_FOUND;
      if (hashes[k] === h) {
        const s = starts[k];
        if (starts[k + 1] - s === len) {
          let i = 0;
          while (i < aLen && blob[s + i] === a.charCodeAt(aStart + i)) i++;
          if (i === aLen) {
            while (i < len && blob[s + i] === b.charCodeAt(bStart + i - aLen)) i++;
            if (i === len) return this.ids[k];
          }
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  private idOfJoined(joined: string): number {
    return this.idOf(joined, 0, joined.length);
  }

  private idOfWellFormed(text: string, start: number, end: number): number {
    const word = wellFormedSlice(text, start, end);
    return this.probe(word, 0, word.length, fnv1a(word, 0, word.length));
  }

  private probe(text: string, start: number, end: number, h: number): number {
    const { table, mask, hashes, starts, blob } = this;
    const len = end - start;
    let slot = h & mask;
    for (;;) {
      const k = table[slot] - 1;
      if (k < 0) return NOT_FOUND;
      if (hashes[k] === h) {
        const s = starts[k];
        if (starts[k + 1] - s === len) {
          let i = 0;
          while (i < len && blob[s + i] === text.charCodeAt(start + i)) i++;
          if (i === len) return this.ids[k];
        }
      }
      slot = (slot + 1) & mask;
    }
  }
}

/**
 * Code point → id of one vocabulary entry per character, `prefix + char + suffix` (HF's
 * `merge_word` looks up a character with the continuing-subword prefix unless it is first and
 * with the end-of-word suffix if it is last). The BMP is a flat `Int32Array`, so the byte-level
 * alphabet (all BMP) costs one array read per character.
 *
 * @example
 * ```ts
 * const ids = CharIds.build(new Map([["a", 1], ["##b", 2]]), "##", "");
 * ids.get(0x62); // 2
 * ids.get(0x61); // NOT_FOUND ("##a" is not a token)
 * ```
 */
export class CharIds {
  constructor(
    readonly bmp: Int32Array,
    private readonly astral: ReadonlyMap<number, number>,
  ) {}

  /** Entries `prefix + c + suffix` of `vocab` for every single code point `c`. */
  static build(vocab: ReadonlyMap<string, number>, prefix: string, suffix: string): CharIds {
    const bmp = new Int32Array(0x10000).fill(NOT_FOUND);
    const astral = new Map<number, number>();
    const extra = prefix.length + suffix.length;
    for (const [token, id] of vocab) {
      const n = token.length - extra;
      if (n !== 1 && n !== 2) continue;
      if (!token.startsWith(prefix) || !token.endsWith(suffix)) continue;
      const cp = token.codePointAt(prefix.length) as number;
      if (n === 1 && cp <= 0xffff) bmp[cp] = id;
      else if (n === 2 && cp > 0xffff) astral.set(cp, id);
    }
    return new CharIds(bmp, astral);
  }

  /** Id of the entry for code point `cp`, or {@link NOT_FOUND}. */
  get(cp: number): number {
    return cp <= 0xffff ? this.bmp[cp] : (this.astral.get(cp) ?? NOT_FOUND);
  }
}
