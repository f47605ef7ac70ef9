import type { PostProcessor, WorkEncoding } from "./types.js";
import { type SpecialPair, wrap } from "./wrap.js";

/**
 * BERT's template (HF `BertProcessing`): `[CLS] A [SEP]` and `[CLS] A [SEP] B [SEP]`, type id
 * 0 for the first part and 1 for the pair's. Without special tokens the encodings pass
 * through unchanged (their sequence and type ids already set by {@link postProcess}).
 * Overflowing parts are wrapped the same way, keeping their own type ids.
 *
 * @example
 * new BertProcessing(["[SEP]", 102], ["[CLS]", 101]).addedTokens(false); // 2
 */
export class BertProcessing implements PostProcessor {
  readonly type = "BertProcessing";

  constructor(
    readonly sep: SpecialPair = ["[SEP]", 102],
    readonly cls: SpecialPair = ["[CLS]", 101],
  ) {}

  addedTokens(isPair: boolean): number {
    return isPair ? 3 : 2;
  }

  processEncodings(encodings: WorkEncoding[], addSpecialTokens: boolean): WorkEncoding[] {
    if (!addSpecialTokens) return encodings;
    // Every encoding after the first is treated as "the pair" (HF, when a Sequence hands
    // Bert more than two).
    return encodings.map((e, i) => {
      const one = (x: WorkEncoding) =>
        i === 0
          ? wrap(x, this.cls, this.sep, [0, ...x.typeIds, 0], 0)
          : wrap(x, null, this.sep, [...x.typeIds, 1], 1);
      const out = one(e);
      out.overflowing = e.overflowing.map(one);
      return out;
    });
  }
}
