/**
 * `toklab/node`: the Node-only parts of toklab: {@link loadTokenizer} (files, model directories,
 * the Hugging Face cache and, on request, the Hub), counting training corpora and training Unigram
 * vocabularies in worker threads, writing and merging Parquet count shards (DuckDB, optional),
 * writing trained tokenizers atomically, reading the UDHR and the report's chart libraries, and
 * reading, writing and transplanting embedding matrices in safetensors and .npy files.
 *
 * @example
 * ```ts
 * import { loadTokenizer } from "toklab/node";
 * const tok = await loadTokenizer("./models/Llama-3.1-8B"); // a model directory
 * tok.count("Hello world"); // 2
 * ```
 */
export { type FileToWrite, writeFilesAtomically } from "./atomic-files.js";
export { loadChartLibraries } from "./chart-libraries.js";
export { cachedSnapshot, type HfLoadOptions, hubCacheDir, hubSnapshot, parseHfId } from "./hub/index.js";
export {
  type CorpusStats,
  type CountCorpusPiecesOptions,
  countCorpusPieces,
  type IngestProgress,
  type InputFile,
  type InputFormat,
  jsonProgress,
  type ProgressListener,
  resolveInputs,
  ttyProgress,
} from "./ingest/index.js";
export { type LoadTokenizerOptions, loadTokenizer, TOKENIZER_SPEC_HELP } from "./load-tokenizer.js";
export { readParallelCorpus } from "./parallel.js";
export {
  type CountShardOptions,
  type CountShardResult,
  type DuckDBSettings,
  type ReadShardsOptions,
  readCountShards,
  type ShardCounts,
  writeCountShard,
} from "./shards/index.js";
export { MatrixReader, TensorFile, type TensorFileFormat, tensorFileFormat } from "./tensor-file.js";
export { type TensorSink, type TensorToWrite, writeTensorFile } from "./tensor-write.js";
export {
  defaultPreTokenizer,
  type ManifestExtras,
  TRAINED_FILES,
  type TrainedFormat,
  tiktokenPatternFor,
  type WriteTrainedBpeOptions,
  type WrittenTrainedBpe,
  writeTrainedBpe,
} from "./train-output.js";
export {
  type TransplantFileOptions,
  type TransplantReport,
  transplantEmbeddingFile,
} from "./transplant-file.js";
export { type LoadUdhrOptions, loadUdhr, UDHR_ENGLISH, type UdhrInfo, udhrLanguages } from "./udhr.js";
export { trainUnigramOnThreads, type UnigramThreadOptions } from "./unigram-train.js";
