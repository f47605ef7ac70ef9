/**
 * NumPy's .npy format (numpy.lib.format, versions 1.0, 2.0 and 3.0): the magic `\x93NUMPY`, a
 * version, a little-endian header length (2 bytes in 1.0, 4 after), a Python dict literal
 * `{'descr': '<f2', 'fortran_order': False, 'shape': (32000, 4096), }` padded with spaces and a
 * newline so the data starts at a multiple of 64, then the data. Browser-safe.
 *
 * Only what an embedding matrix needs is read: little-endian f4/f2 (NumPy has no bfloat16),
 * C order. Anything else is a clear error, not a guess.
 */
import { type FloatDtype, floatDtypeSize } from "../safetensors/dtype.js";
import type { TensorEntry } from "../safetensors/header.js";

/** A file that is not an .npy file toklab reads; the message names the file. */
export class NpyError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = "NpyError";
  }
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const DESCR_DTYPES: Readonly<Record<string, FloatDtype>> = { "<f4": "F32", "<f2": "F16" };

/** How many bytes of a file {@link parseNpyHeader} may need: the preamble (10 or 12) first. */
export const NPY_PREAMBLE_LENGTH = 12;

/**
 * The header length and where the header text starts, from the file's first 12 bytes (fewer
 * for a short file).
 */
export function npyPreamble(
  first: Uint8Array,
  fileSize: number,
  file: string,
): { textStart: number; textLength: number } {
  if (first.length < 10 || MAGIC.some((b, i) => first[i] !== b)) {
    throw new NpyError(file, "not an .npy file (no \\x93NUMPY magic)");
  }
  const major = first[6];
  const view = new DataView(first.buffer, first.byteOffset, first.length);
  let textStart: number;
  let textLength: number;
  if (major === 1) {
    textStart = 10;
    textLength = view.getUint16(8, true);
  } else if (major === 2 || major === 3) {
    if (first.length < 12) throw new NpyError(file, "truncated header");
    textStart = 12;
    textLength = view.getUint32(8, true);
  } else {
    throw new NpyError(file, `unsupported .npy version ${major}.${first[7]}`);
  }
  if (textStart + textLength > fileSize) {
    throw new NpyError(file, `header length ${textLength} runs past the end of the file (${fileSize} bytes)`);
  }
  return { textStart, textLength };
}

/**
 * Parses the header dict (`text`: the bytes after the preamble) of a file of `fileSize` bytes
 * whose data starts at `dataStart`, into the one tensor it holds (named `name`).
 *
 * @example
 * ```ts
 * parseNpyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 128, 152, "a.npy");
 * ```
 */
export function parseNpyHeader(
  text: string,
  dataStart: number,
  fileSize: number,
  file: string,
  name = "array",
): TensorEntry {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!text.trimStart().startsWith("{") || descr === null || fortran === null || shape === null) {
    throw new NpyError(file, "header is not a dict with 'descr', 'fortran_order' and 'shape'");
  }
  const dtype = DESCR_DTYPES[descr[1]];
  if (dtype === undefined) {
    throw new NpyError(file, `dtype '${descr[1]}' is not supported (little-endian '<f4' or '<f2' only)`);
  }
  if (fortran[1] === "True")
    throw new NpyError(file, "Fortran-order (column-major) arrays are not supported");
  const dims = shape[1]
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (!dims.every((d) => /^\d+$/.test(d)))
    throw new NpyError(file, `shape (${shape[1]}) is not a tuple of whole numbers`);
  const sizes = dims.map(Number);
  const byteLength = sizes.reduce((a, b) => a * b, 1) * floatDtypeSize(dtype);
  if (dataStart + byteLength !== fileSize) {
    throw new NpyError(
      file,
      `shape (${sizes.join(", ")}) of ${descr[1]} is ${byteLength} bytes but the file has ${fileSize - dataStart} after the header${dataStart + byteLength > fileSize ? " (truncated)" : ""}`,
    );
  }
  return { name, dtype, shape: sizes, start: dataStart, byteLength };
}

/**
 * The header bytes (version 1.0, or 2.0 when the dict is too long for it) of an .npy file
 * holding a C-order array of `dtype` and `shape`.
 *
 * @example
 * ```ts
 * buildNpyHeader("F32", [2, 3]).length % 64; // 0
 * ```
 */
export function buildNpyHeader(dtype: FloatDtype, shape: readonly number[]): Uint8Array {
  const descr = dtype === "F32" ? "<f4" : dtype === "F16" ? "<f2" : null;
  if (descr === null) throw new Error(".npy has no bfloat16; write safetensors instead");
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${tuple}, }`;
  const v1 = 10 + dict.length + 1 <= 65535 + 10;
  const preamble = v1 ? 10 : 12;
  const total = Math.ceil((preamble + dict.length + 1) / 64) * 64;
  const text = `${dict}${" ".repeat(total - preamble - dict.length - 1)}\n`;
  const out = new Uint8Array(total);
  out.set(MAGIC, 0);
  out[6] = v1 ? 1 : 2;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (v1) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  for (let i = 0; i < text.length; i++) out[preamble + i] = text.charCodeAt(i);
  return out;
}
