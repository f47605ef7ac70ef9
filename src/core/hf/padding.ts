/**
 * Padding as Hugging Face's `PaddingParams` / `pad_encodings` / `Encoding::pad`, applied after
 * post-processing.
 */
import type { HfEncoding } from "../hf-postprocess/types.js";

/** tokenizer.json `padding`, in camelCase. */
export interface PaddingParams {
  /** `"batch_longest"` (a single encoding: its own length) or a fixed length. */
  strategy: "batch_longest" | { fixed: number };
  /** Default `"right"`. */
  direction: "left" | "right";
  /** Round the target length up to a multiple of this (none when `null` or 0). */
  padToMultipleOf: number | null;
  padId: number;
  padTypeId: number;
  padToken: string;
}

/**
 * The length {@link padEncoding} pads to for a batch with these lengths (HF `pad_encodings`).
 *
 * @example
 * padTarget([3, 5], { strategy: "batch_longest", padToMultipleOf: 4 } as PaddingParams); // 8
 */
export function padTarget(lengths: readonly number[], params: PaddingParams): number {
  let target = params.strategy === "batch_longest" ? Math.max(0, ...lengths) : params.strategy.fixed;
  const m = params.padToMultipleOf;
  if (m !== null && m > 0 && target % m > 0) target += m - (target % m);
  return target;
}

/**
 * HF `Encoding::pad`, in place: overflowing parts first, then the encoding itself when shorter
 * than `target`. Pads have `padId`, `padTypeId`, `padToken`, offsets `[0, 0]`, special-token
 * mask 1, attention mask 0, no word, and sequence id `padSequenceId` (HF: none, except for an
 * encoding without sequence ranges, where every position reads as sequence 0).
 */
export function padEncoding(
  e: HfEncoding,
  target: number,
  params: PaddingParams,
  padSequenceId: number | null = null,
): void {
  for (const o of e.overflowing ?? []) padEncoding(o, target, params, padSequenceId);
  const n = e.ids.length;
  if (n >= target) return;
  const k = target - n;
  const fill = <T>(a: T[], v: T): T[] => {
    const pad = new Array<T>(k).fill(v);
    return params.direction === "left" ? pad.concat(a) : a.concat(pad);
  };
  e.ids = fill(e.ids, params.padId);
  e.typeIds = fill(e.typeIds, params.padTypeId);
  e.tokens = fill(e.tokens, params.padToken);
  e.offsets =
    params.direction === "left"
      ? Array.from({ length: k }, () => [0, 0] as [number, number]).concat(e.offsets)
      : e.offsets.concat(Array.from({ length: k }, () => [0, 0] as [number, number]));
  e.specialTokensMask = fill(e.specialTokensMask, 1);
  e.attentionMask = fill(e.attentionMask, 0);
  e.sequenceIds = fill(e.sequenceIds, padSequenceId);
  if (e.wordIds !== undefined) e.wordIds = fill(e.wordIds, null);
}
