import type { SplitFn } from "./pretokenized.js";
import { indexOfIn } from "./split-by.js";
import type { HfPreTokenizer } from "./types.js";

/**
 * Writes one rewritten split into the shared output string of {@link PlainSplits.rewrite}.
 * Return `false` to give up (the pipeline then takes the aligned path).
 */
export type RewriteFn = (text: string, start: number, end: number, out: UnitWriter, split: number) => boolean;

/** A growable buffer of UTF-16 units that becomes one string. */
export class UnitWriter {
  units = new Uint16Array(1024);
  length = 0;

  /** Makes room for `extra` more units. */
  reserve(extra: number): void {
    if (this.length + extra <= this.units.length) return;
    const next = new Uint16Array(Math.max(this.units.length * 2, this.length + extra));
    next.set(this.units.subarray(0, this.length));
    this.units = next;
  }

  /** Appends one unit (call {@link reserve} first). */
  push(unit: number): void {
    this.units[this.length++] = unit;
  }

  /** Appends `text[start, end)`. */
  append(text: string, start: number, end: number): void {
    this.reserve(end - start);
    const u = this.units;
    let w = this.length;
    for (let i = start; i < end; i++) u[w++] = text.charCodeAt(i);
    this.length = w;
  }

  /** The units written so far as a string; the writer is emptied. */
  take(): string {
    const n = this.length;
    this.length = 0;
    let s = "";
    for (let i = 0; i < n; i += 8192) {
      s += String.fromCharCode.apply(
        null,
        this.units.subarray(i, Math.min(n, i + 8192)) as unknown as number[],
      );
    }
    return s;
  }
}

/**
 * The ids-only counterpart of `PreTokenizedString`: splits as ranges of a few plain strings,
 * with no alignments (docs/decisions/0014). String 0 is the input piece; a rewriting
 * pre-tokenizer (ByteLevel, Metaspace) writes all splits into one new string.
 *
 * The one place HF's pieces depend on offsets is Metaspace's `prepend_scheme: "first"` (does
 * this split start the whole input?). For ranges of string 0 the pipeline answers through
 * `originOf`; a rewritten split remembers its parent's answer, and a later cut inside it is
 * "unknown" (HF's prefix shares the alignment of the first character) unless the parent did not
 * start the input — then Metaspace gives up and the aligned path runs instead.
 *
 * @example
 * const ps = new PlainSplits();
 * ps.reset("Hello world", () => 0);
 * new WhitespaceSplit().preTokenizePlain(ps);
 * ps.forEach((t, s, e) => console.log(t.slice(s, e))); // "Hello", "world"
 */
export class PlainSplits {
  /** The strings splits point into; index 0 is the input piece. */
  strings: string[] = [""];
  /** Number of splits. */
  count = 0;
  owners = new Int32Array(64);
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** Per split of a rewritten string: 1 starts the input, 0 does not, -1 unknown. */
  private flags = new Int8Array(64);
  private spare = {
    owners: new Int32Array(64),
    starts: new Int32Array(64),
    ends: new Int32Array(64),
    flags: new Int8Array(64),
  };
  /** Whether rewrites must record {@link atInputStart} (a Metaspace `first` follows). */
  trackInputStart = false;
  /** Original offset (in the whole input) of index `i` of string 0. */
  private originOf: (i: number) => number = () => 1;
  private readonly writer = new UnitWriter();
  private w = 0;
  private owner = 0;
  private parentStart = 0;
  private parentFlag = 0;
  private readonly emit = (s: number, e: number): void => {
    if (s >= e) return;
    if (this.w === this.spare.owners.length) this.growSpare();
    const sp = this.spare;
    const k = this.w++;
    sp.owners[k] = this.owner;
    sp.starts[k] = s;
    sp.ends[k] = e;
    const f = this.parentFlag;
    sp.flags[k] = s === this.parentStart || f === 0 ? f : -1;
  };

  /**
   * Starts over with one split holding `text[start, end)` (non-empty); `originOf` maps an index
   * of `text` to its offset in the whole input.
   */
  reset(text: string, originOf: (i: number) => number, start = 0, end = text.length): void {
    this.strings.length = 1;
    this.strings[0] = text;
    this.count = 1;
    this.owners[0] = 0;
    this.starts[0] = start;
    this.ends[0] = end;
    this.flags[0] = -1;
    this.originOf = originOf;
  }

