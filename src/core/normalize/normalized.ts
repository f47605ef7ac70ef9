import { ChangeStream } from "./changes.js";
import { isRustWhitespace, lowercaseCodePoint } from "./chars.js";
import { type NormalForm, nfStream } from "./unicode-forms.js";

/**
 * Text under normalization, with alignments back to the original: for every UTF-16 code unit of
 * the normalized text, the `[start, end)` range of original code units it comes from.
 *
 * This mirrors Hugging Face's `NormalizedString`, with UTF-16 units where HF counts UTF-8
 * bytes. HF gives all bytes of one character the same alignment, so a per-character alignment
 * is well defined and the two representations carry the same information (see
 * docs/decisions/0007-normalized-string.md for the rules and how they were checked).
 *
 * Lone surrogates are replaced by U+FFFD in the normalized text (one unit for one unit, so no
 * alignment moves), as the Node binding does when the string crosses into Rust.
 *
 * @example
 * const ns = new NormalizedString("Héllo");
 * ns.lowercase();
 * ns.normalized; // "héllo"
 * ns.originalRange(0, 2); // [0, 2]
 */
export class NormalizedString {
  /** The text this string was made from (for a slice: the slice of the original). */
  readonly original: string;
  /** The current normalized text. */
  normalized: string;
  /** Per normalized unit: start of its original range (relative to `original`). */
  alignStart: Int32Array;
  /** Per normalized unit: end of its original range (relative to `original`). */
  alignEnd: Int32Array;
  /** Where `original` starts in the whole input when this string is a slice of a bigger one. */
  readonly originalShift: number;

