/**
 * A growable `(code point, change)` stream: the argument of {@link NormalizedString.transform}.
 *
 * Hugging Face describes every normalization as such a stream over the normalized text: each
 * produced character says whether it replaces the next source character (`0`), is inserted
 * (`+1`), or replaces the next one and also removes the `n` after it (`-n`). Two parallel
 * `Int32Array`s keep it off the object heap.
 *
 * @example
 * const s = new ChangeStream();
 * s.push(0x61, 0); // "a" replaces the first character
 * s.push(0x62, 1); // "b" is inserted after it
 */
export class ChangeStream {
  /** Code points, `length` of them in use. */
  codePoints: Int32Array;
  /** Change per code point (see the class comment). */
  changes: Int32Array;
  /** Number of entries in use. */
  length = 0;

  constructor(capacity = 16) {
    this.codePoints = new Int32Array(Math.max(4, capacity));
    this.changes = new Int32Array(Math.max(4, capacity));
  }

  /** Appends one produced code point with its change. */
  push(codePoint: number, change: number): void {
    if (this.length === this.codePoints.length) {
      const cps = new Int32Array(this.length * 2);
      cps.set(this.codePoints);
      this.codePoints = cps;
      const ch = new Int32Array(this.length * 2);
      ch.set(this.changes);
      this.changes = ch;
    }
    this.codePoints[this.length] = codePoint;
    this.changes[this.length] = change;
    this.length++;
  }

  /** Adds `delta` to the change of the last entry (HF's "the last one carries the removal"). */
  addToLast(delta: number): void {
    if (this.length > 0) this.changes[this.length - 1] += delta;
  }
}
