import { WorkEncoding } from "./types.js";

/** A special token of Bert/Roberta processing: its text and id. */
export type SpecialPair = readonly [token: string, id: number];

/**
 * `before + e + after` with the special tokens' fields (type id `typeId`, offsets (0, 0),
 * special mask 1, no word), tagged as sequence `sequenceId` over the tokens of `e` only, and
 * no overflowing parts. Bert and Roberta build every output this way.
 */
export function wrap(
  e: WorkEncoding,
  before: SpecialPair | null,
  after: SpecialPair,
  typeIds: number[],
  sequenceId: number,
): WorkEncoding {
  const pre = before === null ? 0 : 1;
  const n = e.length + pre + 1;
  const ids = before === null ? [...e.ids, after[1]] : [before[1], ...e.ids, after[1]];
  const tokens = before === null ? [...e.tokens, after[0]] : [before[0], ...e.tokens, after[0]];
  const words: (number | null)[] = before === null ? [...e.wordIds, null] : [null, ...e.wordIds, null];
  const offsets: [number, number][] = e.offsets.map(([s, t]) => [s, t]);
  if (before !== null) offsets.unshift([0, 0]);
  offsets.push([0, 0]);
  const special = new Array<number>(n).fill(0);
  if (before !== null) special[0] = 1;
  special[n - 1] = 1;
  return new WorkEncoding(
    ids,
    typeIds,
    tokens,
    words,
    offsets,
    special,
    new Array<number>(n).fill(1),
    [],
    new Map([[sequenceId, [pre, n - 1]]]),
  );
}
