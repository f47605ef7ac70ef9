/**
 * The linear-time matcher: a Pike VM (a Thompson NFA simulated over the text one character at a
 * time, each thread carrying where its match started) with the priorities of a backtracking
 * engine, as RE2 and Rust's regex run it. It gives the match JavaScript's RegExp gives
 * (leftmost, then first in backtracking order) in O(states × text) time.
 *
 * **Threads.** The list holds at most one thread per `CHAR` state, in priority order: when two
 * paths reach the same state at the same position, the later (lower priority) one is dropped, as
 * everything it could still match the earlier one matches first. When a thread reaches `MATCH`,
 * its search has a match and every lower-priority thread of that search is cut; the higher ones
 * run on and may extend it.
 *
 * **Searches in a chain.** Iterating matches (Oniguruma's find-all rule, or tiktoken's pieces:
 * one anchored match after another) restarts a search where the previous match ended. Restarting
 * only once the previous search is over (its higher-priority threads dead) can read the same
 * text again and again: `.*b|a` over `aaaa…` is quadratic that way. So the next search starts
 * as soon as the previous one has a match, and runs in the same list, after it: a chain of
 * searches. A thread of a later search in a state an earlier search already holds is dropped
 * too: from the same state at the same position both have the same future, and if the earlier
 * one ever reaches `MATCH`, the earlier search's match changes and the later search (which
 * started at its old end) is discarded anyway. So the whole chain still holds at most one thread
 * per state, and each character costs O(states).
 *
 * Starting the next search at once costs a start per character inside a growing match (each
 * character of `\p{L}+` moves the end). So while one search is alive alone, the next one is not
 * started ("lazy"): when the search dies within `LAZY_WINDOW` units of its match end, the text
 * from there is read again (at most that much per match); when it lives longer, it is replayed
 * from the match end (its threads there were kept) with the next search beside it.
 */
import { holds } from "./assertion.js";
import { codePointAt, unitLength } from "./chars.js";
import { CHAR, JMP, MATCH, type Program, SPLIT } from "./program.js";
import { vmWork } from "./work.js";

/** What a run looks for. */
const FIND_ONE = 0;
const FIND_STICKY = 1;
const FIND_ALL = 2;
const TILE = 3;

/** Units a lone search may run past its match end before the next search is started beside it. */
const LAZY_WINDOW = 32;

export class PikeVM {
  private readonly size: number;
  private readonly mark: Int32Array;
  private stamp = 0;
  private readonly stack: Int32Array;
  private readonly dfsNodes: Int32Array;
  // The current list (threads at `pos`) and the target list being built.
  private cs: Int32Array;
  private cst: Int32Array;
  private csr: Int32Array;
  private clen = 0;
  private ts: Int32Array;
  private tst: Int32Array;
  private tsr: Int32Array;
  private tlen = 0;
  // The chain of searches, indices head..tail.
  private chFrom = new Int32Array(8);
  private chLme = new Int32Array(8);
  private chMs = new Int32Array(8);
  private chMe = new Int32Array(8);
  private chNext = new Int32Array(8);
  private chLive = new Int32Array(8);
  private chSkip = new Uint8Array(8);
  private chLazy = new Uint8Array(8);
  private head = 0;
  private tail = 0;
  // The lone search's threads at its match end (to replay from there).
  private readonly snapS: Int32Array;
  private readonly snapSt: Int32Array;
  private snapLen = 0;
  private snapValid = false;
  // The run.
  private text = "";
  private ws = 0;
  private we = 0;
  private mode = FIND_ALL;
  private out: number[] = [];
  private pos = 0;
  private atEnd = false;
  private done = false;
  /** Start characters, when the start state reaches no assertion and no match: 0 unknown, 1 no, 2 yes. */
  private readonly startable: Uint8Array | null;

  /**
   * @param lazyWindow how far (in UTF-16 units) a lone search may run past its match end before
   *   the next search is started beside it (tests set it low to exercise the replay).
   */
  constructor(
    readonly program: Program,
    private readonly lazyWindow = LAZY_WINDOW,
  ) {
    const n = program.size;
    this.size = n;
    this.mark = new Int32Array(n);
    this.stack = new Int32Array(2 * n + 2);
    this.dfsNodes = new Int32Array(n);
    this.cs = new Int32Array(n);
    this.cst = new Int32Array(n);
    this.csr = new Int32Array(n);
    this.ts = new Int32Array(n);
    this.tst = new Int32Array(n);
    this.tsr = new Int32Array(n);
    this.snapS = new Int32Array(n);
    this.snapSt = new Int32Array(n);
    const sf = program.startFollow;
    this.startable = sf !== null && !sf.includes(-1) ? new Uint8Array(0x10000) : null;
  }

