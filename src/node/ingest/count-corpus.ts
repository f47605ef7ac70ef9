/**
 * `countCorpusPieces`: the ingestion half of training. Files are read in this thread (streamed, cut
 * into chunks of whole lines); documents are cut, capped, pretokenized and counted in worker
 * threads; the workers' tables are merged at the end. See docs/decisions/0021-training-ingestion.md.
 */
import { availableParallelism } from "node:os";
import type { PieceTablePart } from "../../train/piece-table.js";
import { validatePieceConfig } from "../../train/pieces.js";
import type { PieceConfig, PieceCounts } from "../../train/types.js";
import { type ChunkResult, type CountSettings, MAX_PIECE_LENGTH } from "./chunk-counter.js";
import { readChunks } from "./chunks.js";
import { type InputFile, type InputFormat, resolveInputs } from "./inputs.js";
import { MemoryWatch } from "./memory.js";
import { type CountPool, createPool } from "./pool.js";
import type { IngestPhase, IngestProgress, ProgressListener } from "./progress.js";
import { ByteBudgetSampler } from "./sample.js";

/** Below this much input, counting runs in the calling thread unless `workers` is given. */
const INLINE_BYTES = 1 << 20;

/** Options of {@link countCorpusPieces}. */
export interface CountCorpusPiecesOptions {
  /** How text is cut into pieces (preset, number policy, special tokens). */
  readonly pieces: PieceConfig;
  /** `auto` (default): `.jsonl`/`.ndjson` (optionally `.gz`) are JSONL, other files plain text. */
  readonly format?: InputFormat | "auto";
  /** JSONL field holding the text (default `"text"`). */
  readonly field?: string;
  /** Cap on characters (code points) per document; longer documents are truncated. */
  readonly maxChars?: number;
  /** Sample documents to at most this many UTF-8 bytes (seeded; see `ByteBudgetSampler`). */
  readonly sampleBytes?: number;
  /** Sampling seed (default 0). */
  readonly seed?: number;
  /** Counting threads (default: one per core; 0 counts in the calling thread). */
  readonly workers?: number;
  /** Progress reports (about every 100 ms, and at each phase's start and end). */
  readonly onProgress?: ProgressListener;
  /** Warnings (the projected count table will not fit in memory). */
  readonly onWarning?: (message: string) => void;
  /** Fraction of the V8 heap limit the projected table may take before a warning (default 0.5). */
  readonly memoryFraction?: number;
  /**
   * Bounded memory (count shards): whenever the counting tables hold `at` distinct pieces in
   * all, their entries are handed to `write` (as table parts, not merged with each other: a
   * piece may be in several) and the tables start again empty. At the end the rest goes to
   * `write` too, the returned `counts` is empty and `stats.distinct` is the number of entries
   * written (an upper bound of the distinct pieces).
   */
  readonly spill?: {
    readonly at: number;
    readonly write: (parts: PieceTablePart[]) => Promise<void>;
  };
}

/** Totals of an ingestion run. */
export interface CorpusStats {
  /** UTF-8 bytes of the documents counted (after the cap and sampling). */
  readonly bytes: number;
  readonly documents: number;
  /** Piece occurrences (the sum of all counts). */
  readonly pieces: number;
  /** Distinct pieces. */
  readonly distinct: number;
  /** Pieces longer than `MAX_PIECE_LENGTH`, counted as chunks of that length. */
  readonly longPieces: number;
  readonly ms: number;
  /** Files read. */
  readonly files: number;
}

/**
 * Counts the pieces of a corpus: files, directories (recursive) and globs; plain text (one
 * document per line, its `\n` included, as Hugging Face's `train_from_files`), JSONL (one
 * document per record's `field`) and either of them gzip-compressed. Counts are exact.
 *
 * @example
 * ```ts
 * const { counts, stats } = await countCorpusPieces(["corpus/"], {
 *   pieces: { preset: "o200k", numbers: "none", specialTokens: ["<|endoftext|>"] },
 *   maxChars: 100_000,
 *   onProgress: ttyProgress().onProgress,
 * });
 * counts.get(" the"); // e.g. 81234
 * ```
 */