  constructor(original: string, shift = 0) {
    this.original = original;
    this.normalized = toWellFormed(original);
    this.originalShift = shift;
    const n = original.length;
    this.alignStart = new Int32Array(n);
    this.alignEnd = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const pair = isPairAt(original, i);
      this.alignStart[i] = i;
      this.alignEnd[i] = i + (pair ? 2 : 1);
      if (pair) {
        this.alignStart[i + 1] = i;
        this.alignEnd[i + 1] = i + 2;
        i++;
      }
    }
  }

  /** Length of the normalized text in UTF-16 units. */
  get length(): number {
    return this.normalized.length;
  }

  /** True when the normalized text is empty. */
  isEmpty(): boolean {
    return this.normalized.length === 0;
  }

  /**
   * The original range `[start, end)` (relative to `original`; add `originalShift` for the whole
   * input) that the normalized range `[normStart, normEnd)` comes from: the start of the first
   * unit's alignment to the end of the last one's, as HF's `convert_offsets`. An empty range
   * maps to an empty range at the start of the alignment of `normStart` (or the end of the last
   * one when it is past the end).
   *
   * @example
   * const ns = new NormalizedString("ab");
   * ns.prepend("▁");
   * ns.originalRange(0, 2); // [0, 1]: "▁" shares the alignment of "a"
   */
  originalRange(normStart: number, normEnd: number): [number, number] {
    const n = this.normalized.length;
    if (normStart < 0 || normEnd > n || normStart > normEnd) {
      throw new RangeError(`normalized range [${normStart}, ${normEnd}) out of [0, ${n}]`);
    }
    if (normStart === normEnd) {
      if (n === 0) return [0, normStart === 0 ? this.original.length : 0];
      const at = normStart < n ? this.alignStart[normStart] : this.alignEnd[n - 1];
      return [at, at];
    }
    return [this.alignStart[normStart], this.alignEnd[normEnd - 1]];
  }

  /**
   * A new string over the normalized range `[normStart, normEnd)`, with `original` cut to the
   * matching original range and the alignments rebased (HF `slice`); offsets of the slice plus its
   * `originalShift` are offsets in the whole input.
   */
  slice(normStart: number, normEnd: number): NormalizedString {
    const [os, oe] = this.originalRange(normStart, normEnd);
    const out = new NormalizedString("", this.originalShift + os);
    (out as { original: string }).original = this.original.slice(os, oe);
    out.normalized = this.normalized.slice(normStart, normEnd);
    out.alignStart = this.alignStart.slice(normStart, normEnd);
    out.alignEnd = this.alignEnd.slice(normStart, normEnd);
    for (let i = 0; i < out.alignStart.length; i++) {
      out.alignStart[i] -= os;
      out.alignEnd[i] -= os;
    }
    return out;
  }

  /**
   * Replaces the whole text by a change stream (HF `transform`). The range rewritten is the one
   * HF derives from the full original, which leaves out leading characters with an empty
   * alignment (text inserted before the first original character).
   */
  transform(stream: ChangeStream, initialOffset = 0): void {
    const n = this.normalized.length;
    if (this.original.length === 0) {
      this.transformRange(0, 0, stream, initialOffset);
      return;
    }
    if (n === 0) return;
    let start = 0;
    while (start < n && this.alignStart[start] === this.alignEnd[start]) start++;
    this.transformRange(start, n, stream, initialOffset);
  }

  /**
   * Rewrites the normalized range `[start, end)` with a change stream (HF `transform_range`):
   * `initialOffset` characters at the head of the range are dropped first; then a produced
   * character with change ≤ 0 takes the alignment of the character it replaces, and one with
   * change > 0 takes the alignment of the unit before it (or `[0, 0)` at the very start).
   */
  transformRange(start: number, end: number, stream: ChangeStream, initialOffset = 0): void {
    const src = this.normalized;
    const aS = this.alignStart;
    const aE = this.alignEnd;
    let offset = start;
    for (let k = 0; k < initialOffset && offset < end; k++) offset += unitsAt(src, offset);
    const out = new TextBuilder(stream.length + 8);
    const newS = new Int32Array(stream.length * 2 + 2);
    const newE = new Int32Array(stream.length * 2 + 2);
    let w = 0;
    const { codePoints, changes } = stream;
    for (let i = 0; i < stream.length; i++) {
      const change = changes[i];
      let s: number;
      let e: number;
      if (change > 0) {
        if (offset < 1) {
          s = 0;
          e = 0;
        } else {
          s = aS[offset - 1];
          e = aE[offset - 1];
        }
      } else {
        if (offset >= end) throw new Error("NormalizedString.transform: change stream runs past the text");
        s = aS[offset];
        e = aE[offset];
        offset += unitsAt(src, offset);
        for (let k = 0; k < -change && offset < end; k++) offset += unitsAt(src, offset);
      }
      const cp = codePoints[i];
      out.push(cp);
      newS[w] = s;
      newE[w++] = e;
      if (cp > 0xffff) {
        newS[w] = s;
        newE[w++] = e;
      }
    }
    this.splice(start, end, out.toString(), newS.subarray(0, w), newE.subarray(0, w));
  }

  /** Replaces normalized units `[start, end)` by `text` with the given alignments. */
  private splice(start: number, end: number, text: string, s: Int32Array, e: Int32Array): void {
    const n = this.normalized.length;
    const m = n - (end - start) + text.length;
    const newS = new Int32Array(m);
    const newE = new Int32Array(m);
    newS.set(this.alignStart.subarray(0, start));
    newE.set(this.alignEnd.subarray(0, start));
    newS.set(s, start);
    newE.set(e, start);
    newS.set(this.alignStart.subarray(end), start + text.length);
    newE.set(this.alignEnd.subarray(end), start + text.length);
    this.normalized = this.normalized.slice(0, start) + text + this.normalized.slice(end);
    this.alignStart = newS;
    this.alignEnd = newE;
  }

  /** Keeps the characters `keep` accepts; each keeps its own alignment (HF `filter`). */
  filter(keep: (codePoint: number) => boolean): this {
    const src = this.normalized;
    const stream = new ChangeStream(src.length);
    let removed = 0;
    let removedStart = 0;
    let last = -1;
    for (let i = 0; i < src.length; ) {
      const cp = src.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      if (keep(cp)) {
        if (last >= 0) stream.push(last, -removed);
        else removedStart = removed;
        last = cp;
        removed = 0;
      } else removed++;
    }
    if (last >= 0) stream.push(last, -removed);
    if (removed === 0 && removedStart === 0 && stream.length === countCodePoints(src)) return this;
    this.transform(stream, removedStart);
    return this;
  }

  /** Maps every character to one character; alignments do not move (HF `map`). */
  map(f: (codePoint: number) => number): this {
    const src = this.normalized;
    const stream = new ChangeStream(src.length);
    let changed = false;
    for (let i = 0; i < src.length; ) {
      const cp = src.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      const m = f(cp);
      if (m !== cp) changed = true;
      stream.push(m, 0);
    }
    if (changed) this.transform(stream, 0);
    return this;
  }

  /**
   * Lowercases per character with the full (unconditional) Unicode mapping, like Rust's
   * `char::to_lowercase`; extra characters of an expansion (`İ` → `i̇`) are inserted after the
   * first and share its alignment.
   */
  lowercase(): this {
    const src = this.normalized;
    const stream = new ChangeStream(src.length);
    let changed = false;
    for (let i = 0; i < src.length; ) {
      const cp = src.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      const lower = lowercaseCodePoint(cp);
      if (typeof lower === "number") {
        if (lower !== cp) changed = true;
        stream.push(lower, 0);
      } else {
        changed = true;
        for (let k = 0; k < lower.length; k++) stream.push(lower[k], k > 0 ? 1 : 0);
      }
    }
    if (changed) this.transform(stream, 0);
    return this;
  }

  /** Applies a Unicode normalization form with HF's alignment (see `unicode-forms.ts`). */
  normalize(form: NormalForm): this {
    const stream = nfStream(this.normalized, form);
    if (stream !== null) this.transform(stream, 0);
    return this;
  }

  /**
   * Prepends `text` when the string is not empty (HF `prepend`): every prepended character, and
   * the first character itself, share the alignment of the first character.
   */
  prepend(text: string): this {
    if (this.normalized.length === 0 || text.length === 0) return this;
    const first = this.normalized.codePointAt(0)!;
    const stream = new ChangeStream(text.length + 1);
    let k = 0;
    for (const ch of text) stream.push(ch.codePointAt(0)!, k++ === 0 ? 0 : 1);
    stream.push(first, 1);
    this.transformRange(0, first > 0xffff ? 2 : 1, stream, 0);
    return this;
  }

  /** Appends `text`; it shares the alignment of the last character (HF `append`). */
  append(text: string): this {
    const n = this.normalized.length;
    const stream = new ChangeStream(text.length + 1);
    if (n === 0) {
      for (const ch of text) stream.push(ch.codePointAt(0)!, 1);
      this.transformRange(0, 0, stream, 0);
      return this;
    }
    const lastStart = n >= 2 && isPairAt(this.normalized, n - 2) ? n - 2 : n - 1;
    stream.push(this.normalized.codePointAt(lastStart)!, 0);
    for (const ch of text) stream.push(ch.codePointAt(0)!, 1);
    this.transformRange(lastStart, n, stream, 0);
    return this;
  }

  /**
   * Replaces the given non-overlapping normalized ranges (sorted, as `[start0, end0, start1,
   * end1, ...]`) by `content` (HF `replace`): every content character takes the alignment of the
   * last unit of its match (`[0, 0)` for an empty match at the very start); a match replaced by
   * nothing just disappears.
   */
  replaceRanges(matches: ArrayLike<number>, content: string): this {
    if (matches.length === 0) return this;
    const src = this.normalized;
    const aS = this.alignStart;
    const aE = this.alignEnd;
    const contentUnits = content.length;
    const count = matches.length / 2;
    let total = src.length;
    for (let k = 0; k < matches.length; k += 2) total += contentUnits - (matches[k + 1] - matches[k]);
    const newS = new Int32Array(total);
    const newE = new Int32Array(total);
    let text = "";
    let w = 0;
    let lastEnd = 0;
    for (let m = 0; m < count; m++) {
      const start = matches[2 * m];
      const end = matches[2 * m + 1];
      text += src.slice(lastEnd, start);
      newS.set(aS.subarray(lastEnd, start), w);
      newE.set(aE.subarray(lastEnd, start), w);
      w += start - lastEnd;
      const s = end < 1 ? 0 : aS[end - 1];
      const e = end < 1 ? 0 : aE[end - 1];
      text += content;
      newS.fill(s, w, w + contentUnits);
      newE.fill(e, w, w + contentUnits);
      w += contentUnits;
      lastEnd = end;
    }
    text += src.slice(lastEnd);
    newS.set(aS.subarray(lastEnd), w);
    newE.set(aE.subarray(lastEnd), w);
    this.normalized = text;
    this.alignStart = newS;
    this.alignEnd = newE;
    return this;
  }

  /** Removes leading and/or trailing White_Space (Rust `char::is_whitespace`), HF `lrstrip`. */
  strip(left = true, right = true): this {
    const src = this.normalized;
    let lead = 0;
    let leadChars = 0;
    if (left) {
      while (lead < src.length && isRustWhitespace(src.charCodeAt(lead))) {
        lead++;
        leadChars++;
      }
    }
    let trail = src.length;
    let trailChars = 0;
    if (right) {
      while (trail > lead && isRustWhitespace(src.charCodeAt(trail - 1))) {
        trail--;
        trailChars++;
      }
    }
    if (leadChars === 0 && trailChars === 0) return this;
    const stream = new ChangeStream(trail - lead + 1);
    for (let i = lead; i < trail; ) {
      const cp = src.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      stream.push(cp, 0);
    }
    stream.addToLast(-trailChars);
    this.transform(stream, leadChars);
    return this;
  }
}