  /**
   * The matches in `text[start, end)` by Oniguruma's find-all rule (leftmost, non-overlapping;
   * an empty match right where the previous one ended is skipped), as `start, end` pairs
   * appended to `out`.
   */
  findAll(text: string, start: number, end: number, out: number[]): void {
    this.run(text, start, start, end, FIND_ALL, out);
  }

  /**
   * The ends of tiktoken-style pieces from `from` to `end`, appended to `out`: each piece is the
   * match anchored at the previous end, or one character when there is none or it is empty.
   */
  tile(text: string, from: number, start: number, end: number, out: number[]): void {
    if (from < end) this.run(text, from, start, end, TILE, out);
  }

  /** The first match at or after `from`, as `[start, end]`, or null. */
  exec(text: string, from: number, start: number, end: number): [number, number] | null {
    const out: number[] = [];
    this.run(text, from, start, end, FIND_ONE, out);
    return out.length === 0 ? null : [out[0], out[1]];
  }

  /** The end of the match that starts exactly at `from`, or -1. */
  matchAt(text: string, from: number, start: number, end: number): number {
    const out: number[] = [];
    this.run(text, from, start, end, FIND_STICKY, out);
    return out.length === 0 ? -1 : out[1];
  }

  private run(text: string, from: number, ws: number, we: number, mode: number, out: number[]): void {
    this.text = text;
    this.ws = ws;
    this.we = we;
    this.mode = mode;
    this.out = out;
    this.done = false;
    this.head = 0;
    this.tail = -1;
    this.snapValid = false;
    this.newSearch(from, -1);
    this.restartAt(from);
    while (!this.done) {
      this.finalize();
      if (this.done) break;
      const k = this.tail;
      // (A snapshot is only taken at chNext[k], so it is then a position.)
      if (this.chLazy[k] === 1 && this.snapValid && this.pos - this.chNext[k] >= this.lazyWindow) {
        this.replay();
        continue;
      }
      if (this.pos >= this.we) {
        // Past the last character every thread dies.
        this.atEnd = true;
        for (let i = 0; i < this.clen; i++) this.chLive[this.csr[i]] = 0;
        this.clen = 0;
        continue;
      }
      if (this.startable !== null && this.injecting(k) && this.onlyFreshStarts()) {
        const p = this.skipToStart(this.pos);
        if (p !== this.pos) {
          this.restartAt(p);
          continue;
        }
      }
      this.step();
    }
    this.text = "";
  }

  /** Appends a search starting at `from` to the chain (`lme`: end of the previous match). */
  private newSearch(from: number, lme: number): number {
    const k = ++this.tail;
    if (k >= this.chFrom.length) this.growChain();
    this.chFrom[k] = from;
    this.chLme[k] = lme;
    this.chMs[k] = -1;
    this.chMe[k] = -1;
    this.chNext[k] = -1;
    this.chLive[k] = 0;
    this.chSkip[k] = 0;
    this.chLazy[k] = 0;
    if (this.mode === TILE) {
      // No match or an empty one: a piece of one character.
      const e = from + unitLength(codePointAt(this.text, from, this.we));
      this.chMs[k] = from;
      this.chMe[k] = e;
      this.chNext[k] = e < this.we ? e : -1;
      this.chLazy[k] = k === this.head ? 1 : 0;
    }
    return k;
  }

  private growChain(): void {
    const n = this.chFrom.length * 2;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const grow8 = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    this.chFrom = grow(this.chFrom);
    this.chLme = grow(this.chLme);
    this.chMs = grow(this.chMs);
    this.chMe = grow(this.chMe);
    this.chNext = grow(this.chNext);
    this.chLive = grow(this.chLive);
    this.chSkip = grow8(this.chSkip);
    this.chLazy = grow8(this.chLazy);
  }

  /** Whether search `k` still starts a thread at every position (unanchored, no match yet). */
  private injecting(k: number): boolean {
    return (this.mode === FIND_ALL || this.mode === FIND_ONE) && this.chMe[k] < 0;
  }

  /**
   * Continues at `p` with no threads but the tail's start there (the searches before it are
   * over): an anchored search starts once, an unanchored one here and at every next position.
   */
  private restartAt(p: number): void {
    this.pos = p;
    this.atEnd = false;
    this.nextStamp();
    this.tlen = 0;
    if (this.mode === FIND_STICKY || (this.mode === TILE && p === this.chFrom[this.tail])) {
      this.injectStart(this.tail, p);
    }
    this.inject(p);
    this.swap();
  }

