/**
 * Tools of the SuperBPE tests: a generated English-like corpus with repeated multi-word
 * expressions, piece counting, a plain merge-list BPE encoder (lowest rank first, as the
 * Hugging Face BPE model encodes), and a naive SuperBPE trainer that recounts every pair at each
 * step (stage 1 is the naive BPE trainer of test/train; stage 2 replays its merges and continues
 * with the superword vetoes written out again on latin1 strings).
 */

import { nextGpt2Piece } from "../../../src/core/pretokenize/gpt2.js";
import { seededRandom } from "../../../src/core/random.js";
import type { TrainedBpe } from "../../../src/train/types.js";
import { type NaiveOptions, naiveBpe } from "./naive-bpe.js";

const WORDS = (
  "the of and to in is was for on that with as it by at from his an were are which this be " +
  "or has had not first one their its new after but who they two her she been other when time " +
  "people year during into most only over city some world would where later up such used many " +
  "can state about national out known university united then made team three under part well"
).split(" ");

/** Multi-word expressions, repeated often: SuperBPE should learn some as single tokens. */
const EXPRESSIONS = [
  "by the way",
  "as a matter of fact",
  "on the other hand",
  "in order to",
  "at the same time",
  "it is important to note that",
  "for the first time",
];

/**
 * `paragraphs` paragraphs of generated text: Zipf-distributed words, expressions, numbers,
 * punctuation and "Question: …" / "Answer: …" lines (colon followed by a space).
 */
export function generateText(seed: number, paragraphs: number): string {
  const rnd = seededRandom(seed);
  const word = () => WORDS[Math.floor(WORDS.length * rnd() ** 2.5)];
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const sentences: string[] = [];
    const n = 1 + Math.floor(rnd() * 4);
    for (let s = 0; s < n; s++) {
      const parts: string[] = [];
      const len = 3 + Math.floor(rnd() * 10);
      for (let k = 0; k < len; k++) {
        const x = rnd();
        if (x < 0.12) parts.push(EXPRESSIONS[Math.floor(rnd() * EXPRESSIONS.length)]);
        else if (x < 0.15) parts.push(String(Math.floor(rnd() * 10 ** (1 + Math.floor(rnd() * 7)))));
        else parts.push(word());
      }
      let sentence = parts.join(" ");
      sentence = sentence[0].toUpperCase() + sentence.slice(1);
      sentences.push(sentence + (rnd() < 0.8 ? "." : rnd() < 0.5 ? "?" : ","));
    }
    const body = sentences.join(" ");
    out.push(rnd() < 0.2 ? `Question: ${body}\nAnswer: ${word()} ${word()}.` : body);
  }
  return out.join("\n\n");
}

/** Piece counts of `texts` cut by `split`. */
export function countPieces(
  texts: readonly string[],
  split: (text: string) => string[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of texts) for (const p of split(t)) counts.set(p, (counts.get(p) ?? 0) + 1);
  return counts;
}

/** GPT-2 pieces (the stage-1 pretokenizer of these tests). */
export function gpt2Pieces(text: string): string[] {
  const out: string[] = [];
  for (let p = 0; p < text.length; ) {
    const e = nextGpt2Piece(text, p, text.length);
    out.push(text.slice(p, e));
    p = e;
  }
  return out;
}

const utf8 = new TextEncoder();
const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/**
 * Encodes pieces with a trained byte-level BPE the textbook way: start from bytes, repeatedly
 * merge the adjacent pair of lowest merge rank (all its occurrences, left to right).
 */
export class MergeListEncoder {
  private readonly rank = new Map<string, number>();
  private readonly merged: number[] = [];
  private readonly byteId: number[] = [];
  private readonly cache = new Map<string, number>();

  constructor(trained: TrainedBpe) {
    const ids = new Map<string, number>();
    const special = new Set(trained.specialIds);
    trained.tokens.forEach((t, id) => {
      const k = latin1(t);
      if (!special.has(id) && !ids.has(k)) ids.set(k, id);
    });
    for (let b = 0; b < 256; b++) this.byteId[b] = ids.get(String.fromCharCode(b)) ?? -1;
    trained.merges.forEach(([a, b], r) => {
      const key = `${a},${b}`;
      if (!this.rank.has(key)) this.rank.set(key, r);
      this.merged[r] = ids.get(latin1(trained.tokens[a]) + latin1(trained.tokens[b]))!;
    });
  }

