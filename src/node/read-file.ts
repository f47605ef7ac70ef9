/**
 * Reading one input file whole, as an untrusted input: only a regular file (or, where a stream
 * makes sense, a FIFO), never more than a limit, and errors that name the file but never echo
 * its content (a path may point, by a link, to a file that is not what it claims to be).
 */
import { open, stat } from "node:fs/promises";

/** Default cap of a file read whole: past V8's longest string, a read could not succeed anyway. */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;

/** Options of {@link readFileCapped}. */
export interface ReadFileOptions {
  /** Largest size accepted, in bytes (default {@link DEFAULT_MAX_FILE_BYTES}). */
  readonly maxBytes?: number;
  /** Accept a FIFO (a pipe given as a path, `<(command)`); default false. */
  readonly allowFifo?: boolean;
  /** What the file is, for messages ("tokenizer file", "input"). */
  readonly what?: string;
}

/** An input file that cannot be read as asked; `code` says why. */
export class InputFileError extends Error {
  constructor(
    message: string,
    readonly code: "missing" | "directory" | "not-regular" | "too-large" | "unreadable",
  ) {
    super(message);
    this.name = "InputFileError";
  }
}

/**
 * The bytes of `path`, refusing devices, sockets and directories (and FIFOs unless allowed), and
 * files larger than the limit, which is checked as the bytes arrive (a FIFO has no size).
 *
 * @example
 * ```ts
 * const bytes = await readFileCapped("tokenizer.json", { what: "tokenizer file" });
 * ```
 */
export async function readFileCapped(path: string, options: ReadFileOptions = {}): Promise<Uint8Array> {
  const what = options.what ?? "file";
  const max = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // Checked before opening: opening a FIFO with no writer would wait forever.
    const before = await stat(path);
    if (before.isFIFO() && options.allowFifo !== true) {
      throw new InputFileError(`${path}: not a regular file (a pipe); not reading it`, "not-regular");
    }
    handle = await open(path, "r");
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputFileError(`${path}: no such file or directory`, "missing");
    if (code === "EISDIR") throw new InputFileError(`${path}: is a directory, not a ${what}`, "directory");
    throw new InputFileError(`${path}: cannot read (${code ?? (e as Error).message})`, "unreadable");
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new InputFileError(`${path}: is a directory, not a ${what}`, "directory");
    const fifo = info.isFIFO();
    if (!info.isFile() && !(fifo && options.allowFifo === true)) {
      throw new InputFileError(
        `${path}: not a regular file (a device, socket or pipe); not reading it`,
        "not-regular",
      );
    }
    if (info.size > max) throw tooLarge(path, what, max);
    const chunks: Uint8Array[] = [];
    let total = 0;
    const buffer = new Uint8Array(1 << 20);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > max) throw tooLarge(path, what, max);
      chunks.push(buffer.slice(0, bytesRead));
    }
    const out = new Uint8Array(total);
    let n = 0;
    for (const c of chunks) {
      out.set(c, n);
      n += c.length;
    }
    return out;
  } finally {
    await handle.close();
  }
}

function tooLarge(path: string, what: string, max: number): InputFileError {
  return new InputFileError(`${path}: larger than ${max} bytes, the limit for a ${what}`, "too-large");
}
