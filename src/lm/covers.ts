/**
 * The covers of a byte stream, kept up to date as bytes are appended (Phan et al. 2024, "Exact
 * Byte-Level Probabilities from Tokenized Language Models"). A cover of stream bytes x₁…xₙ is a
 * canonical token sequence whose tokens before the last spell a prefix of x and whose last token
 * starts inside x and spells the rest of it (and possibly more). Every token sequence the model
 * can produce whose bytes start with x begins with exactly one cover, so
 *
 *   P(text starts with x) = Σ over covers c of P(c),
 *
 * and the next-byte distribution follows by grouping the covers of x·b by b.
 *
 * Layout: the tokens before the last boundary no token crosses (boundary.ts) are shared by every
 * cover (`shared`); after it, a cover is a *tiling* of the stream up to some position j (the
 * canonical encoding of those bytes) followed by a last token that starts at j. Tilings are kept
 * per position; the last tokens that fit are a range of the sorted vocabulary (token-index.ts);
 * a cover is kept only when canonical: re-encoding its text gives it back.
 */
import { lastBoundary } from "./boundary.js";
import type { ModelCalls } from "./model-calls.js";
import type { TokenStream } from "./stream.js";
import type { TokenIndex } from "./token-index.js";
import { completeLength } from "./utf8.js";

/** One tiling of the stream from the boundary to a position. */
interface Tiling {
  /** Ids after the shared prefix. */
  ids: number[];
  key: string;
  /** log P(ids | context so far); NaN until scored. */
  logp: number;
  /** The model's next-token log-probabilities after the tiling (by id). */
  lp?: Float64Array;
  /**
   * The sorted positions in `[lo, hi)` whose token has a finite log-probability, ascending: the
   * tokens that can end a cover here (a sparse model's few, a smoothed one's all).
   */
  support?: Int32Array;
  lo: number;
  hi: number;
  /** By index in `support`: 0 not checked yet, 1 this tiling + that token is canonical, -1 not. */
  valid?: Int8Array;
}

interface Position {
  readonly tilings: Tiling[];
  /** The text of the stream from the boundary to here (`null`: not whole characters). */
  readonly text: string | null;
}

/** What the cover state did so far (for benchmarks). */
export interface CoverStats {
  /** Canonical checks of a cover (one encode each). */
  checks: number;
  /** Covers summed. */
  covers: number;
  /**
   * Stream bytes given to the tokenizer to encode: what keeps the work per byte flat (with the
   * boundary, each encode is of the stretch after it, not of the prompt).
   */
  encoded: number;
}

export interface CoverOptions {
  /** Characters that must follow a piece start before it counts as a boundary. */
  readonly margin: number;
  /** Check the last token of each cover too (else only the tokens before it). */
  readonly checkLastToken: boolean;
}

const NEG = Number.NEGATIVE_INFINITY;

export class CoverState {
  readonly stats: CoverStats = { checks: 0, covers: 0, encoded: 0 };
  private bytes = new Uint8Array(256);
  private n = 0;
  /** The boundary: stream offset before which every cover agrees. */
  private b = 0;
  /** The ids of the stream before the boundary. */
  private shared: number[] = [];
  /** How many of `shared` are scored into `sharedLogP`. */
  private sharedScored = 0;
  private sharedLogP = 0;
  private positions = new Map<number, Position>();
  private prefixScores = new Map<string, number>();

  constructor(
    private readonly index: TokenIndex,
    private readonly stream: TokenStream,
    private readonly calls: ModelCalls,
    private readonly options: CoverOptions,
  ) {}

