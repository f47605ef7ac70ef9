/** Messages between the ingestion pool and its counting workers. */
import type { PieceTablePart } from "../../train/piece-table.js";
import type { ChunkJob, ChunkResult } from "./chunk-counter.js";

/** Main thread → worker: a chunk to process, or the end of input (send your table). */
export type ToWorker = { type: "chunk"; id: number; job: ChunkJob } | { type: "finish" };

/** Worker → main thread. */
export type FromWorker =
  | { type: "done"; id: number; result: ChunkResult; distinct: number; keyChars: number }
  | { type: "part"; part: PieceTablePart }
  | { type: "end" }
  | { type: "error"; message: string };
