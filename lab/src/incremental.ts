/**
 * Re-encoding only from the edited region onward. The regex presets' pretokenizers (GPT-2,
 * cl100k, o200k, Qwen2: `lineCuts` in src/core/pretokenize/presets.ts) never let a piece run from
 * a line feed into a following non-space character other than "/" (`pieceStartsAfterLineFeed`,
 * src/core/pretokenize/line-cuts.ts), and BPE never merges across pieces. So the tokens before
 * such a position depend only on the text before it and the character there, and after an edit
 * the encoding can restart at the last such position before the first changed character. Only
 * tokenizers whose pretokenizer says so take this path (the page passes `restartable`); any
 * other is encoded whole. test/lab/incremental.test.ts checks the result equals a full encode.
 */
import { pieceStartsAfterLineFeed } from "../../src/core/pretokenize/line-cuts.js";
import type { EncodeOptions, Tokenizer } from "../../src/core/tokenizer.js";

/** An encoding with spans, as plain arrays (what the worker keeps between edits). */
export interface Spans {
  readonly text: string;
  readonly ids: number[];
  readonly starts: number[];
  readonly ends: number[];
}

/**
 * The last position `r` before the first difference of `before` and `after` where a piece must
 * start in both: `after[r - 1]` is "\n" and `after[r]`, unchanged, is neither white space nor "/"
 * (0 when none).
 *
 * @example
 * restartPoint("ab\ncd\nef", "ab\ncd\nex"); // 6
 */
export function restartPoint(before: string, after: string): number {
  const n = Math.min(before.length, after.length);
  let p = 0;
  while (p < n && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  // r < p: the character at r (and its low surrogate, if any) is unchanged in both texts.
  for (let i = after.lastIndexOf("\n", p - 2); i >= 0; i = after.lastIndexOf("\n", i - 1)) {
    const r = i + 1;
    const cp = after.codePointAt(r);
    if (cp !== undefined && r + (cp > 0xffff ? 2 : 1) <= p && pieceStartsAfterLineFeed(after, r)) return r;
  }
  return 0;
}

/**
 * The encoding of `text`, reusing `previous` up to the restart point when there is one. Equal
 * to `tok.encodeWithOffsets(text, options)` for a tokenizer whose pieces cut as described above.
 */
export function encodeIncrementally(
  tok: Tokenizer,
  previous: Spans | undefined,
  text: string,
  options: EncodeOptions,
): Spans & { reused: number } {
  const r = previous === undefined ? 0 : restartPoint(previous.text, text);
  // The old tokens that end at or before r (one of them ends exactly at r: a piece starts there).
  let keep = 0;
  if (previous !== undefined && r > 0) {
    let lo = 0;
    let hi = previous.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (previous.ends[mid] <= r) lo = mid + 1;
      else hi = mid;
    }
    keep = lo;
    if (keep === 0 || previous.ends[keep - 1] !== r) keep = 0;
  }
  const from = keep === 0 ? 0 : r;
  const tail = tok.encodeWithOffsets(from === 0 ? text : text.slice(from), options);
  if (from === 0) return { text, ids: tail.ids, starts: tail.starts, ends: tail.ends, reused: 0 };
  const old = previous as Spans;
  return {
    text,
    ids: old.ids.slice(0, keep).concat(tail.ids),
    starts: old.starts.slice(0, keep).concat(tail.starts.map((s) => s + from)),
    ends: old.ends.slice(0, keep).concat(tail.ends.map((e) => e + from)),
    reused: keep,
  };
}
