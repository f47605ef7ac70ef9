import { DEFAULT_MAX_FILE_BYTES, readFileCapped } from "../node/read-file.js";
import { CliError } from "./errors.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decodes bytes as UTF-8, rejecting malformed input with a message that names its source. */
export function decodeUtf8Strict(bytes: Uint8Array, source: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new CliError(`${source}: not valid UTF-8 (first bad byte at offset ${at})`, 1);
  }
}

/**
 * Reads a file (or stdin for `-`) as strict UTF-8: a regular file or a pipe, at most
 * {@link DEFAULT_MAX_FILE_BYTES} (V8's longest string is about that long).
 */
export async function readTextInput(path: string): Promise<string> {
  if (path === "-") return decodeUtf8Strict(await readStdin(), "<stdin>");
  let bytes: Uint8Array;
  try {
    bytes = await readFileCapped(path, { what: "text input", allowFifo: true });
  } catch (e) {
    throw new CliError((e as Error).message, 1);
  }
  return decodeUtf8Strict(bytes, path);
}

/** Reads all of stdin, at most {@link DEFAULT_MAX_FILE_BYTES}. */
export async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > DEFAULT_MAX_FILE_BYTES) {
      throw new CliError(`<stdin>: more than ${DEFAULT_MAX_FILE_BYTES} bytes, the limit for a text input`, 1);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0 || i + need >= bytes.length + (need === 0 ? 1 : 0)) return i;
    const seq = bytes.subarray(i, i + need + 1);
    try {
      strictUtf8.decode(seq);
    } catch {
      return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/** Writes to stdout and resolves once the data is flushed (matters when piping large outputs). */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