  /** Emits the searches at the head of the chain that are over; restarts after the last one. */
  private finalize(): void {
    while (this.head <= this.tail) {
      const k = this.head;
      if (this.chLive[k] > 0 || (this.injecting(k) && !this.atEnd)) return;
      const mode = this.mode;
      if (mode === TILE) this.out.push(this.chMe[k]);
      else if (this.chMe[k] >= 0 && this.chSkip[k] === 0) this.out.push(this.chMs[k], this.chMe[k]);
      if (mode === FIND_ONE || mode === FIND_STICKY) {
        this.done = true;
        return;
      }
      if (k < this.tail) {
        this.head++;
        continue;
      }
      // The last search is over and its successor was never started: start it now.
      const next = this.chNext[k];
      if (next < 0) {
        this.done = true;
        return;
      }
      const lme = this.chSkip[k] === 1 ? this.chLme[k] : this.chMe[k];
      this.head = 0;
      this.tail = -1;
      this.snapValid = false;
      this.newSearch(next, lme);
      this.restartAt(next);
    }
  }

  /** The lone search has run far past its match end: replay from there with its successor. */
  private replay(): void {
    const k = this.tail;
    const p = this.chNext[k];
    this.pos = p;
    this.atEnd = false;
    this.nextStamp();
    this.tlen = 0;
    const stamp = this.stamp;
    for (let i = 0; i < this.snapLen; i++) {
      const s = this.snapS[i];
      this.mark[s] = stamp;
      this.ts[i] = s;
      this.tst[i] = this.snapSt[i];
      this.tsr[i] = k;
    }
    this.tlen = this.snapLen;
    this.chLive[k] = this.snapLen;
    this.chLazy[k] = 0;
    this.snapValid = false;
    this.inject(p);
    this.swap();
  }

  private swap(): void {
    let t = this.cs;
    this.cs = this.ts;
    this.ts = t;
    t = this.cst;
    this.cst = this.tst;
    this.tst = t;
    t = this.csr;
    this.csr = this.tsr;
    this.tsr = t;
    this.clen = this.tlen;
    this.tlen = 0;
    // The lone search's threads at its match end: kept for a replay.
    const k = this.tail;
    if (this.chLazy[k] === 1 && !this.snapValid && this.pos === this.chNext[k]) {
      const n = this.clen;
      for (let i = 0; i < n; i++) {
        this.snapS[i] = this.cs[i];
        this.snapSt[i] = this.cst[i];
      }
      this.snapLen = n;
      this.snapValid = true;
    }
  }

  private nextStamp(): void {
    if (++this.stamp > 0x3fffffff) {
      this.mark.fill(0);
      this.stamp = 1;
    }
  }

  /**
   * Whether the list holds nothing but the threads the tail search just started here: then
   * where no thread can start (see `skipToStart`) nothing happens, and the scan can jump there.
   * (Those threads are always in the list, so "no thread at all" would never skip.)
   */
  private onlyFreshStarts(): boolean {
    const t = this.tail;
    const p = this.pos;
    for (let i = 0; i < this.clen; i++) if (this.csr[i] !== t || this.cst[i] !== p) return false;
    return true;
  }

  /** The first position from `p` where a thread can start, or the window's end. */
  private skipToStart(p: number): number {
    const table = this.startable!;
    const text = this.text;
    const we = this.we;
    while (p < we) {
      vmWork.steps++;
      const cp = codePointAt(text, p, we);
      if (cp < 0x10000) {
        let v = table[cp];
        if (v === 0) {
          v = this.canStart(cp) ? 2 : 1;
          table[cp] = v;
        }
        if (v === 2) return p;
      } else if (this.canStart(cp)) return p;
      p += unitLength(cp);
    }
    return p;
  }

  private canStart(cp: number): boolean {
    const sf = this.program.startFollow!;
    const sets = this.program.sets;
    for (let i = 0; i < sf.length; i++) if (sets[sf[i]]!.has(cp)) return true;
    return false;
  }