  /** Makes the state describe `stream` (reusing what a common prefix allows). */
  set(stream: Uint8Array): void {
    let common = 0;
    const limit = Math.min(this.n, stream.length);
    while (common < limit && this.bytes[common] === stream[common]) common++;
    if (common < this.n) {
      // The boundary holds for every continuation of the old stream; for a stream that leaves it
      // earlier only if enough of what made it a boundary is kept.
      if (this.b > 0 && (common < this.b || !this.keepsBoundary(common))) this.reset();
      else this.truncate(common);
    }
    if (stream.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(stream.length, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.n));
      this.bytes = grown;
    }
    this.bytes.set(stream.subarray(this.n), this.n);
    this.n = stream.length;
    this.advance();
  }

  private keepsBoundary(m: number): boolean {
    // Between two bytes no token spans: only while the byte after the boundary is kept (the
    // stream cut at the boundary can go on with a byte that some token joins to the one before).
    if (!this.stream.splits) return m > this.b;
    let chars = 0;
    for (let i = this.b; i < m; i++) if ((this.bytes[i] & 0xc0) !== 0x80) chars++;
    return chars >= this.options.margin;
  }

  private reset(): void {
    this.n = 0;
    this.b = 0;
    this.shared = [];
    this.sharedScored = 0;
    this.sharedLogP = 0;
    this.positions.clear();
    this.prefixScores.clear();
    this.calls.clear();
  }

  /** Back to the first `m` bytes (m >= the boundary). */
  private truncate(m: number): void {
    this.n = m;
    for (const [j, position] of this.positions) {
      if (j > m) this.positions.delete(j);
      // The supports were cut to the longer stream's needs.
      else for (const t of position.tilings) t.support = undefined;
    }
  }

  /** Moves the boundary as far as the stream allows, folding the tokens before it into `shared`. */
  private advance(): void {
    const p = lastBoundary(this.stream, this.index, this.bytes, this.b, this.n, this.options.margin);
    if (p <= this.b) return;
    this.stats.encoded += p - this.b;
    const added = this.stream.canonical(this.bytes, this.b, p);
    if (added === null) return;
    this.shared.push(...added);
    this.calls.rebase(added);
    const moved = new Map<number, Position>();
    for (const [j, position] of this.positions) {
      if (j < p) continue;
      const tilings: Tiling[] = [];
      for (const t of position.tilings) {
        if (!startsWith(t.ids, added)) continue;
        const ids = t.ids.slice(added.length);
        tilings.push({ ...t, ids, key: ids.join(","), logp: Number.NaN });
      }
      const text = position.text === null ? null : this.stream.textOf(this.bytes, p, j);
      moved.set(j, { tilings, text });
    }
    this.positions = moved;
    this.prefixScores.clear();
    this.b = p;
  }

  /** log P(the stream's shared ids), asking the model for what is not scored yet. */
  async sharedLogProb(): Promise<number> {
    while (this.sharedScored < this.shared.length && this.sharedLogP > NEG) {
      const logProbs = await this.calls.call([
        ...this.calls.prefix,
        ...this.shared.slice(0, this.sharedScored),
      ]);
      this.sharedLogP += logProbs[this.shared[this.sharedScored]];
      this.sharedScored++;
    }
    return this.sharedLogP;
  }

  /** The tilings of the stream from the boundary to `j`. */
  private position(j: number): Position {
    let position = this.positions.get(j);
    if (position !== undefined) return position;
    const tilings: Tiling[] = [];
    let text: string | null = null;
    if (j === this.b) {
      tilings.push(newTiling([]));
      text = "";
    } else if (isCharBoundary(this.bytes, this.b, j)) {
      text = this.stream.textOf(this.bytes, this.b, j);
      this.stats.encoded += j - this.b;
      const ids = text === null ? null : this.stream.canonicalOfText(text, j - this.b);
      if (ids !== null) tilings.push(newTiling(ids));
    } else {
      // Inside a character: no text to encode. The tilings are those of an earlier position
      // followed by a token that ends here; which of them is canonical is settled by the covers
      // that complete the character (the others get probability from no canonical cover).
      const seen = new Set<string>();
      for (let i = Math.max(this.b, j - this.index.maxLength); i < j; i++) {
        const ids = this.index.exact(this.bytes, i, j);
        if (ids.length === 0) continue;
        for (const t of this.position(i).tilings) {
          for (const id of ids) {
            const tiling = newTiling([...t.ids, id]);
            if (!seen.has(tiling.key)) {
              seen.add(tiling.key);
              tilings.push(tiling);
            }
          }
        }
      }
    }
    position = { tilings, text };
    this.positions.set(j, position);
    return position;
  }

  /** log P(t.ids | shared), scoring prefixes once. */
  private async score(t: Tiling): Promise<number> {
    if (!Number.isNaN(t.logp)) return t.logp;
    let logp = 0;
    let k = t.ids.length;
    // The longest scored prefix.
    for (; k > 0; k--) {
      const known = this.prefixScores.get(t.ids.slice(0, k).join(","));
      if (known !== undefined) {
        logp = known;
        break;
      }
    }
    for (; k < t.ids.length && logp > NEG; k++) {
      const logProbs = await this.calls.get(this.shared, t.ids.slice(0, k));
      logp += logProbs[t.ids[k]];
      this.prefixScores.set(t.ids.slice(0, k + 1).join(","), logp);
    }
    if (k < t.ids.length) logp = NEG;
    t.logp = logp;
    return logp;
  }

  /**
   * Loads `t.lp` and makes `t.support` cover sorted positions `[lo, hi)`; returns the indices
   * `[from, to)` of `t.support` that fall in that range.
   */
  private async support(t: Tiling, lo: number, hi: number): Promise<[number, number]> {
    if (t.support === undefined || lo < t.lo || hi > t.hi) {
      t.lp ??= await this.calls.get(this.shared, t.ids);
      t.support = this.finite(t.lp, lo, hi);
      t.valid = new Int8Array(t.support.length);
      t.lo = lo;
      t.hi = hi;
    }
    const s = t.support;
    return [lowerBound(s, lo), lowerBound(s, hi)];
  }

  /** The sorted positions in `[lo, hi)` whose token has a finite log-probability in `lp`. */
  private finite(lp: Float64Array, lo: number, hi: number): Int32Array {
    const { sorted, position } = this.index;
    if (hi - lo < sorted.length / 4) {
      const out = new Int32Array(hi - lo);
      let count = 0;
      for (let k = lo; k < hi; k++) if (lp[sorted[k]] > NEG) out[count++] = k;
      return out.slice(0, count);
    }
    // A wide range: read the distribution in id order (sequential memory), which for a sparse
    // model leaves few positions to sort.
    let count = 0;
    for (let id = 0; id < lp.length; id++) if (lp[id] > NEG) count++;
    if (count > sorted.length / 8) {
      const out = new Int32Array(hi - lo);
      let c = 0;
      for (let k = lo; k < hi; k++) if (lp[sorted[k]] > NEG) out[c++] = k;
      return out.slice(0, c);
    }
    const out = new Int32Array(count);
    let c = 0;
    for (let id = 0; id < lp.length; id++) {
      const k = position[id];
      if (lp[id] > NEG && k >= lo && k < hi) out[c++] = k;
    }
    return out.slice(0, c).sort();
  }

  /**
   * Whether tiling `t` (at `j`) followed by the token at sorted position `k` is canonical. A
   * re-encoding that splits the stream before the token differently from `t` is another tiling
   * of `j` (a pretokenizer that cuts a shorter text differently): it is added to the position.
   */
  private check(j: number, position: Position, t: Tiling, i: number): boolean {
    const valid = t.valid!;
    const known = valid[i];
    if (known !== 0) return known > 0;
    let ok = true;
    if (this.options.checkLastToken) {
      const id = this.index.sorted[t.support![i]];
      const ids = this.reencode(j, position, id);
      if (ids !== undefined) {
        this.stats.checks++;
        ok = ids.length === t.ids.length + 1 && ids[t.ids.length] === id && startsWith(ids, t.ids);
        if (!ok && ids.length > 0 && ids[ids.length - 1] === id) {
          const before = ids.slice(0, -1);
          const key = before.join(",");
          if (!position.tilings.some((o) => o.key === key) && this.spells(before, j - this.b)) {
            position.tilings.push(newTiling(before));
          }
        }
      }
    }
    valid[i] = ok ? 1 : -1;
    return ok;
  }

  /** The canonical ids of the stream to `j` followed by token `id`; undefined when that is not whole text. */
  private reencode(j: number, position: Position, id: number): number[] | undefined {
    const length = j - this.b + this.index.keys[this.index.position[id]].length;
    this.stats.encoded += length;
    const tokenText = this.stream.tokenText(id);
    // Text plus text, unless the token itself holds part of the stream prefix (a last token that
    // starts at the boundary, as Llama 2's "▁a" holds the dummy space): then its bytes minus
    // the prefix are the text, by the slow path.
    if (position.text !== null && tokenText !== null && j - this.b >= this.stream.prefix.length) {
      return this.stream.canonicalOfText(position.text + tokenText, length) ?? [];
    }
    // A character cut between the tiling and the token, or at the token's end.
    const key = this.index.keys[this.index.position[id]];
    const joined = new Uint8Array(length);
    joined.set(this.bytes.subarray(this.b, j));
    for (let i = 0; i < key.length; i++) joined[j - this.b + i] = key.charCodeAt(i);
    if (completeLength(joined, 0, length) !== length) return undefined;
    const text = this.stream.textOf(joined, 0, length);
    return text === null ? [] : (this.stream.canonicalOfText(text, length) ?? []);
  }

  private spells(ids: readonly number[], length: number): boolean {
    let total = 0;
    for (const id of ids) total += this.index.keys[this.index.position[id]]?.length ?? Number.NaN;
    return total === length;
  }

  /**
   * log Σ P(cover | shared) over the covers of the stream (`next` false), or, for each byte b,
   * over the covers of the stream followed by b (`next` true).
   */
  async sum(next: false): Promise<number>;
  async sum(next: true): Promise<Float64Array>;
  async sum(next: boolean): Promise<number | Float64Array> {
    const n = this.n;
    const terms = await this.terms(next, true);
    let ref = NEG;
    for (const { t } of terms) if (t.logp > ref) ref = t.logp;
    const { keys, sorted } = this.index;
    const acc = new Float64Array(next ? 256 : 1);
    for (const { j, t, from, to } of terms) {
      const scale = Math.exp(t.logp - ref);
      const lp = t.lp!;
      const valid = t.valid!;
      const support = t.support!;
      const depth = n - j;
      for (let i = from; i < to; i++) {
        if (valid[i] < 0) continue;
        const k = support[i];
        this.stats.covers++;
        if (!next) acc[0] += scale * Math.exp(lp[sorted[k]]);
        else if (keys[k].length > depth) acc[keys[k].charCodeAt(depth)] += scale * Math.exp(lp[sorted[k]]);
      }
    }
    if (!next) return ref + Math.log(acc[0]);
    const out = new Float64Array(256);
    for (let i = 0; i < 256; i++) out[i] = ref + Math.log(acc[i]);
    return out;
  }

  /**
   * The tilings that start covers and the ranges of their supports that can end one, checked
   * (except, with `checkEnd` false, the last tokens that start at the end of the stream).
   */
  private async terms(next: boolean, checkEnd: boolean): Promise<Term[]> {
    const n = this.n;
    const terms: Term[] = [];
    const first = Math.max(this.b, n - this.index.maxLength);
    for (let j = first; j <= n; j++) {
      if (j === n && !next) break;
      const [lo, hi] = this.index.range(this.bytes, j, n);
      if (lo === hi) continue;
      const position = this.position(j);
      // Checks may add tilings to the position, so walk it by index.
      for (let i = 0; i < position.tilings.length; i++) {
        const t = position.tilings[i];
        if ((await this.score(t)) === NEG) continue;
        const [from, to] = await this.support(t, lo, hi);
        terms.push({ j, t, from, to });
        if (j < n || checkEnd) for (let k = from; k < to; k++) this.check(j, position, t, k);
      }
    }
    return terms;
  }

  /**
   * The next byte's distribution in two parts, for sampling without checking every token that
   * could start at the end of the stream (a smoothed model gives all of them some probability):
   * per byte, `exact` sums the covers whose last token starts before the end, and `bound` the
   * tokens after the end that are not known to be non-canonical, an upper bound of their
   * canonical sum. `settle(b)` checks the tokens that start with byte b and gives their exact
   * sum, or `null` when a check found another tiling of the stream (then only {@link sum} is
   * exact). Linear values, relative to exp(`ref`).
   */
  async bounds(): Promise<{ exact: Float64Array; bound: Float64Array; settle(b: number): number | null }> {
    const n = this.n;
    const terms = await this.terms(true, false);
    let ref = NEG;
    for (const { t } of terms) if (t.logp > ref) ref = t.logp;
    const { keys, sorted } = this.index;
    const exact = new Float64Array(256);
    const bound = new Float64Array(256);
    for (const { j, t, from, to } of terms) {
      const scale = Math.exp(t.logp - ref);
      const lp = t.lp!;
      const valid = t.valid!;
      const support = t.support!;
      const depth = n - j;
      for (let i = from; i < to; i++) {
        if (valid[i] < 0) continue;
        const k = support[i];
        if (keys[k].length <= depth) continue;
        (j === n ? bound : exact)[keys[k].charCodeAt(depth)] += scale * Math.exp(lp[sorted[k]]);
      }
    }
    const ends = terms.filter((term) => term.j === n);
    const settle = (b: number): number | null => {
      const position = this.position(n);
      const before = position.tilings.length;
      const [lo, hi] = this.index.range([b], 0, 1);
      let sum = 0;
      for (const { t, from, to } of ends) {
        const support = t.support!;
        const scale = Math.exp(t.logp - ref);
        const start = Math.max(from, lowerBound(support, lo));
        const end = Math.min(to, lowerBound(support, hi));
        for (let i = start; i < end; i++) {
          if (this.check(n, position, t, i)) sum += scale * Math.exp(t.lp![sorted[support[i]]]);
        }
      }
      return position.tilings.length === before ? sum : null;
    };
    return { exact, bound, settle };
  }
}

interface Term {
  readonly j: number;
  readonly t: Tiling;
  /** The indices of `t.support` that can end a cover. */
  readonly from: number;
  readonly to: number;
}

function lowerBound(values: Int32Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function newTiling(ids: number[]): Tiling {
  return { ids, key: ids.join(","), logp: Number.NaN, lo: 0, hi: 0 };
}

function startsWith(ids: readonly number[], prefix: readonly number[]): boolean {
  if (ids.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (ids[i] !== prefix[i]) return false;
  return true;
}

/** Whether stream offset `j` is between characters (counting from `from`, a boundary). */
function isCharBoundary(bytes: Uint8Array, from: number, j: number): boolean {
  return completeLength(bytes, from, j) === j - from;
}
