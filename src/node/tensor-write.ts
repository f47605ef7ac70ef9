/**
 * Writes a tensor file (safetensors or .npy) by streaming: the header first, then each tensor's
 * bytes as its producer hands them over in blocks, into a hidden temporary file beside the
 * target, flushed and renamed over it at the end. So the output is never held in memory, and
 * the target holds the old file or the complete new one, never a partial one; on any failure
 * the temporary file is removed and the target is untouched. Node only.
 */
import { randomBytes } from "node:crypto";
import { type FileHandle, mkdir, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { buildNpyHeader } from "../formats/npy/header.js";
import { type FloatDtype, isFloatDtype } from "../formats/safetensors/dtype.js";
import { buildSafetensorsHeader, type TensorLayout } from "../formats/safetensors/header.js";
import { checkOutputFile } from "./atomic-files.js";
import type { TensorFileFormat } from "./tensor-file.js";

/** Where a producer writes its tensor's bytes, in order. */
export interface TensorSink {
  write(bytes: Uint8Array): Promise<void>;
}

/** One tensor of the output: its layout and the function that writes its bytes. */
export interface TensorToWrite extends TensorLayout {
  /** Writes exactly the tensor's byte length (shape × dtype size) to `sink`, in order. */
  readonly produce: (sink: TensorSink) => Promise<void>;
}

/** Buffers small writes into large ones at the file's current end. */
class BufferedSink implements TensorSink {
  private buffer = new Uint8Array(1 << 20);
  private used = 0;
  written = 0;

  constructor(private readonly handle: FileHandle) {}

  async write(bytes: Uint8Array): Promise<void> {
    this.written += bytes.length;
    if (this.used + bytes.length > this.buffer.length) await this.flush();
    if (bytes.length >= this.buffer.length) {
      await this.handle.write(bytes);
      return;
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  async flush(): Promise<void> {
    if (this.used > 0) await this.handle.write(this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}

/**
 * Writes `tensors` to `path` atomically (see the module comment). An .npy file holds one F32 or
 * F16 tensor and no metadata.
 *
 * @example
 * ```ts
 * await writeTensorFile("out.safetensors", "safetensors", [
 *   { name: "w", dtype: "F32", shape: [1, 2], produce: (sink) => sink.write(new Uint8Array(8)) },
 * ], null);
 * ```
 */
export async function writeTensorFile(
  path: string,
  format: TensorFileFormat,
  tensors: readonly TensorToWrite[],
  metadata: Readonly<Record<string, string>> | null,
): Promise<void> {
  let header: Uint8Array;
  let lengths: number[];
  if (format === "npy") {
    if (tensors.length !== 1) throw new Error(`${path}: an .npy file holds one array, not ${tensors.length}`);
    const t = tensors[0];
    if (!isFloatDtype(t.dtype)) throw new Error(`${path}: .npy output supports F32 and F16, not ${t.dtype}`);
    header = buildNpyHeader(t.dtype as FloatDtype, t.shape);
    lengths = [t.shape.reduce((a, b) => a * b, 1) * (t.dtype === "F32" ? 4 : 2)];
  } else {
    ({ header, byteLengths: lengths } = buildSafetensorsHeader(tensors, metadata));
  }
  await checkOutputFile(path);
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(temp, "wx");
  let closed = false;
  try {
    await handle.write(header);
    const sink = new BufferedSink(handle);
    for (let i = 0; i < tensors.length; i++) {
      const before = sink.written;
      await tensors[i].produce(sink);
      const wrote = sink.written - before;
      if (wrote !== lengths[i]) {
        throw new Error(
          `tensor ${JSON.stringify(tensors[i].name)}: wrote ${wrote} bytes, its shape needs ${lengths[i]}`,
        );
      }
    }
    await sink.flush();
    await handle.sync();
    await handle.close();
    closed = true;
    await rename(temp, path);
  } catch (e) {
    if (!closed) await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw e;
  }
}