/** UTF-16 units of the character at `i` (2 for a surrogate pair). */
function unitsAt(s: string, i: number): number {
  return isPairAt(s, i) ? 2 : 1;
}

/** True when a well-formed surrogate pair starts at `i`. */
function isPairAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

function countCodePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    n++;
    if (isPairAt(s, i)) i++;
  }
  return n;
}

/** Whether the engine has `String.prototype.isWellFormed` (ES2024; Node 20, current browsers). */
const HAS_IS_WELL_FORMED =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === "function";

/** `s` with every lone surrogate replaced by U+FFFD (same length). */
export function toWellFormed(s: string): string {
  // The engine's check is a vectorised scan, many times faster than the loop below.
  if (HAS_IS_WELL_FORMED && (s as unknown as { isWellFormed(): boolean }).isWellFormed()) return s;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      if (isPairAt(s, i)) {
        i++;
        continue;
      }
      let out = s.slice(0, i);
      for (let j = i; j < s.length; j++) {
        const d = s.charCodeAt(j);
        if (d >= 0xd800 && d <= 0xdfff) {
          if (isPairAt(s, j)) {
            out += s[j] + s[j + 1];
            j++;
          } else out += "\ufffd";
        } else out += s[j];
      }
      return out;
    }
  }
  return s;
}

/** Builds a string from code points without one string per character. */
export class TextBuilder {
  private units: Uint16Array;
  private n = 0;
  private chunks: string[] = [];

  constructor(capacity = 64) {
    this.units = new Uint16Array(Math.min(Math.max(capacity * 2, 16), 8192));
  }

  push(cp: number): void {
    if (this.n + 2 > this.units.length) this.flush();
    if (cp > 0xffff) {
      const v = cp - 0x10000;
      this.units[this.n++] = 0xd800 + (v >> 10);
      this.units[this.n++] = 0xdc00 + (v & 0x3ff);
    } else this.units[this.n++] = cp;
  }

  private flush(): void {
    if (this.n === 0) return;
    this.chunks.push(String.fromCharCode.apply(null, this.units.subarray(0, this.n) as unknown as number[]));
    this.n = 0;
  }

  toString(): string {
    this.flush();
    return this.chunks.length === 1 ? this.chunks[0] : this.chunks.join("");
  }
}