  /** Whether split `i` starts the whole input; `null` when that is not known here. */
  atInputStart(i: number): boolean | null {
    if (this.owners[i] === 0) return this.originOf(this.starts[i]) === 0;
    const f = this.flags[i];
    return f < 0 ? null : f === 1;
  }

  /** Replaces every split by the sub-ranges `fn` emits (as `PreTokenizedString.split`). */
  split(fn: SplitFn): this {
    this.w = 0;
    for (let i = 0; i < this.count; i++) {
      this.owner = this.owners[i];
      this.parentStart = this.starts[i];
      this.parentFlag = this.owner === 0 ? -1 : this.flags[i];
      fn(this.strings[this.owner], this.starts[i], this.ends[i], this.emit);
    }
    this.swap();
    return this;
  }

  /**
   * Rewrites every split with `fn` into one new string (as `PreTokenizedString.transform`);
   * splits that come out empty vanish. `false` if `fn` gave up.
   */
  rewrite(fn: RewriteFn): boolean {
    const out = this.writer;
    const owner = this.strings.length;
    this.w = 0;
    for (let i = 0; i < this.count; i++) {
      const from = out.length;
      if (!fn(this.strings[this.owners[i]], this.starts[i], this.ends[i], out, i)) {
        out.length = 0;
        return false;
      }
      if (out.length === from) continue;
      let flag = -1;
      if (this.trackInputStart) {
        const a = this.atInputStart(i);
        flag = a === null ? -1 : a ? 1 : 0;
      }
      if (this.w === this.spare.owners.length) this.growSpare();
      const k = this.w++;
      this.spare.owners[k] = owner;
      this.spare.starts[k] = from;
      this.spare.ends[k] = out.length;
      this.spare.flags[k] = flag;
    }
    this.strings.push(out.take());
    this.swap();
    return true;
  }

  /** Whether some split contains `s` (non-empty). */
  contains(s: string): boolean {
    for (let i = 0; i < this.count; i++) {
      if (indexOfIn(this.strings[this.owners[i]], s, this.starts[i], this.ends[i]) >= 0) return true;
    }
    return false;
  }

  /** Calls `word` with every split, in order. */
  forEach(word: (text: string, start: number, end: number) => void): void {
    for (let i = 0; i < this.count; i++) word(this.strings[this.owners[i]], this.starts[i], this.ends[i]);
  }

  private swap(): void {
    const sp = this.spare;
    this.spare = { owners: this.owners, starts: this.starts, ends: this.ends, flags: this.flags };
    this.owners = sp.owners;
    this.starts = sp.starts;
    this.ends = sp.ends;
    this.flags = sp.flags;
    this.count = this.w;
  }

  private growSpare(): void {
    const sp = this.spare;
    const n = sp.owners.length * 2;
    const grow = <T extends Int32Array | Int8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.spare = {
      owners: grow(sp.owners, new Int32Array(n)),
      starts: grow(sp.starts, new Int32Array(n)),
      ends: grow(sp.ends, new Int32Array(n)),
      flags: grow(sp.flags, new Int8Array(n)),
    };
  }
}

/**
 * Whether `p` can run on {@link PlainSplits} (every member has `preTokenizePlain`).
 *
 * @example
 * supportsPlain(new WhitespaceSplit()); // true
 */
export function supportsPlain(p: HfPreTokenizer): boolean {
  const members = (p as { preTokenizers?: readonly HfPreTokenizer[] }).preTokenizers;
  if (members !== undefined) return members.every(supportsPlain);
  return p.preTokenizePlain !== undefined;
}

/** Whether `p` asks if a split starts the input (Metaspace with `prepend_scheme: "first"`). */
export function readsInputStart(p: HfPreTokenizer): boolean {
  const members = (p as { preTokenizers?: readonly HfPreTokenizer[] }).preTokenizers;
  if (members !== undefined) return members.some(readsInputStart);
  return (p as { prependScheme?: string }).prependScheme === "first";
}