  /** Tokens of one piece. */
  encodePiece(piece: string): number[] {
    let syms = [...utf8.encode(piece)].map((b) => this.byteId[b]);
    for (;;) {
      let best = -1;
      for (let i = 0; i + 1 < syms.length; i++) {
        const r = this.rank.get(`${syms[i]},${syms[i + 1]}`);
        if (r !== undefined && (best < 0 || r < best)) best = r;
      }
      if (best < 0) return syms;
      const out: number[] = [];
      for (let i = 0; i < syms.length; i++) {
        if (i + 1 < syms.length && this.rank.get(`${syms[i]},${syms[i + 1]}`) === best) {
          out.push(this.merged[best]);
          i++;
        } else out.push(syms[i]);
      }
      syms = out;
    }
  }

  /** Number of tokens of `pieces` (cached per distinct piece). */
  count(pieces: readonly string[]): number {
    let n = 0;
    for (const p of pieces) {
      let c = this.cache.get(p);
      if (c === undefined) {
        c = this.encodePiece(p).length;
        this.cache.set(p, c);
      }
      n += c;
    }
    return n;
  }
}

/** Words of a latin1 byte string: runs of characters other than the space. */
function naiveWords(s: string): number {
  return s.split(" ").filter((w) => w !== "").length;
}

export interface NaiveSuperOptions extends NaiveOptions {
  transition: number;
  maxWords?: number;
  colonSpace?: boolean;
}

/**
 * Naive SuperBPE: naive BPE to the transition, then every stage-2 word rewritten by the stage-1
 * merges in order, then the recount-everything loop with the stage-2 vetoes.
 */
export function naiveSuperBpe(
  stage1: Map<string, number>,
  stage2: Map<string, number>,
  o: NaiveSuperOptions,
): { tokens: string[]; merges: Array<[number, number]> } {
  const first = naiveBpe(stage1, { ...o, vocabSize: o.transition });
  const tokens = [...first.tokens];
  const merges = [...first.merges];
  const index = new Map<string, number>();
  tokens.forEach((t, id) => {
    if (!index.has(t)) index.set(t, id);
  });
  const specials = o.specialTokens?.length ?? 0;
  const mergeable = tokens.map((_, id) => id >= specials);
  const add = (t: string) => {
    const got = index.get(t);
    if (got !== undefined) return got;
    tokens.push(t);
    mergeable.push(true);
    index.set(t, tokens.length - 1);
    return tokens.length - 1;
  };
  const rewrite = (syms: number[], a: number, b: number, m: number) => {
    const out: number[] = [];
    for (let i = 0; i < syms.length; i++) {
      if (i + 1 < syms.length && syms[i] === a && syms[i + 1] === b) {
        out.push(m);
        i++;
      } else out.push(syms[i]);
    }
    return out;
  };
  const words = [...stage2].map(([p, n]) => ({
    syms: [...utf8.encode(p)].map((b) => index.get(String.fromCharCode(b))!),
    n,
  }));
  for (const [a, b] of first.merges) {
    const m = index.get(tokens[a] + tokens[b])!;
    for (const w of words) w.syms = rewrite(w.syms, a, b, m);
  }
  const maxWords = o.maxWords ?? 4;
  const colonSpace = o.colonSpace ?? true;
  const vetoed = (a: number, b: number) => {
    const t = tokens[a] + tokens[b];
    return (colonSpace && t.includes(": ")) || naiveWords(t) > maxWords;
  };
  while (tokens.length < o.vocabSize) {
    const counts = new Map<string, { a: number; b: number; n: number }>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.syms.length; i++) {
        const a = w.syms[i];
        const b = w.syms[i + 1];
        if (!mergeable[a] || !mergeable[b] || vetoed(a, b)) continue;
        const k = `${a},${b}`;
        const e = counts.get(k) ?? { a, b, n: 0 };
        e.n += w.n;
        counts.set(k, e);
      }
    }
    let best: { a: number; b: number; n: number } | undefined;
    for (const e of counts.values()) {
      if (!best || e.n > best.n || (e.n === best.n && before(e, best))) best = e;
    }
    if (!best) break;
    const m = add(tokens[best.a] + tokens[best.b]);
    merges.push([best.a, best.b]);
    for (const w of words) w.syms = rewrite(w.syms, best.a, best.b, m);
  }
  return { tokens, merges };

  function before(x: { a: number; b: number }, y: { a: number; b: number }): boolean {
    if (o.tieBreak === "id") return x.a !== y.a ? x.a < y.a : x.b < y.b;
    if (tokens[x.a] !== tokens[y.a]) return tokens[x.a] < tokens[y.a];
    return tokens[x.b] < tokens[y.b];
  }
}
