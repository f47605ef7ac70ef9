import type { PostProcessor, WorkEncoding } from "./types.js";

/**
 * Runs post-processors one after the other on the encoding list (HF `Sequence`), e.g.
 * ByteLevel offset trimming followed by a TemplateProcessing (Llama 3).
 *
 * @example
 * new PostProcessorSequence([new ByteLevelProcessing(false), template]).addedTokens(false);
 */
export class PostProcessorSequence implements PostProcessor {
  readonly type = "Sequence";

  constructor(readonly processors: readonly PostProcessor[]) {}

  addedTokens(isPair: boolean): number {
    let n = 0;
    for (const p of this.processors) n += p.addedTokens(isPair);
    return n;
  }

  processEncodings(encodings: WorkEncoding[], addSpecialTokens: boolean): WorkEncoding[] {
    for (const p of this.processors) encodings = p.processEncodings(encodings, addSpecialTokens);
    return encodings;
  }
}
