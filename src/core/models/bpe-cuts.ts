import { pairHash } from "../hash.js";
/**
 * Where a long BPE word may be cut into independent pieces.
 *
 * Llama 2 and Gemma have no real pre-tokenizer: a whole segment (a line, often a whole
 * document) is one BPE word, and HF merges it with a heap and no word cache. But a merge product
 * is the concatenation of its parts, so a symbol covering two adjacent characters `x`, `y` is a
 * token whose text contains `xy`. Where no token contains `xy`, no symbol ever spans the
 * boundary, the merges on either side never interact, and merging the pieces one by one gives
 * exactly the merge of the whole word (same merges, same relative order, same ties), with
 * short, repeated pieces that the scan merge and the word cache handle fast
 * (docs/decisions/0014).
 *
 * Characters missing from the vocabulary become byte-fallback tokens `<0xAB>` or the unknown
 * token; at a boundary the text that matters is then that token's last (or first) character.
 * Two unknown characters in a row are never separated when they may become unknown tokens
 * (`fuse_unk` would join them).
 */

/** SentencePiece's metaspace, U+2581. */
export const METASPACE = 0x2581;

/** How unknown characters are written, for {@link CutRule}. */
export interface UnknownSymbols {
  /** Byte fallback is on and every `<0xAB>` is a token: unknown characters are always bytes. */
  readonly bytesOnly: boolean;
  /** Last characters an unknown character's symbols can end with (code points). */
  readonly last: readonly number[];
  /** First characters they can start with. */
  readonly first: readonly number[];
}

/**
 * The adjacent code-point pairs of a vocabulary, and the cut test built on them.
 *
 * @example
 * ```ts
 * const rule = new CutRule(["▁a", "ab", "<0x0A>"], { bytesOnly: true, last: [0x3e], first: [0x3c] });
 * rule.adjacent(0x61, 0x62); // true: "ab"
 * rule.cuttable(0x62, true, 0x2581, true); // true: no token has "b▁"
 * rule.cuttable(0x2581, true, 0x61, true); // false: "▁a"
 * ```
 */
export class CutRule {
  /** BMP code point → 1 if it is followed by something in some token. */
  private readonly hasRight = new Uint8Array(0x10000);
  /** BMP code point → 1 if it is preceded by something in some token. */
  private readonly hasLeft = new Uint8Array(0x10000);
  /** BMP code point → its index in {@link densePairs} (1-255), 0 for the others. */
  private readonly dense = new Uint8Array(0x10000);
  /**
   * {@link dense}, but 0 for characters that are not known (not a vocabulary entry of their
   * own): where both sides of a boundary have an index here, the word may be cut exactly when
   * `densePairs[(x << 8) | y] === 0` — the one-read fast path of the cutting loop.
   */
  readonly knownDense = new Uint8Array(0x10000);
  /** `(dense l << 8) | dense r` → 1 if adjacent. */
  readonly densePairs = new Uint8Array(1 << 16);
  /** Open-addressing set of all adjacent pairs; -1 marks an empty slot. */
  private pairLeft = new Int32Array(1 << 12).fill(-1);
  private pairRight = new Int32Array(1 << 12);
  private pairs = 0;
  private readonly unknown: UnknownSymbols;
  /** Two unknown characters in a row may be cut apart. */
  private readonly unknownPair: boolean;