export async function countCorpusPieces(
  inputs: readonly string[],
  options: CountCorpusPiecesOptions,
): Promise<{ counts: PieceCounts; stats: CorpusStats }> {
  const started = performance.now();
  validatePieceConfig(options.pieces);
  const maxChars = options.maxChars ?? Number.POSITIVE_INFINITY;
  if (!(maxChars > 0)) throw new Error(`the character cap must be a positive number, not ${maxChars}`);
  const settings: CountSettings = { pieces: options.pieces, field: options.field ?? "text", maxChars };
  const files = await resolveInputs(inputs, options.format ?? "auto");
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  const workers = options.workers ?? (totalBytes < INLINE_BYTES ? 0 : availableParallelism());
  if (!Number.isInteger(workers) || workers < 0)
    throw new Error(`workers must be a whole number ≥ 0, not ${workers}`);

  // Progress state of the current phase.
  let phase: IngestPhase = "count";
  let phaseStart = started;
  let diskBytes = 0;
  let documents = 0;
  let lastEmit = 0;
  const distinctOf: number[] = [];
  const charsOf: number[] = [];
  const emit = (force = false) => {
    if (!options.onProgress) return;
    const now = performance.now();
    if (!force && now - lastEmit < 100) return;
    lastEmit = now;
    const secs = (now - phaseStart) / 1000;
    const rate = secs > 0 ? diskBytes / secs : 0;
    const reading = phase === "scan" || phase === "count";
    const progress: IngestProgress = {
      phase,
      bytes: diskBytes,
      totalBytes,
      documents,
      distinct: distinctOf.reduce((m, d) => Math.max(m, d), 0),
      rate,
      etaSeconds: reading && rate > 0 ? Math.max(0, totalBytes - diskBytes) / rate : null,
      elapsedMs: now - started,
    };
    options.onProgress(progress);
  };
  const startPhase = (p: IngestPhase, keepDocuments = false) => {
    phase = p;
    phaseStart = performance.now();
    diskBytes = 0;
    if (!keepDocuments) documents = 0;
    emit(true);
  };

  const spill = options.spill;
  if (spill !== undefined && !(Number.isInteger(spill.at) && spill.at >= 1))
    throw new Error(`the spill threshold must be a whole number ≥ 1, not ${spill.at}`);
  let spilled = 0;
  const flush = async () => {
    const parts = await pool.flush();
    distinctOf.fill(0);
    charsOf.fill(0);
    for (const p of parts) spilled += p.lengths.length;
    await (spill as NonNullable<typeof spill>).write(parts);
  };
  const afterSubmit =
    spill === undefined
      ? undefined
      : async () => {
          if (distinctOf.reduce((a, b) => a + b, 0) >= spill.at) await flush();
        };
  const memory = new MemoryWatch(options.memoryFraction ?? 0.5, options.onWarning ?? (() => {}));
  let sampler: ByteBudgetSampler | null = null;
  let counted = { bytes: 0, pieces: 0, longPieces: 0 };
  const onDone = (result: ChunkResult, worker: number, distinct: number, keyChars: number) => {
    documents += result.documents;
    if (result.lines && result.lengths && sampler) {
      for (let i = 0; i < result.lines.length; i++)
        sampler.offer(result.file, result.lines[i], result.lengths[i]);
    } else {
      counted.bytes += result.bytes;
      counted.pieces += result.pieces;
      counted.longPieces += result.longPieces;
      distinctOf[worker] = distinct;
      charsOf[worker] = keyChars;
      const sum = distinctOf.reduce((a, b) => a + b, 0);
      const chars = charsOf.reduce((a, b) => a + b, 0);
      // Spilling bounds the tables, so the projection of one whole table does not apply.
      if (!spill) memory.observe(totalBytes > 0 ? diskBytes / totalBytes : 1, sum, sum > 0 ? chars / sum : 0);
    }
    emit();
  };

  const pool = createPool(workers, settings, onDone);
  try {
    let selection: Map<number, Uint32Array> | null = null;
    if (options.sampleBytes !== undefined) {
      sampler = new ByteBudgetSampler(options.sampleBytes, options.seed ?? 0);
      startPhase("scan");
      await readAll(files, pool, "measure", null, (n) => {
        diskBytes += n;
        emit();
      });
      emit(true);
      selection = sampler.selection();
    }
    startPhase("count");
    counted = { bytes: 0, pieces: 0, longPieces: 0 };
    await readAll(
      files,
      pool,
      "count",
      selection,
      (n) => {
        diskBytes += n;
        emit();
      },
      afterSubmit,
    );
    emit(true);
    const countedDocuments = documents;
    startPhase("merge", true);
    let counts: PieceCounts;
    if (spill === undefined) counts = await pool.collect();
    else {
      await flush();
      counts = new Map();
    }
    const distinct = spill === undefined ? counts.size : spilled;
    distinctOf.length = 0;
    distinctOf.push(distinct);
    phase = "done";
    emit(true);
    if (counted.longPieces > 0) {
      options.onWarning?.(
        `${counted.longPieces.toLocaleString("en-US")} piece(s) longer than ${MAX_PIECE_LENGTH} characters ` +
          `(text with no pretokenizer boundary, such as a blob without spaces) were counted in chunks of ${MAX_PIECE_LENGTH}`,
      );
    }
    return {
      counts,
      stats: {
        bytes: counted.bytes,
        documents: countedDocuments,
        pieces: counted.pieces,
        distinct,
        longPieces: counted.longPieces,
        ms: performance.now() - started,
        files: files.length,
      },
    };
  } finally {
    await pool.close();
  }
}

/** Reads every file in chunks and submits them; with a selection, only chunks with chosen lines. */
async function readAll(
  files: readonly InputFile[],
  pool: CountPool,
  mode: "count" | "measure",
  selection: Map<number, Uint32Array> | null,
  onRead: (diskBytes: number) => void,
  afterSubmit?: () => Promise<void>,
): Promise<void> {
  for (let f = 0; f < files.length; f++) {
    const file = files[f];
    const chosen = selection?.get(f);
    if (selection !== null && chosen === undefined) {
      onRead(file.size);
      continue;
    }
    for await (const chunk of readChunks(file, onRead)) {
      let selected: Uint32Array | null = null;
      if (chosen !== undefined) {
        selected = linesIn(chosen, chunk.firstLine, chunk.firstLine + chunk.lines);
        if (selected.length === 0) continue;
      }
      await pool.submit({
        file: f,
        path: file.path,
        format: file.format,
        firstLine: chunk.firstLine,
        text: chunk.text,
        mode,
        selected,
      });
      if (afterSubmit) await afterSubmit();
    }
  }
  await pool.drain();
}

/** The entries of the ascending `lines` in `[from, to)`. */
function linesIn(lines: Uint32Array, from: number, to: number): Uint32Array {
  const lower = (x: number) => {
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lines[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return lines.slice(lower(from), lower(to));
}
