/**
 * Hugging Face post-processors (special tokens, type ids, offset trimming), exact against the
 * Rust library, and {@link postProcess}, the step of the pipeline that applies one.
 */
export { BertProcessing } from "./bert.js";
export { ByteLevelProcessing, trimOffsets } from "./byte-level.js";
export { postProcess } from "./process.js";
export { RobertaProcessing } from "./roberta.js";
export { PostProcessorSequence } from "./sequence.js";
export {
  parseTemplate,
  type TemplatePiece,
  TemplateProcessing,
  type TemplateSpecialToken,
} from "./template.js";
export { type HfEncoding, type PostProcessor, type SequenceRanges, WorkEncoding } from "./types.js";
export type { SpecialPair } from "./wrap.js";
