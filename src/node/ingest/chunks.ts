/**
 * Streams a file as text chunks that end at line boundaries, so that the workers can cut
 * documents (lines, JSONL records) without seeing a chunk boundary inside one. Bytes are cut at
 * `\n` before decoding (0x0A never occurs inside a multi-byte UTF-8 sequence), so every chunk
 * decodes on its own and an invalid byte can be reported with its exact line.
 */
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { wellFormedLength } from "../../analyze/utf8.js";
import type { InputFile } from "./inputs.js";

/** Chunks are cut at the first line end after this many bytes. */
export const CHUNK_BYTES = 1 << 20;
/** A line longer than this is refused (it would have to be held in memory whole). */
export const MAX_LINE_BYTES = 1 << 28;

/** A run of whole lines of one file. */
export interface TextChunk {
  readonly text: string;
  /** 1-based number of the chunk's first line in its file. */
  readonly firstLine: number;
  /** Number of lines in the chunk (a final line without `\n` counts). */
  readonly lines: number;
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Number of `\n` bytes in `bytes`. */
function countNewlines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/** Decodes a block of whole lines, or throws naming the file, line and byte of the first bad byte. */
function decodeLines(bytes: Buffer, path: string, firstLine: number, byteOffset: number): string {
  try {
    return decoder.decode(bytes);
  } catch {
    let i = 0;
    while (i < bytes.length) {
      const n = wellFormedLength(bytes, i);
      if (n === 0) break;
      i += n;
    }
    const line = firstLine + countNewlines(bytes.subarray(0, i));
    throw new Error(`${path}:${line}: not valid UTF-8 (byte ${byteOffset + i} of the file's text)`);
  }
}

/** Wraps stream errors so that they name the file and say what went wrong. */
function readError(file: InputFile, err: unknown): Error {
  const e = err as NodeJS.ErrnoException;
  if (typeof e.code === "string" && e.code.startsWith("Z_")) {
    return new Error(`${file.path}: not a valid gzip file (${e.message})`);
  }
  if (e.code === "ENOENT") return new Error(`${file.path}: cannot read (no such file)`);
  if (e.code === "EISDIR") return new Error(`${file.path}: cannot read (is a directory)`);
  if (typeof e.code === "string") return new Error(`${file.path}: cannot read (${e.code}: ${e.message})`);
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * The file's text in chunks of about `chunkBytes` ending at line ends (a byte-order mark at the
 * start of the file is dropped). `onRead` receives the number of bytes read from disk as they
 * are read (compressed bytes for `.gz`), for progress.
 *
 * @example
 * ```ts
 * for await (const chunk of readChunks(file)) console.log(chunk.firstLine, chunk.lines);
 * ```
 */
export async function* readChunks(
  file: InputFile,
  onRead: (diskBytes: number) => void = () => {},
  chunkBytes = CHUNK_BYTES,
): AsyncGenerator<TextChunk> {
  const disk = createReadStream(file.path, { highWaterMark: 1 << 20 });
  const source: Readable = file.gzip ? pipeline(disk, createGunzip(), () => {}) : disk;
  let diskSeen = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 1;
  let textOffset = 0;
  let first = true;

  function* emit(block: Buffer): Generator<TextChunk> {
    let text = decodeLines(block, file.path, line, textOffset);
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    const newlines = countNewlines(block);
    const lines = newlines + (block[block.length - 1] === 10 ? 0 : 1);
    yield { text, firstLine: line, lines };
    line += newlines;
    textOffset += block.length;
  }

  try {
    for await (const data of source) {
      const buf = data as Buffer;
      if (disk.bytesRead > diskSeen) {
        onRead(disk.bytesRead - diskSeen);
        diskSeen = disk.bytesRead;
      }
      pending.push(buf);
      pendingBytes += buf.length;
      if (pendingBytes < chunkBytes) continue;
      if (buf.lastIndexOf(10) < 0) {
        if (pendingBytes > MAX_LINE_BYTES) {
          throw new Error(`${file.path}:${line}: a line longer than ${MAX_LINE_BYTES} bytes`);
        }
        continue;
      }
      // Cut after the first line end past each multiple of chunkBytes.
      const all = pending.length === 1 ? buf : Buffer.concat(pending, pendingBytes);
      let start = 0;
      for (;;) {
        const nl = all.indexOf(10, start + chunkBytes - 1);
        if (nl < 0) break;
        yield* emit(all.subarray(start, nl + 1));
        start = nl + 1;
      }
      const rest = all.subarray(start);
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
    }
  } catch (err) {
    throw readError(file, err);
  } finally {
    source.destroy();
    disk.destroy();
  }
  if (disk.bytesRead > diskSeen) onRead(disk.bytesRead - diskSeen);
  if (pendingBytes > 0) yield* emit(pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes));
}
