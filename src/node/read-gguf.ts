/**
 * A GGUF file's tokenizer from disk, reading only the metadata at the start of the file: a
 * model file may be many gigabytes of tensors, which toklab never needs. The header's size is
 * not written anywhere, so the file is read from its start in growing chunks until the
 * metadata parses.
 */
import { open } from "node:fs/promises";
import { GgufFormatError, GgufTruncatedError } from "../formats/gguf/errors.js";
import { readGgufMetadata } from "../formats/gguf/reader.js";
import { type GgufTokenizer, ggufTokenizerFromMetadata } from "../formats/gguf/tokenizer.js";

/** The first read: enough for a 32k SentencePiece vocabulary's metadata in one go. */
const FIRST_CHUNK = 1 << 20;
/**
 * The most metadata read: 512 MiB, far past the largest real vocabularies' (tens of MB); a
 * header still unfinished there is refused rather than read into memory.
 */
export const MAX_GGUF_METADATA_BYTES = 512 * 1024 * 1024;

/** Whether the file at `path` starts with the GGUF magic (reads four bytes). */
export async function isGgufFile(path: string): Promise<boolean> {
  const file = await open(path, "r");
  try {
    const head = new Uint8Array(4);
    const { bytesRead } = await file.read(head, 0, 4, 0);
    return bytesRead === 4 && head[0] === 0x47 && head[1] === 0x47 && head[2] === 0x55 && head[3] === 0x46;
  } finally {
    await file.close();
  }
}

/**
 * The tokenizer of the GGUF file at `path`, reading the metadata and nothing after it. Throws
 * {@link GgufFormatError} (its message starting with the path) for a malformed or truncated file.
 *
 * @example
 * ```ts
 * const tok = await readGgufTokenizer("models/llama-3.2-1b-q4_k_m.gguf");
 * tok.encode("Hello world");
 * ```
 */
export async function readGgufTokenizer(
  path: string,
  options: { readonly name?: string; readonly maxMetadataBytes?: number } = {},
): Promise<GgufTokenizer> {
  const limit = options.maxMetadataBytes ?? MAX_GGUF_METADATA_BYTES;
  const file = await open(path, "r");
  try {
    const size = (await file.stat()).size;
    let buffer = new Uint8Array(Math.min(size, FIRST_CHUNK, limit));
    let filled = 0;
    for (;;) {
      while (filled < buffer.length) {
        const { bytesRead } = await file.read(buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      try {
        const meta = readGgufMetadata(buffer.subarray(0, filled));
        return ggufTokenizerFromMetadata(
          meta.entries,
          options.name === undefined ? {} : { name: options.name },
        );
      } catch (e) {
        if (!(e instanceof GgufTruncatedError)) throw prefixed(path, e);
        if (filled < buffer.length || filled >= size) throw prefixed(path, e);
        if (filled >= limit) {
          throw new GgufFormatError(`${path}: the metadata does not end within the first ${limit} bytes`);
        }
        // Grow past what the reader said it needs, at least doubling, so a long header costs
        // a logarithmic number of re-parses.
        const next = Math.min(size, limit, Math.max(buffer.length * 2, e.offset + FIRST_CHUNK));
        const grown = new Uint8Array(next);
        grown.set(buffer.subarray(0, filled));
        buffer = grown;
      }
    }
  } finally {
    await file.close();
  }
}

function prefixed(path: string, e: unknown): unknown {
  if (e instanceof GgufTruncatedError) {
    return new GgufFormatError(
      `${path}: truncated GGUF file (it ends at byte ${e.available}, inside the metadata)`,
    );
  }
  if (e instanceof GgufFormatError) return new GgufFormatError(`${path}: ${e.message}`);
  return e;
}
