/**
 * Tensor files on disk (safetensors, .npy), read with positioned reads: only the header is
 * parsed up front, and a matrix's rows are read when asked for, or the matrix is read once
 * into memory when the caller allows it ({@link MatrixReader.hold}). Node only.
 */
import { type FileHandle, open } from "node:fs/promises";
import { NPY_PREAMBLE_LENGTH, NpyError, npyPreamble, parseNpyHeader } from "../formats/npy/header.js";
import { decodeFloats, type FloatDtype, floatDtypeSize, isFloatDtype } from "../formats/safetensors/dtype.js";
import {
  parseSafetensorsHeader,
  SafetensorsError,
  safetensorsHeaderLength,
  type TensorEntry,
} from "../formats/safetensors/header.js";

/** The formats toklab reads and writes embedding matrices in. */
export type TensorFileFormat = "safetensors" | "npy";

/** The format a path names, by its extension (`.npy`, else safetensors). */
export function tensorFileFormat(path: string): TensorFileFormat {
  return path.toLowerCase().endsWith(".npy") ? "npy" : "safetensors";
}

/** An open tensor file: its header, parsed and validated. Close it with {@link close}. */
export class TensorFile {
  private constructor(
    readonly path: string,
    readonly format: TensorFileFormat,
    readonly size: number,
    /** The tensors in file order. An .npy file has one, named "array". */
    readonly tensors: readonly TensorEntry[],
    /** safetensors' `__metadata__`, or null. */
    readonly metadata: Readonly<Record<string, string>> | null,
    private readonly handle: FileHandle,
  ) {}

  /**
   * Opens and validates `path` (safetensors, or .npy by its extension). Throws a
   * {@link SafetensorsError} or {@link NpyError} naming the file when it is malformed.
   *
   * @example
   * ```ts
   * const file = await TensorFile.open("model.safetensors");
   * const emb = file.matrix("model.embed_tokens.weight");
   * const row = await emb.readRow(42);
   * await file.close();
   * ```
   */
  static async open(path: string, format: TensorFileFormat = tensorFileFormat(path)): Promise<TensorFile> {
    const handle = await open(path, "r");
    try {
      const size = (await handle.stat()).size;
      if (format === "npy") {
        const first = await readAt(handle, 0, Math.min(size, NPY_PREAMBLE_LENGTH));
        const { textStart, textLength } = npyPreamble(first, size, path);
        const text = new TextDecoder("latin1").decode(await readAt(handle, textStart, textLength));
        const entry = parseNpyHeader(text, textStart + textLength, size, path);
        return new TensorFile(path, format, size, [entry], null, handle);
      }
      const first = await readAt(handle, 0, Math.min(size, 8));
      const length = safetensorsHeaderLength(first, size, path);
      const header = parseSafetensorsHeader(await readAt(handle, 8, length), size, path);
      return new TensorFile(path, format, size, header.tensors, header.metadata, handle);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  /** The tensor called `name`, or undefined. */
  tensor(name: string): TensorEntry | undefined {
    return this.tensors.find((t) => t.name === name);
  }

  /**
   * The 2-D float tensor `name` as a row reader. Throws naming the file when it is missing, not
   * 2-D, or not F32/F16/BF16.
   */
  matrix(name: string): MatrixReader {
    const t = this.tensor(name);
    const fail = (detail: string) =>
      this.format === "npy" ? new NpyError(this.path, detail) : new SafetensorsError(this.path, detail);
    if (t === undefined) {
      const names = this.tensors.map((x) => x.name);
      throw fail(
        `no tensor ${JSON.stringify(name)} (${names.length} tensors${names.length > 0 ? `: ${names.slice(0, 8).join(", ")}${names.length > 8 ? ", ..." : ""}` : ""})`,
      );
    }
    if (t.shape.length !== 2)
      throw fail(`tensor ${JSON.stringify(name)} has shape [${t.shape.join(", ")}], not a matrix`);
    if (!isFloatDtype(t.dtype))
      throw fail(
        `tensor ${JSON.stringify(name)} is ${t.dtype}; only F32, F16 and BF16 matrices are supported`,
      );
    return new MatrixReader(this.handle, t, t.dtype);
  }

  /** Reads `length` bytes at absolute `offset` (for copying tensors through). */
  readBytes(offset: number, length: number): Promise<Uint8Array> {
    return readAt(this.handle, offset, length);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** Row access to one 2-D float tensor of an open {@link TensorFile}. */
export class MatrixReader {
  readonly rows: number;
  readonly cols: number;
  readonly rowBytes: number;

  constructor(
    private readonly handle: FileHandle,
    readonly entry: TensorEntry,
    readonly dtype: FloatDtype,
  ) {
    this.rows = entry.shape[0];
    this.cols = entry.shape[1];
    this.rowBytes = this.cols * floatDtypeSize(dtype);
  }

  /** The whole matrix's bytes once {@link hold} has read them, else null (rows read on demand). */
  private held: Uint8Array | null = null;

  /**
   * Reads the whole matrix into memory once, so that rows are then served without a read each
   * (much faster when rows are visited out of order); does nothing past `maxBytes`. Returns
   * whether the matrix is held.
   */
  async hold(maxBytes: number): Promise<boolean> {
    if (this.held === null && this.entry.byteLength <= maxBytes) {
      this.held = await readAt(this.handle, this.entry.start, this.entry.byteLength);
    }
    return this.held !== null;
  }

  /** Lets go of the matrix {@link hold} read (rows are read on demand again). */
  release(): void {
    this.held = null;
  }

  /** The raw bytes of rows `[start, start + count)` (a view into the held matrix when held). */
  async readRowBytes(start: number, count: number): Promise<Uint8Array> {
    if (start < 0 || count < 0 || start + count > this.rows) {
      throw new RangeError(`rows ${start}..${start + count} out of range (${this.rows} rows)`);
    }
    if (this.held !== null) return this.held.subarray(start * this.rowBytes, (start + count) * this.rowBytes);
    return readAt(this.handle, this.entry.start + start * this.rowBytes, count * this.rowBytes);
  }

  /** Row `i` as exact f64 values (into `out` when given). */
  async readRow(i: number, out = new Float64Array(this.cols)): Promise<Float64Array> {
    decodeFloats(this.dtype, await this.readRowBytes(i, 1), 0, this.cols, out);
    return out;
  }
}

/** Reads exactly `length` bytes at `offset` (positioned reads, looping over short reads). */
async function readAt(handle: FileHandle, offset: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(out, done, length - done, offset + done);
    if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${offset + done}`);
    done += bytesRead;
  }
  return out;
}
