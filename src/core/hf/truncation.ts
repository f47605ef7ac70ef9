/**
 * Truncation as Hugging Face's `TruncationParams` / `truncate_encodings` / `Encoding::truncate`:
 * cut an encoding (or a pair) to a token budget before post-processing; the cut-off parts become
 * `overflowing` encodings, overlapping by `stride` tokens.
 */
import type { HfEncoding } from "../hf-postprocess/types.js";

/** Which sequence(s) of a pair lose tokens. */
export type TruncationStrategy = "longest_first" | "only_first" | "only_second";

/** Which end of a sequence is cut. */
export type TruncationDirection = "left" | "right";

/** tokenizer.json `truncation`, in camelCase. */
export interface TruncationParams {
  /** Token budget, special tokens of the post-processor included. */
  maxLength: number;
  /** Default `"longest_first"`. */
  strategy: TruncationStrategy;
  /** Tokens repeated between consecutive overflowing parts. Default 0. */
  stride: number;
  /** Default `"right"`. */
  direction: TruncationDirection;
}

function slice(e: HfEncoding, start: number, stop: number): HfEncoding {
  const part: HfEncoding = {
    ids: e.ids.slice(start, stop),
    typeIds: e.typeIds.slice(start, stop),
    tokens: e.tokens.slice(start, stop),
    offsets: e.offsets.slice(start, stop),
    specialTokensMask: e.specialTokensMask.slice(start, stop),
    attentionMask: e.attentionMask.slice(start, stop),
    sequenceIds: e.sequenceIds.slice(start, stop),
  };
  if (e.wordIds !== undefined) part.wordIds = e.wordIds.slice(start, stop);
  return part;
}

/**
 * HF `Encoding::truncate`: keeps `maxLength` tokens at the start (`right`) or end (`left`) and
 * moves the rest into `overflowing` windows that step by `maxLength - stride`.
 *
 * @example
 * truncateEncoding(enc, 2, 0, "right"); // enc's first 2 tokens; the rest in chunks of 2 as overflowing
 */
export function truncateEncoding(
  e: HfEncoding,
  maxLength: number,
  stride: number,
  direction: TruncationDirection,
): HfEncoding {
  const n = e.ids.length;
  if (maxLength >= n) return e;
  if (maxLength === 0) {
    const emptied = slice(e, 0, 0);
    emptied.overflowing = [e];
    return emptied;
  }
  if (stride >= maxLength) {
    // HF asserts here (a panic that aborts the Node process); we throw instead.
    throw new Error(
      `truncation: stride ${stride} must be strictly less than max_length ${maxLength} ` +
        "(max_length minus the special tokens the post-processor adds)",
    );
  }
  const step = maxLength - stride;
  const parts: [number, number][] = [];
  if (direction === "right") {
    for (let start = 0; start < n; start += step) {
      const stop = Math.min(start + maxLength, n);
      parts.push([start, stop]);
      if (stop === n) break;
    }
  } else {
    for (let last = n - 1; last >= 0; last -= step) {
      const stop = last + 1;
      const start = Math.max(0, stop - maxLength);
      parts.push([start, stop]);
      if (start === 0) break;
    }
  }
  const head = slice(e, parts[0][0], parts[0][1]);
  if (parts.length > 1) head.overflowing = parts.slice(1).map(([s, t]) => slice(e, s, t));
  return head;
}

/** Throws a TypeError for settings HF's types could not hold (a direction other than left/right...). */
export function checkTruncationParams(p: TruncationParams): void {
  if (p.direction !== "left" && p.direction !== "right") {
    throw new TypeError(`truncation direction must be "left" or "right", not ${JSON.stringify(p.direction)}`);
  }
  if (p.strategy !== "longest_first" && p.strategy !== "only_first" && p.strategy !== "only_second") {
    throw new TypeError(
      `truncation strategy must be "longest_first", "only_first" or "only_second", not ${JSON.stringify(p.strategy)}`,
    );
  }
  for (const key of ["maxLength", "stride"] as const) {
    if (!Number.isInteger(p[key]) || p[key] < 0) {
      throw new TypeError(`truncation ${key} must be a non-negative integer, not ${String(p[key])}`);
    }
  }
}

/**
 * HF `truncate_encodings`: fits one encoding, or a pair, into `params.maxLength` tokens. Throws
 * HF's errors for `only_second` without a pair and for a sequence too short to absorb the cut.
 */
export function truncateEncodings(
  encoding: HfEncoding,
  pair: HfEncoding | null,
  params: TruncationParams,
): [HfEncoding, HfEncoding | null] {
  checkTruncationParams(params);
  const { maxLength, stride, direction } = params;
  if (maxLength === 0) {
    return [
      truncateEncoding(encoding, 0, stride, direction),
      pair === null ? null : truncateEncoding(pair, 0, stride, direction),
    ];
  }
  const total = encoding.ids.length + (pair?.ids.length ?? 0);
  if (total <= maxLength) return [encoding, pair];
  const toRemove = total - maxLength;
  if (params.strategy === "longest_first") {
    if (pair === null) return [truncateEncoding(encoding, total - toRemove, stride, direction), null];
    let n1 = encoding.ids.length;
    let n2 = pair.ids.length;
    const swap = n1 > n2;
    if (swap) [n1, n2] = [n2, n1];
    n2 = n1 > maxLength ? n1 : Math.max(n1, maxLength - n1);
    if (n1 + n2 > maxLength) {
      n1 = Math.floor(maxLength / 2);
      n2 = n1 + (maxLength % 2);
    }
    if (swap) [n1, n2] = [n2, n1];
    return [truncateEncoding(encoding, n1, stride, direction), truncateEncoding(pair, n2, stride, direction)];
  }
  const first = params.strategy === "only_first";
  if (!first && pair === null) throw new Error("Truncation error: Second sequence not provided");
  const target = first ? encoding : pair!;
  if (target.ids.length <= toRemove) {
    throw new Error("Truncation error: Sequence to truncate too short to respect the provided max_length");
  }
  const cut = truncateEncoding(target, target.ids.length - toRemove, stride, direction);
  return first ? [cut, pair] : [encoding, cut];
}
