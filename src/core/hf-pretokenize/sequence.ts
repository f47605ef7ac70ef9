import type { PlainSplits } from "./plain.js";
import type { PreTokenizedString } from "./pretokenized.js";
import type { HfPreTokenizer } from "./types.js";

/**
 * HF `Sequence`: runs pre-tokenizers one after the other on the same splits.
 *
 * @example
 * new PreTokenizerSequence([new Split({ Regex: LLAMA3 }, "Isolated"), new ByteLevel({ addPrefixSpace: false, useRegex: false })]);
 */
export class PreTokenizerSequence implements HfPreTokenizer {
  readonly type = "Sequence";
  constructor(readonly preTokenizers: readonly HfPreTokenizer[]) {}
  preTokenize(pts: PreTokenizedString): void {
    for (const p of this.preTokenizers) p.preTokenize(pts);
  }
  preTokenizePlain(ps: PlainSplits): boolean {
    for (const p of this.preTokenizers) if (!p.preTokenizePlain!(ps)) return false;
    return true;
  }
}