  /**
   * @param tokens the vocabulary.
   * @param unknown how characters missing from it are written.
   * @param known whether a code point is a vocabulary character (for {@link knownDense}).
   */
  constructor(
    tokens: Iterable<string>,
    unknown: UnknownSymbols,
    known: (cp: number) => boolean = () => true,
  ) {
    // How often each BMP character occurs: the most frequent get the direct pair table.
    const freq = new Uint32Array(0x10000);
    for (const token of tokens) {
      let prev = -1;
      const n = token.length;
      for (let i = 0; i < n; i++) {
        let cp = token.charCodeAt(i);
        // Runs once, mostly unoptimised: the surrogate test is inline rather than a call.
        if ((cp & 0xf800) === 0xd800) {
          cp = codePointAt(token, i, n);
          if (cp > 0xffff) i++;
        }
        if (cp <= 0xffff) freq[cp]++;
        if (prev >= 0) this.addPair(prev, cp);
        prev = cp;
      }
    }
    const top: number[] = [];
    for (let cp = 0; cp < 0x10000; cp++) if (freq[cp] > 0) top.push(cp);
    top.sort((x, y) => freq[y] - freq[x] || x - y);
    for (let k = 0; k < Math.min(255, top.length); k++) {
      this.dense[top[k]] = k + 1;
      if (known(top[k])) this.knownDense[top[k]] = k + 1;
    }
    const { pairLeft, pairRight, dense } = this;
    for (let slot = 0; slot < pairLeft.length; slot++) {
      const l = pairLeft[slot];
      if (l === -1) continue;
      const r = pairRight[slot];
      const dl = l <= 0xffff ? dense[l] : 0;
      const dr = r <= 0xffff ? dense[r] : 0;
      if (dl !== 0 && dr !== 0) this.densePairs[(dl << 8) | dr] = 1;
    }
    this.unknown = unknown;
    this.unknownPair =
      unknown.bytesOnly && unknown.last.every((l) => unknown.first.every((f) => !this.adjacent(l, f)));
  }

  /** Whether some token has code point `l` immediately followed by `r`. */
  adjacent(l: number, r: number): boolean {
    const dl = l <= 0xffff ? this.dense[l] : 0;
    const dr = r <= 0xffff ? this.dense[r] : 0;
    if (dl !== 0 && dr !== 0) return this.densePairs[(dl << 8) | dr] === 1;
    if (l <= 0xffff && this.hasRight[l] === 0) return false;
    if (r <= 0xffff && this.hasLeft[r] === 0) return false;
    const { pairLeft, pairRight } = this;
    const mask = pairLeft.length - 1;
    for (let slot = pairHash(l, r) & mask; ; slot = (slot + 1) & mask) {
      const a = pairLeft[slot];
      if (a === -1) return false;
      if (a === l && pairRight[slot] === r) return true;
    }
  }

  /**
   * Whether a word may be cut between code point `x` and the following `y`; `xKnown` /
   * `yKnown`: whether each is a vocabulary character (else it becomes fallback symbols).
   */
  cuttable(x: number, xKnown: boolean, y: number, yKnown: boolean): boolean {
    if (xKnown && yKnown) return !this.adjacent(x, y);
    if (!xKnown && !yKnown) return this.unknownPair;
    const { last, first } = this.unknown;
    if (!xKnown) {
      for (const l of last) if (this.adjacent(l, y)) return false;
      return true;
    }
    for (const f of first) if (this.adjacent(x, f)) return false;
    return true;
  }

  private addPair(l: number, r: number): void {
    if (2 * (this.pairs + 1) > this.pairLeft.length) this.grow();
    const { pairLeft, pairRight } = this;
    const mask = pairLeft.length - 1;
    let slot = pairHash(l, r) & mask;
    for (; pairLeft[slot] !== -1; slot = (slot + 1) & mask) {
      if (pairLeft[slot] === l && pairRight[slot] === r) return;
    }
    pairLeft[slot] = l;
    pairRight[slot] = r;
    this.pairs++;
    if (l <= 0xffff) this.hasRight[l] = 1;
    if (r <= 0xffff) this.hasLeft[r] = 1;
  }

  private grow(): void {
    const oldLeft = this.pairLeft;
    const oldRight = this.pairRight;
    this.pairLeft = new Int32Array(2 * oldLeft.length).fill(-1);
    this.pairRight = new Int32Array(2 * oldLeft.length);
    this.pairs = 0;
    for (let slot = 0; slot < oldLeft.length; slot++) {
      if (oldLeft[slot] !== -1) this.addPair(oldLeft[slot], oldRight[slot]);
    }
  }
}

/** The code point at `s[i]` within `[i, end)`; a lone surrogate is U+FFFD, as on the Rust side. */
export function codePointAt(s: string, i: number, end: number): number {
  const c = s.charCodeAt(i);
  if ((c & 0xf800) !== 0xd800) return c;
  if (c < 0xdc00 && i + 1 < end) {
    const d = s.charCodeAt(i + 1);
    if ((d & 0xfc00) === 0xdc00) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return 0xfffd;
}
