import { readFile } from "node:fs/promises";
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

/** Reads a file (or stdin for `-`) as strict UTF-8. */
export async function readTextInput(path: string): Promise<string> {
  if (path === "-") return decodeUtf8Strict(await readStdin(), "<stdin>");
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message;
    throw new CliError(`${path}: cannot read (${why})`, 1);
  }
  return decodeUtf8Strict(bytes, path);
}

/** Reads all of stdin. */
export async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
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
