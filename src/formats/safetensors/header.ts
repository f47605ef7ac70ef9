/**
 * The safetensors header (https://github.com/huggingface/safetensors, "Format"): an 8-byte
 * little-endian length N, N bytes of JSON, then the data. The JSON maps each tensor's name to
 * `{dtype, shape, data_offsets: [begin, end]}` (offsets into the data, which starts after the
 * header) and may hold `__metadata__`, a map of strings. Browser-safe: it reads bytes and the
 * file's size, not the file.
 *
 * The checks are the reference library's: a header length within bounds and the file, UTF-8 JSON
 * that is an object, known dtypes, whole non-negative shapes, each tensor's byte span equal to
 * its element count times its dtype's size, and spans that, sorted, tile the data exactly (no
 * overlap, no gap, nothing left over).
 */
import { DTYPE_SIZES } from "./dtype.js";

/** A file that is not a valid safetensors file; the message names the file. */
export class SafetensorsError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = "SafetensorsError";
  }
}

/** The reference library's limit on the header (100 MB): a larger length is a corrupt file. */
export const MAX_HEADER_LENGTH = 100_000_000;

/** One tensor of a tensor file, its place given in absolute file offsets. */
export interface TensorEntry {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  /** Absolute offset of its first byte in the file. */
  readonly start: number;
  readonly byteLength: number;
}

/** A parsed safetensors header. */
export interface SafetensorsHeader {
  /** 8 + the JSON's length: where the data starts. */
  readonly dataStart: number;
  /** The tensors in file order (by offset). */
  readonly tensors: readonly TensorEntry[];
  /** `__metadata__`, or null when absent. */
  readonly metadata: Readonly<Record<string, string>> | null;
}

/**
 * The header length from a file's first 8 bytes, checked against the file's size.
 *
 * @example
 * ```ts
 * const n = safetensorsHeaderLength(first8, fileSize, "model.safetensors");
 * ```
 */
export function safetensorsHeaderLength(first8: Uint8Array, fileSize: number, file: string): number {
  if (fileSize < 8 || first8.length < 8) {
    throw new SafetensorsError(
      file,
      `too short to be a safetensors file (${fileSize} bytes, the header length alone is 8)`,
    );
  }
  const view = new DataView(first8.buffer, first8.byteOffset, 8);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_LENGTH)) {
    throw new SafetensorsError(
      file,
      `header length ${n} is over the ${MAX_HEADER_LENGTH}-byte limit: not a safetensors file or corrupt`,
    );
  }
  const length = Number(n);
  if (length < 2) throw new SafetensorsError(file, `header length ${length} is too small for a JSON object`);
  if (8 + length > fileSize) {
    throw new SafetensorsError(
      file,
      `header length ${length} runs past the end of the file (${fileSize} bytes): truncated or not a safetensors file`,
    );
  }
  return length;
}

function isWholeNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

/**
 * Parses and validates the JSON header (`json`: the N bytes after the length) of a file of
 * `fileSize` bytes.
 *
 * @example
 * ```ts
 * const h = parseSafetensorsHeader(jsonBytes, fileSize, "model.safetensors");
 * h.tensors.find((t) => t.name === "model.embed_tokens.weight")?.shape; // [32000, 4096]
 * ```
 */
