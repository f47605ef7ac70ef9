/**
 * HF `FixedLength` (tokenizers 0.21+): cuts each split into chunks of `length` characters (Unicode
 * scalar values, so an emoji is one), the last chunk shorter.
 */
import type { RangeSink } from "./pretokenized.js";
import type { HfPreTokenizer, Splittable } from "./types.js";

/**
 * @example
 * // length 3: "Hello 👋 world" → "Hel", "lo ", "👋 w", "orl", "d"
 */
export class FixedLength implements HfPreTokenizer {
  readonly type = "FixedLength";

  /** `length` as tokenizer.json gives it (default 5); 0 is an error at encoding, as in HF. */
  constructor(readonly length = 5) {}

  preTokenize(pts: Splittable): void {
    const length = this.length;
    pts.split((text: string, start: number, end: number, emit: RangeSink) => {
      if (start >= end) return;
      if (length === 0) throw new Error("FixedLength pre-tokenizer length must be greater than 0");
      let from = start;
      let chars = 0;
      for (let i = start; i < end; ) {
        const c = text.charCodeAt(i);
        const pair =
          c >= 0xd800 && c <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
        i += pair ? 2 : 1;
        if (++chars === length) {
          emit(from, i);
          from = i;
          chars = 0;
        }
      }
      if (from < end) emit(from, end);
    });
  }

  preTokenizePlain(ps: Splittable): boolean {
    this.preTokenize(ps);
    return true;
  }
}
