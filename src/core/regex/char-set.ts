/**
 * A set of characters given by a piece of JavaScript regex source that matches exactly one
 * character (`[^\s\p{L}]`, `\p{N}`, `.`, `(?![\u{20c1}])[\p{S}]`...). Membership is asked of
 * JavaScript's own RegExp, once per code point, and remembered: the linear engine agrees with
 * V8 on every class, property and Unicode version by construction, without tables of its own.
 */
export class CharSet {
  private readonly re: RegExp;
  /** Per BMP code point: 0 not asked yet, 1 outside, 2 inside. */
  private readonly bmp = new Uint8Array(0x10000);
  /** The same for the other planes, each allocated when first asked. */
  private readonly planes: (Uint8Array | undefined)[] = [];

  constructor(readonly source: string) {
    this.re = new RegExp(`^(?:${source})$`, "u");
  }

  /** Whether the character `cp` (a code point, or a lone surrogate) is in the set. */
  has(cp: number): boolean {
    if (cp < 0x10000) {
      const v = this.bmp[cp];
      if (v !== 0) return v === 2;
      const yes = this.re.test(String.fromCharCode(cp));
      this.bmp[cp] = yes ? 2 : 1;
      return yes;
    }
    let plane = this.planes[cp >> 16];
    if (plane === undefined) {
      plane = new Uint8Array(0x10000);
      this.planes[cp >> 16] = plane;
    }
    const v = plane[cp & 0xffff];
    if (v !== 0) return v === 2;
    const yes = this.re.test(String.fromCodePoint(cp));
    plane[cp & 0xffff] = yes ? 2 : 1;
    return yes;
  }
}

const cache = new Map<string, CharSet>();
/** Sets shared between patterns (`\p{L}` recurs); beyond this many, the cache starts over. */
const CACHE_LIMIT = 256;

/** The set for `source`, shared with every pattern that uses the same source. */
export function charSet(source: string): CharSet {
  let set = cache.get(source);
  if (set === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    set = new CharSet(source);
    cache.set(source, set);
  }
  return set;
}
