/**
 * A set of characters given by a piece of JavaScript regex source that matches exactly one
 * character (`[^\s\p{L}]`, `\p{N}`, `.`, `(?![\u{20c1}])[\p{S}]`...). Membership is asked of
 * JavaScript's own RegExp, once per code point, and remembered: the linear engine agrees with
 * V8 on every class, property and Unicode version by construction, without tables of its own.
 *
 * Memory is bounded whatever a hostile pattern holds (up to 1,000 sets): answers are kept in
 * pages of 256 code points allocated when first asked, all sets together at most
 * `PAGE_BUDGET` pages; past that, answers are asked again each time (slower, never more memory).
 * A single literal character (`\u{61}`, most of a pattern) needs no memory at all.
 */

/** Pages of answers all sets may hold together: 65,536 × 256 bytes = 16 MiB. */
const PAGE_BUDGET = 65_536;
let pagesInUse = 0;
/** Gives a collected set's pages back to the budget (a long-lived process loads many files). */
const released = new FinalizationRegistry<{ pages: number }>((held) => {
  pagesInUse -= held.pages;
});

const LITERAL_ESCAPE = /^\\u\{([0-9a-fA-F]{1,6})\}$/;
/** Characters that mean something other than themselves when alone in a pattern. */
const SYNTAX = new Set(["^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|"]);

export class CharSet {
  private readonly re: RegExp;
  /** The one code point of a literal source, else -1. */
  private readonly literal: number;
  /** Per page of 256 code points: per code point 0 not asked yet, 1 outside, 2 inside. */
  private readonly pages: (Uint8Array | undefined)[] = [];
  /** How many pages this set holds (a separate object: the registry must not keep the set alive). */
  private readonly held = { pages: 0 };

  constructor(readonly source: string) {
    this.re = new RegExp(`^(?:${source})$`, "u");
    this.literal = literalOf(source);
    if (this.literal < 0) released.register(this, this.held);
  }

  /** Whether the character `cp` (a code point, or a lone surrogate) is in the set. */
  has(cp: number): boolean {
    if (this.literal >= 0) return cp === this.literal;
    let page = this.pages[cp >> 8];
    if (page !== undefined) {
      const v = page[cp & 0xff];
      if (v !== 0) return v === 2;
    }
    const yes = this.re.test(String.fromCodePoint(cp));
    if (page === undefined && pagesInUse < PAGE_BUDGET) {
      pagesInUse++;
      this.held.pages++;
      page = new Uint8Array(256);
      this.pages[cp >> 8] = page;
    }
    if (page !== undefined) page[cp & 0xff] = yes ? 2 : 1;
    return yes;
  }
}

/** The code point a source stands for when it is one literal character, else -1. */
function literalOf(source: string): number {
  const m = LITERAL_ESCAPE.exec(source);
  if (m !== null) {
    const cp = Number.parseInt(m[1], 16);
    // A surrogate code point written as an escape stays a lone surrogate: literal too.
    return cp <= 0x10ffff ? cp : -1;
  }
  const cp = source.codePointAt(0);
  if (cp === undefined || source.length !== (cp > 0xffff ? 2 : 1) || SYNTAX.has(source)) return -1;
  return cp;
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
