/**
 * Hugging Face's WordPieceTrainer: its BpeTrainer with the continuing-subword prefix `##`. Each
 * word starts as its characters, all but the first written `##c`; the most frequent pair of
 * neighbours merges (ties: the pair of smaller ids), the second part losing its prefix (`a` +
 * `##b` → `ab`, `##a` + `##b` → `##ab`), until the vocabulary is full or no pair is left; the
 * vocabulary (not the merges) is the WordPiece model. Browser-safe: it takes word counts.
 *
 * The `##c` tokens get their ids in the order words are read; Hugging Face reads them from a hash
 * map, so its ids, and which of two equally frequent pairs merges first, vary from run to run.
 * Here words are read in the order of a fixed hash of their text: reproducible, and like one of
 * Hugging Face's runs (first-seen order is not: it ties ids to the text's order, which shifts
 * which pairs win ties; docs/decisions/0046).
 */

/** Options, with the Hugging Face trainer's names and defaults. */
export interface WordPieceTrainOptions {
  /** The whole vocabulary, special tokens included (`vocab_size`, 30,000). */
  readonly vocabSize?: number;
  /** Stop when the best pair occurs fewer times (`min_frequency`, 0). */
  readonly minFrequency?: number;
  /** Tokens given the first ids, never learned (`special_tokens`). */
  readonly specialTokens?: readonly string[];
  /** At most this many characters in the alphabet, the most frequent (`limit_alphabet`). */
  readonly limitAlphabet?: number;
  /** Characters always in the alphabet (`initial_alphabet`). */
  readonly initialAlphabet?: readonly string[];
  /** The continuing-subword prefix (`##`). */
  readonly prefix?: string;
}

/** A trained WordPiece vocabulary: tokens by id. */
export interface TrainedWordPiece {
  readonly tokens: readonly string[];
  readonly specialTokens: readonly string[];
  readonly prefix: string;
  /** Merges made (a merge that rebuilds an existing token adds none to the vocabulary). */
  readonly merges: number;
  /**
   * The first merge chosen among pairs of equal count (`merges` if none): up to it the result
   * depends on the counts alone, so any trainer with these rules, whatever its ids, agrees.
   */
  readonly firstTie: number;
  /** The vocabulary's size when the first tie came (tokens before it follow from the counts). */
  readonly untiedTokens: number;
}

