import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
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
  if (path === "-") {
    // Someone at a terminal who gave no FILE may not know that the command waits for them.
    if (process.stdin.isTTY) {
      process.stderr.write(
        "toklab: reading the text from the terminal; end it with Ctrl-D (or give FILE or --text)\n",
      );
    }
    return decodeUtf8Strict(await readStdin(), "<stdin>");
  }
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

/**
 * The input `path` (or stdin for `-`) as a stream of byte chunks, checked as
 * {@link readTextInput} checks a file (a regular file or a pipe, not a device or a directory) but
 * never read whole: for inputs processed line by line.
 */
export async function openInputStream(path: string): Promise<AsyncIterable<Uint8Array>> {
  if (path === "-") return process.stdin;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "ENOENT" ? `${path}: no such file or directory` : `${path}: cannot read (${code})`,
      1,
    );
  }
  if (info.isDirectory()) throw new CliError(`${path}: is a directory, not a text input`, 1);
  if (!info.isFile() && !info.isFIFO()) {
    throw new CliError(`${path}: not a regular file (a device or socket); not reading it`, 1);
  }
  const stream = createReadStream(path);
  // An error opening the file (permissions) surfaces on the first read.
  return (async function* () {
    try {
      for await (const chunk of stream) yield chunk as Uint8Array;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(`${path}: cannot read (${code ?? (e as Error).message})`, 1);
    }
  })();
}

/**
 * Calls `handle` with the complete lines of each chunk of `input` as they arrive (strict UTF-8,
 * without their `\n`; a final line without `\n` too, an empty final line not), numbered from 1.
 * `handle` returns when it is done with them (it may write output, so that output follows input
 * line by line, never holding the whole input). A line longer than
 * {@link DEFAULT_MAX_FILE_BYTES} is an error.
 */
export async function forEachLineBatch(
  input: AsyncIterable<Uint8Array>,
  source: string,
  handle: (lines: string[], firstLineNumber: number) => Promise<void>,
): Promise<void> {
  const name = source === "-" ? "<stdin>" : source;
  let carry: Buffer = Buffer.alloc(0);
  let lineNumber = 1;
  const decode = (bytes: Uint8Array, n: number) => decodeUtf8Strict(bytes, `${name}:${n}`);
  for await (const chunk of input) {
    const data: Buffer = carry.length === 0 ? Buffer.from(chunk) : Buffer.concat([carry, chunk]);
    const lines: string[] = [];
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl >= 0; nl = data.indexOf(0x0a, start)) {
      try {
        lines.push(decode(data.subarray(start, nl), lineNumber + lines.length));
      } catch (e) {
        // The lines before the bad one are handled (their output written) first.
        if (lines.length > 0) await handle(lines, lineNumber);
        throw e;
      }
      start = nl + 1;
    }
    carry = data.subarray(start);
    if (carry.length > DEFAULT_MAX_FILE_BYTES) {
      throw new CliError(
        `${name}:${lineNumber + lines.length}: a line longer than ${DEFAULT_MAX_FILE_BYTES} bytes`,
        1,
      );
    }
    if (lines.length > 0) {
      await handle(lines, lineNumber);
      lineNumber += lines.length;
    }
  }
  if (carry.length > 0) await handle([decode(carry, lineNumber)], lineNumber);
}
