/**
 * What a counting worker does with a chunk of lines: cut it into documents (a text line with its
 * `\n`, or a JSONL record's field), cap each document's length, and either count its pieces or
 * (for sampling) measure it. The same code runs in worker threads and, with `workers: 0`, in
 * the calling thread.
 */
import { utf8Length } from "../../eval/text.js";
import { PieceTable } from "../../train/piece-table.js";
import { type PieceWalker, pieceWalker } from "../../train/pieces.js";
import type { PieceConfig } from "../../train/types.js";
import type { InputFormat } from "./inputs.js";

/**
 * The longest piece counted whole, in UTF-16 units. A longer piece (a megabyte of one letter, a
 * base64 blob with no spaces) is counted as consecutive chunks of this length: merges can still
 * form every token a vocabulary could use (no token is anywhere near this long), while the merge
 * loop's memory stays proportional to the corpus instead of growing with the square of one
 * piece (a 5 MB piece took 2 GB and 40 s). SentencePiece skips such sentences outright.
 */
export const MAX_PIECE_LENGTH = 4096;

/** Settings shared by every chunk of a run. */
export interface CountSettings {
  readonly pieces: PieceConfig;
  /** JSONL field holding the text. */
  readonly field: string;
  /** Cap on characters (code points) per document; `Infinity` for none. */
  readonly maxChars: number;
}

/** One chunk of whole lines to process. */
export interface ChunkJob {
  /** Index of the file in the run's input list (echoed in the result). */
  readonly file: number;
  readonly path: string;
  readonly format: InputFormat;
  readonly firstLine: number;
  readonly text: string;
  /** `count` pieces, or `measure` each document's UTF-8 length (sampling's first pass). */
  readonly mode: "count" | "measure";
  /** When sampling: the (ascending) line numbers of the documents to count; others are skipped. */
  readonly selected?: Uint32Array | null;
}

/** What a chunk contributed. */
export interface ChunkResult {
  /** The job's file index. */
  file: number;
  /** Documents counted (or measured). */
  documents: number;
  /** Their UTF-8 bytes (after the cap). */
  bytes: number;
  /** Piece occurrences counted. */
  pieces: number;
  /** Pieces longer than {@link MAX_PIECE_LENGTH}, counted as chunks. */
  longPieces: number;
  /** `measure` mode: each document's line number and UTF-8 length. */
  lines?: Uint32Array;
  lengths?: Float64Array;
}

/**
 * End of the first `max` code points of `text[start, end)` (a surrogate pair is one).
 *
 * @example
 * ```ts
 * capEnd("a😀b", 0, 4, 2); // 3
 * ```
 */
export function capEnd(text: string, start: number, end: number, max: number): number {
  if (end - start <= max) return end;
  let i = start;
  for (let n = 0; n < max && i < end; n++) {
    const c = text.charCodeAt(i);
    i += (c & 0xfc00) === 0xd800 && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return i;
}

/** Receives one document as `text[start, end)` and its line number. */
type DocumentVisitor = (text: string, start: number, end: number, line: number) => void;

/**
 * Counts pieces of chunks into one table.
 *
 * @example
 * ```ts
 * const counter = new ChunkCounter({ pieces, field: "text", maxChars: Infinity });
 * counter.run({ file: 0, path: "a.txt", format: "text", firstLine: 1, text: "hi there\n", mode: "count" });
 * counter.table.toMap(); // Map { "hi" => 1, " there" => 1, "\n" => 1 }
 * ```
 */
export class ChunkCounter {
  readonly table = new PieceTable();
  private readonly walk: PieceWalker;
  private pieces = 0;
  private longPieces = 0;
  private readonly visit: (text: string, start: number, end: number) => void;

  constructor(private readonly settings: CountSettings) {
    this.walk = pieceWalker(settings.pieces);
    const table = this.table;
    this.visit = (text, start, end) => {
      if (end - start <= MAX_PIECE_LENGTH) {
        table.add(text, start, end);
        this.pieces++;
        return;
      }
      this.longPieces++;
      for (let s = start; s < end; ) {
        let e = Math.min(end, s + MAX_PIECE_LENGTH);
        // Never cut a surrogate pair: the chunk ends before its high half.
        if (e < end && (text.charCodeAt(e - 1) & 0xfc00) === 0xd800) e--;
        table.add(text, s, e);
        this.pieces++;
        s = e;
      }
    };
  }

  /** Processes one chunk. Errors name the file and line. */
  run(job: ChunkJob): ChunkResult {
    const result: ChunkResult = { file: job.file, documents: 0, bytes: 0, pieces: 0, longPieces: 0 };
    const { maxChars } = this.settings;
    this.pieces = 0;
    this.longPieces = 0;
    if (job.mode === "measure") {
      const lines: number[] = [];
      const lengths: number[] = [];
      this.forEachDocument(job, (text, start, end, line) => {
        const n = utf8Length(text, start, capEnd(text, start, end, maxChars));
        lines.push(line);
        lengths.push(n);
        result.documents++;
        result.bytes += n;
      });
      result.lines = Uint32Array.from(lines);
      result.lengths = Float64Array.from(lengths);
      return result;
    }
    this.forEachDocument(job, (text, start, end) => {
      const stop = capEnd(text, start, end, maxChars);
      this.walk(text, this.visit, start, stop);
      result.documents++;
      result.bytes += utf8Length(text, start, stop);
    });
    result.pieces = this.pieces;
    result.longPieces = this.longPieces;
    return result;
  }

  /** Calls `visit` for each (selected) document of the chunk. */
  private forEachDocument(job: ChunkJob, visit: DocumentVisitor): void {
    const { text, selected } = job;
    let pick = 0;
    let line = job.firstLine;
    for (let s = 0; s < text.length; line++) {
      const nl = text.indexOf("\n", s);
      const e = nl < 0 ? text.length : nl + 1;
      const lineStart = s;
      s = e;
      if (selected) {
        while (pick < selected.length && selected[pick] < line) pick++;
        if (pick >= selected.length || selected[pick] !== line) continue;
      }
      if (job.format === "text") {
        visit(text, lineStart, e, line);
        continue;
      }
      const doc = this.jsonlText(job.path, line, text, lineStart, nl < 0 ? e : nl);
      if (doc !== null) visit(doc, 0, doc.length, line);
    }
  }

  /** The field of one JSONL record, or null for a blank line. */
  private jsonlText(path: string, line: number, text: string, start: number, end: number): string | null {
    let blank = true;
    for (let i = start; i < end && blank; i++) {
      const c = text.charCodeAt(i);
      blank = c === 0x20 || c === 0x09 || c === 0x0d;
    }
    if (blank) return null;
    let record: unknown;
    try {
      record = JSON.parse(text.slice(start, end));
    } catch (e) {
      throw new Error(`${path}:${line}: not valid JSON (${(e as Error).message})`);
    }
    const field = this.settings.field;
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      throw new Error(`${path}:${line}: a JSONL record must be an object with a "${field}" field`);
    }
    const value = (record as Record<string, unknown>)[field];
    if (typeof value !== "string") {
      const found = value === undefined ? "no such field" : `found ${value === null ? "null" : typeof value}`;
      throw new Error(`${path}:${line}: field "${field}" is not a string (${found})`);
    }
    return value;
  }
}