export function parseSafetensorsHeader(json: Uint8Array, fileSize: number, file: string): SafetensorsHeader {
  const dataStart = 8 + json.length;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(json);
  } catch {
    throw new SafetensorsError(file, "header is not valid UTF-8");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new SafetensorsError(file, `header is not valid JSON (${(e as Error).message})`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new SafetensorsError(file, "header is not a JSON object");
  }
  let metadata: Record<string, string> | null = null;
  const tensors: TensorEntry[] = [];
  const spans: { name: string; begin: number; end: number }[] = [];
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new SafetensorsError(file, "__metadata__ is not an object of strings");
      }
      metadata = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v !== "string") throw new SafetensorsError(file, `__metadata__.${k} is not a string`);
        metadata[k] = v;
      }
      continue;
    }
    const where = `tensor ${JSON.stringify(name)}`;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new SafetensorsError(file, `${where} is not an object`);
    }
    const info = value as Record<string, unknown>;
    const dtype = info.dtype;
    if (typeof dtype !== "string") throw new SafetensorsError(file, `${where} has no dtype`);
    const size = DTYPE_SIZES[dtype];
    if (size === undefined || !Object.hasOwn(DTYPE_SIZES, dtype)) {
      throw new SafetensorsError(
        file,
        `${where} has unknown dtype ${JSON.stringify(dtype)} (known: ${Object.keys(DTYPE_SIZES).join(", ")})`,
      );
    }
    const shape = info.shape;
    if (!Array.isArray(shape) || !shape.every(isWholeNumber)) {
      throw new SafetensorsError(file, `${where} has a shape that is not a list of whole numbers`);
    }
    const offsets = info.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isWholeNumber)) {
      throw new SafetensorsError(file, `${where} has data_offsets that are not two whole numbers`);
    }
    const [begin, end] = offsets as number[];
    if (end < begin)
      throw new SafetensorsError(
        file,
        `${where} has data_offsets [${begin}, ${end}] that end before they begin`,
      );
    let elements = 1;
    for (const d of shape as number[]) elements *= d;
    if (!Number.isSafeInteger(elements * size))
      throw new SafetensorsError(file, `${where} has a shape too large`);
    if (elements * size !== end - begin) {
      throw new SafetensorsError(
        file,
        `${where}: shape [${shape.join(", ")}] of ${dtype} is ${elements * size} bytes but data_offsets [${begin}, ${end}] span ${end - begin} (dtype or shape mismatch)`,
      );
    }
    if (dataStart + end > fileSize) {
      throw new SafetensorsError(
        file,
        `${where}: data_offsets [${begin}, ${end}] run past the end of the file (data is ${fileSize - dataStart} bytes): offsets out of range or the file is truncated`,
      );
    }
    spans.push({ name, begin, end });
    tensors.push({
      name,
      dtype,
      shape: shape as number[],
      start: dataStart + begin,
      byteLength: end - begin,
    });
  }
  // Sorted spans must tile the data: each begins where the one before ended.
  spans.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let reached = 0;
  let previous = "";
  for (const s of spans) {
    if (s.begin < reached) {
      throw new SafetensorsError(
        file,
        `tensors ${JSON.stringify(previous)} and ${JSON.stringify(s.name)} overlap`,
      );
    }
    if (s.begin > reached) {
      throw new SafetensorsError(
        file,
        `bytes ${reached} to ${s.begin} of the data belong to no tensor (invalid data_offsets)`,
      );
    }
    reached = s.end;
    previous = s.name;
  }
  if (dataStart + reached !== fileSize) {
    throw new SafetensorsError(
      file,
      `${fileSize - dataStart - reached} bytes after the last tensor belong to no tensor (invalid data_offsets)`,
    );
  }
  tensors.sort((a, b) => a.start - b.start || a.byteLength - b.byteLength);
  return { dataStart, tensors, metadata };
}

/** A tensor to write: its name, dtype and shape (its bytes follow in the same order). */
export interface TensorLayout {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
}

/**
 * The header bytes (length + JSON, padded with spaces to a multiple of 8 as the reference
 * writer does) of a file holding `tensors` in this order, and the byte length of each.
 *
 * @example
 * ```ts
 * const { header } = buildSafetensorsHeader([{ name: "w", dtype: "F32", shape: [2, 3] }], null);
 * ```
 */
export function buildSafetensorsHeader(
  tensors: readonly TensorLayout[],
  metadata: Readonly<Record<string, string>> | null,
): { header: Uint8Array; byteLengths: number[] } {
  const json: Record<string, unknown> = {};
  if (metadata !== null) json.__metadata__ = metadata;
  let offset = 0;
  const byteLengths: number[] = [];
  for (const t of tensors) {
    if (t.name === "__metadata__") throw new Error('a tensor cannot be named "__metadata__"');
    if (Object.hasOwn(json, t.name)) throw new Error(`tensor ${JSON.stringify(t.name)} given twice`);
    const size = DTYPE_SIZES[t.dtype];
    if (size === undefined) throw new Error(`unknown dtype ${JSON.stringify(t.dtype)}`);
    const length = t.shape.reduce((a, b) => a * b, 1) * size;
    json[t.name] = { dtype: t.dtype, shape: [...t.shape], data_offsets: [offset, offset + length] };
    byteLengths.push(length);
    offset += length;
  }
  let text = JSON.stringify(json);
  const encoded = new TextEncoder().encode(text);
  const padded = Math.ceil((8 + encoded.length) / 8) * 8 - 8;
  text += " ".repeat(padded - encoded.length);
  const header = new Uint8Array(8 + padded);
  new DataView(header.buffer).setBigUint64(0, BigInt(padded), true);
  header.set(new TextEncoder().encode(text), 8);
  return { header, byteLengths };
}