  /** Threads at `this.pos` consume one character; their closures form the list at the next position. */
  private step(): void {
    const text = this.text;
    const pos = this.pos;
    // The character at pos (inlined codePointAt: this is the hot loop).
    let cp = text.charCodeAt(pos);
    let npos = pos + 1;
    if ((cp & 0xfc00) === 0xd800 && npos < this.we) {
      const d = text.charCodeAt(npos);
      if ((d & 0xfc00) === 0xdc00) {
        cp = ((cp - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        npos++;
      }
    }
    const cs = this.cs;
    const cst = this.cst;
    const csr = this.csr;
    const clen = this.clen;
    const live = this.chLive;
    vmWork.steps += clen + 1;
    for (let i = 0; i < clen; i++) live[csr[i]] = 0;
    this.nextStamp();
    this.tlen = 0;
    const { sets, follow, b } = this.program;
    for (let i = 0; i < clen; i++) {
      const s = cs[i];
      if (!sets[s]!.has(cp)) continue;
      const k = csr[i];
      const start = cst[i];
      const f = follow[s];
      if (f !== null) {
        if (this.addList(f, npos, k, start)) break;
      } else if (this.addClosure(b[s], npos, k, start)) break;
    }
    this.pos = npos;
    this.inject(npos);
    this.swap();
  }

  /** Adds a static closure (see `Program.follow`); true when it reached a match. */
  private addList(f: Int32Array, p: number, k: number, start: number): boolean {
    const mark = this.mark;
    const stamp = this.stamp;
    vmWork.steps += f.length;
    for (let j = 0; j < f.length; j++) {
      const y = f[j];
      if (y < 0) {
        this.event(k, start, p);
        return true;
      }
      if (mark[y] !== stamp) {
        mark[y] = stamp;
        const t = this.tlen++;
        this.ts[t] = y;
        this.tst[t] = start;
        this.tsr[t] = k;
        this.chLive[k]++;
      }
    }
    return false;
  }

  /** Adds the ε-closure of `x` at `p` for search `k` in priority order; true when it reached a match. */
  private addClosure(x: number, p: number, k: number, start: number): boolean {
    const { op, a, b, asserts } = this.program;
    const mark = this.mark;
    const stamp = this.stamp;
    const stack = this.stack;
    const dfs = this.dfsNodes;
    let sp = 0;
    let dn = 0;
    stack[sp++] = x;
    let visits = 0;
    while (sp > 0) {
      const y = stack[--sp];
      if (mark[y] === stamp) continue;
      mark[y] = stamp;
      visits++;
      switch (op[y]) {
        case CHAR: {
          const t = this.tlen++;
          this.ts[t] = y;
          this.tst[t] = start;
          this.tsr[t] = k;
          this.chLive[k]++;
          break;
        }
        case SPLIT:
          dfs[dn++] = y;
          stack[sp++] = b[y];
          stack[sp++] = a[y];
          break;
        case JMP:
          dfs[dn++] = y;
          stack[sp++] = a[y];
          break;
        case MATCH:
          // Lower-priority paths are cut. States on the way here were left half explored: a
          // later search must not take them as held.
          mark[y] = 0;
          for (let i = 0; i < dn; i++) mark[dfs[i]] = 0;
          vmWork.steps += visits;
          this.event(k, start, p);
          return true;
        case 3 /* ASSERT */:
          dfs[dn++] = y;
          if (holds(asserts[y]!, this.text, p, this.ws, this.we)) stack[sp++] = b[y];
          break;
        default:
          break;
      }
    }
    vmWork.steps += visits;
    return false;
  }

  /** Starts a thread of search `k` at `p` (lowest priority so far). */
  private injectStart(k: number, p: number): boolean {
    const sf = this.program.startFollow;
    if (sf !== null) return this.addList(sf, p, k, p);
    return this.addClosure(this.program.start, p, k, p);
  }

  /** Starts what starts at `p`: the unanchored tail's next thread, or a successor due here. */
  private inject(p: number): void {
    const mode = this.mode;
    for (;;) {
      const t = this.tail;
      if (
        (mode === FIND_ALL || mode === TILE) &&
        this.chLazy[t] === 0 &&
        this.chNext[t] === p &&
        this.chMe[t] >= 0
      ) {
        const u = this.newSearch(p, this.chSkip[t] === 1 ? this.chLme[t] : this.chMe[t]);
        if (this.injectStart(u, p) || mode === TILE) continue;
        return;
      }
      if (this.injecting(t) && this.injectStart(t, p)) continue;
      return;
    }
  }

  /** Search `k` reached a match `[start, p)` (its best so far: every earlier one was lower). */
  private event(k: number, start: number, p: number): void {
    const mode = this.mode;
    if (mode === TILE) {
      if (start === p || p === this.chMe[k]) return;
      this.chMe[k] = p;
      this.chNext[k] = p < this.we ? p : -1;
    } else {
      this.chMs[k] = start;
      this.chMe[k] = p;
      if (mode !== FIND_ALL) return;
      const skip = start === p && p === this.chLme[k];
      this.chSkip[k] = skip ? 1 : 0;
      this.chNext[k] = !skip ? p : p < this.we ? p + unitLength(codePointAt(this.text, p, this.we)) : -1;
    }
    // Later searches started at the old end: discard them.
    this.tail = k;
    this.chLazy[k] = k === this.head ? 1 : 0;
    this.snapValid = false;
  }
}
