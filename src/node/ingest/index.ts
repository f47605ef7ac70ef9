/** Training ingestion (Node): read a corpus and count its pieces in worker threads. */

export type { CountSettings } from "./chunk-counter.js";
export { type CorpusStats, type CountCorpusPiecesOptions, countCorpusPieces } from "./count-corpus.js";
export { glob } from "./glob.js";
export { formatOf, type InputFile, type InputFormat, resolveInputs } from "./inputs.js";
export { HEAP_BYTES_PER_PIECE, MemoryWatch, projectedTableBytes } from "./memory.js";
export {
  type IngestPhase,
  type IngestProgress,
  jsonProgress,
  type ProgressListener,
  type ProgressRenderer,
  progressLine,
  ttyProgress,
} from "./progress.js";
export { ByteBudgetSampler, sampleKey } from "./sample.js";
