import { trimOffsets } from "./byte-level.js";
import type { PostProcessor, WorkEncoding } from "./types.js";
import { type SpecialPair, wrap } from "./wrap.js";

/**
 * RoBERTa's template (HF `RobertaProcessing`): `<s> A </s>` and `<s> A </s></s> B </s>`, every
 * type id 0. With `trimOffsets`, offsets are first trimmed as by the byte-level processor
 * (`addPrefixSpace` as there), with or without special tokens.
 *
 * @example
 * new RobertaProcessing(["</s>", 2], ["<s>", 0]).addedTokens(true); // 4
 */
export class RobertaProcessing implements PostProcessor {
  readonly type = "RobertaProcessing";

  constructor(
    readonly sep: SpecialPair = ["</s>", 2],
    readonly cls: SpecialPair = ["<s>", 0],
    readonly trimOffsets = true,
    readonly addPrefixSpace = true,
  ) {}

  addedTokens(isPair: boolean): number {
    return isPair ? 4 : 2;
  }

  processEncodings(encodings: WorkEncoding[], addSpecialTokens: boolean): WorkEncoding[] {
    if (this.trimOffsets) {
      for (const e of encodings) {
        trimOffsets(e, this.addPrefixSpace);
        for (const o of e.overflowing) trimOffsets(o, this.addPrefixSpace);
      }
    }
    // Only the encodings themselves; overflowing parts get zeros when wrapped below (HF).
    for (const e of encodings) e.typeIds = new Array<number>(e.length).fill(0);
    if (!addSpecialTokens) return encodings;
    return encodings.map((e, i) => {
      const one = (x: WorkEncoding) =>
        i === 0
          ? wrap(x, this.cls, this.sep, new Array<number>(x.length + 2).fill(0), 0)
          : wrap(x, this.sep, this.sep, new Array<number>(x.length + 2).fill(0), 1);
      const out = one(e);
      out.overflowing = e.overflowing.map(one);
      return out;
    });
  }
}
