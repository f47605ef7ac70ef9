/** Messages between the ingestion pool and its counting workers. */
import type { PieceTablePart } from "../../train/piece-table.js";
import type { ChunkJob, ChunkResult } from "./chunk-counter.js";

/**
 * Main thread → worker: a chunk to process, the end of input (send your table and exit), or a
 * spill (send your table, empty it and go on: bounded-memory counting of a count shard).
 */
export type ToWorker = { type: "chunk"; id: number; job: ChunkJob } | { type: "finish" } | { type: "flush" };

/** Worker → main thread. */
export type FromWorker =
  | { type: "done"; id: number; result: ChunkResult; distinct: number; keyChars: number }
  | { type: "part"; part: PieceTablePart }
  | { type: "end" }
  | { type: "flushed" }
  | { type: "error"; message: string };