/** A max-heap of pairs: higher count first, then smaller (left, right) ids. */
class PairHeap {
  private readonly count: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];

  get size(): number {
    return this.count.length;
  }

  private before(i: number, j: number): boolean {
    const c = this.count;
    if (c[i] !== c[j]) return c[i] > c[j];
    if (this.left[i] !== this.left[j]) return this.left[i] < this.left[j];
    return this.right[i] < this.right[j];
  }

  private swap(i: number, j: number): void {
    for (const a of [this.count, this.left, this.right]) [a[i], a[j]] = [a[j], a[i]];
  }

  push(count: number, left: number, right: number): void {
    this.count.push(count);
    this.left.push(left);
    this.right.push(right);
    let i = this.count.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** The top's [count, left, right], without removing it. */
  peek(): [number, number, number] {
    return [this.count[0], this.left[0], this.right[0]];
  }

  /** Removes the top; its [count, left, right]. */
  pop(): [number, number, number] {
    const top: [number, number, number] = [this.count[0], this.left[0], this.right[0]];
    const last = this.count.length - 1;
    this.swap(0, last);
    this.count.pop();
    this.left.pop();
    this.right.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < last && this.before(l, m)) m = l;
      if (r < last && this.before(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }
}

/** FNV-1a over UTF-16 units: a fixed, well-mixed order for the words. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const SHIFT = 2 ** 26;
const pairKey = (a: number, b: number) => a * SHIFT + b;

/**
 * Trains a WordPiece vocabulary on word counts (the words after Bert's normalizer and
 * pre-tokenizer, as {@link bertWordCounts} gives them).
 *
 * @example
 * ```ts
 * const trained = trainWordPiece(new Map([["hello", 3], ["help", 2]]), { specialTokens: ["[UNK]"] });
 * trained.tokens; // ["[UNK]", "e", "h", "l", "o", "p", "##e", "##l", ..., "he", "hel", ...]
 * ```
 */
export function trainWordPiece(
  counts: ReadonlyMap<string, number>,
  options: WordPieceTrainOptions = {},
): TrainedWordPiece {
  const vocabSize = options.vocabSize ?? 30_000;
  const minFrequency = options.minFrequency ?? 0;
  const prefix = options.prefix ?? "##";
  const tokens: string[] = [];
  const ids = new Map<string, number>();
  const add = (t: string): number => {
    let id = ids.get(t);
    if (id === undefined) {
      id = tokens.length;
      tokens.push(t);
      ids.set(t, id);
    }
    return id;
  };
  const specials = options.specialTokens ?? [];
  for (const s of specials) add(s);

  // The alphabet: every character by frequency (the initial ones always), limited, then in
  // code point order.
  const charCount = new Map<string, number>();
  for (const [w, c] of counts) for (const ch of w) charCount.set(ch, (charCount.get(ch) ?? 0) + c);
  for (const ch of options.initialAlphabet ?? []) charCount.set(ch, Number.MAX_SAFE_INTEGER);
  let alphabet = [...charCount];
  const limit = options.limitAlphabet;
  if (limit !== undefined && alphabet.length > limit) {
    alphabet.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    alphabet = alphabet.slice(0, limit);
  }
  alphabet.sort((a, b) => (a[0].codePointAt(0) as number) - (b[0].codePointAt(0) as number));
  for (const [ch] of alphabet) add(ch);
  const inAlphabet = new Set(alphabet.map(([ch]) => ch));

  // Words as symbol ids; characters outside the alphabet are left out, as Hugging Face does.
  const words: number[][] = [];
  const wordCount: number[] = [];
  const order = [...counts].map(([w, c]) => ({ w, c, h: fnv1a(w) }));
  order.sort((x, y) => x.h - y.h || (x.w < y.w ? -1 : x.w > y.w ? 1 : 0));
  for (const { w, c } of order) {
    const symbols: number[] = [];
    let first = true;
    for (const ch of w) {
      if (!inAlphabet.has(ch)) {
        first = false;
        continue;
      }
      symbols.push(add(first ? ch : prefix + ch));
      first = false;
    }
    words.push(symbols);
    wordCount.push(c);
  }

  const pairCount = new Map<number, number>();
  const where = new Map<number, Set<number>>();
  const note = (key: number, delta: number, w: number) => {
    pairCount.set(key, (pairCount.get(key) ?? 0) + delta);
    if (delta > 0) {
      const s = where.get(key);
      if (s === undefined) where.set(key, new Set([w]));
      else s.add(w);
    }
  };
  for (let w = 0; w < words.length; w++) {
    const s = words[w];
    for (let i = 0; i + 1 < s.length; i++) note(pairKey(s[i], s[i + 1]), wordCount[w], w);
  }
  const heap = new PairHeap();
  for (const [key, c] of pairCount) if (c > 0) heap.push(c, Math.floor(key / SHIFT), key % SHIFT);

  let merges = 0;
  let firstTie = -1;
  let untiedTokens = -1;
  while (tokens.length < vocabSize && heap.size > 0) {
    const [count, a, b] = heap.pop();
    const key = pairKey(a, b);
    const actual = pairCount.get(key) ?? 0;
    if (count !== actual) {
      if (actual > 0) heap.push(actual, a, b);
      continue;
    }
    if (count < 1 || count < minFrequency) break;
    if (firstTie < 0) {
      // Settle stale entries at the top (as the loop would), then compare the next count.
      while (heap.size > 0) {
        const [c2, a2, b2] = heap.peek();
        const actual2 = pairCount.get(pairKey(a2, b2)) ?? 0;
        if (c2 === actual2) {
          if (c2 === count) {
            firstTie = merges;
            untiedTokens = tokens.length;
          }
          break;
        }
        heap.pop();
        if (actual2 > 0) heap.push(actual2, a2, b2);
      }
    }
    const right = tokens[b].startsWith(prefix) ? tokens[b].slice(prefix.length) : tokens[b];
    const merged = add(tokens[a] + right);
    merges++;
    const raised = new Set<number>();
    for (const w of where.get(key) ?? []) {
      const s = words[w];
      const c = wordCount[w];
      // Merge left to right without overlap; update the counts of the pairs around each merge.
      let changed = false;
      const out: number[] = [];
      for (let i = 0; i < s.length; i++) {
        if (i + 1 < s.length && s[i] === a && s[i + 1] === b) {
          if (!changed) {
            for (let k = 0; k + 1 < s.length; k++) note(pairKey(s[k], s[k + 1]), -c, w);
            changed = true;
          }
          out.push(merged);
          i++;
        } else out.push(s[i]);
      }
      if (!changed) continue;
      for (let k = 0; k + 1 < out.length; k++) {
        const pk = pairKey(out[k], out[k + 1]);
        note(pk, c, w);
        raised.add(pk);
      }
      words[w] = out;
    }
    where.delete(key);
    for (const pk of raised) {
      const c = pairCount.get(pk) ?? 0;
      if (c > 0 && pk !== key) heap.push(c, Math.floor(pk / SHIFT), pk % SHIFT);
    }
  }
  return {
    tokens,
    specialTokens: specials,
    prefix,
    merges,
    firstTie: firstTie < 0 ? merges : firstTie,
    untiedTokens: untiedTokens < 0 ? tokens.length : untiedTokens,
  };
}
