/**
 * Embedding transplantation on files: reads a base model's safetensors (or .npy), plans the new
 * rows (src/adapt/transplant), and streams the new matrix into the output, block by block.
 * Memory: one old matrix at a time, read once into memory while its new rows are written (or,
 * past `holdBytes`, no old matrix: rows read on demand with positioned reads), one block of new
 * rows, one mean row, and for OMP the donor's shared-token rows as f32 (the dictionary). The
 * output matrix is never held whole, and no matrix is held twice. Node only.
 */
import { resolve } from "node:path";
import {
  type DonorEmbeddings,
  planTransplant,
  type TransplantMethod,
  type TransplantPlan,
} from "../adapt/transplant/plan.js";
import type { Tokenizer } from "../core/tokenizer.js";
import { decodeFloats, encodeFloats, type FloatDtype } from "../formats/safetensors/dtype.js";
import { checkOutputFile } from "./atomic-files.js";
import { type MatrixReader, TensorFile, tensorFileFormat } from "./tensor-file.js";
import { type TensorSink, type TensorToWrite, writeTensorFile } from "./tensor-write.js";

/** Options of {@link transplantEmbeddingFile}. */
export interface TransplantFileOptions {
  /** The base model's tokenizer. */
  readonly from: Tokenizer;
  /** The new tokenizer: the output has `to.vocabSize` rows. */
  readonly to: Tokenizer;
  /** The base model's safetensors (or .npy) file. */
  readonly input: string;
  /**
   * The matrices to transplant: the input embeddings and, when untied, the LM head. Default
   * for an .npy file: its one array.
   */
  readonly tensors: readonly string[];
  readonly method: TransplantMethod;
  /** OMP: atoms per token (default 64). */
  readonly k?: number;
  /** OMP: the donor model's file, tokenizer and matrix (default: the first of `tensors`). */
  readonly donor?: { readonly path: string; readonly tokenizer: Tokenizer; readonly tensor?: string };
  /** The output: safetensors (every tensor of the input, the named ones replaced) or .npy. */
  readonly output: string;
  /** New rows computed and written at a time (default 256). */
  readonly blockRows?: number;
  /**
   * Each old matrix up to this size is read into memory once (rows are then served without a
   * read each); a larger one is read row by row with positioned reads. Default 1 GiB (a
   * 128k × 4096 f16 matrix); 0 reads every row on demand.
   */
  readonly holdBytes?: number;
  readonly onProgress?: (stage: string, done: number, total: number) => void;
}

/** What {@link transplantEmbeddingFile} did. */
export interface TransplantReport {
  readonly plan: TransplantPlan;
  /** Each transplanted tensor: old and new shape, and the tensor it is tied to, if any. */
  readonly tensors: readonly {
    readonly name: string;
    readonly dtype: FloatDtype;
    readonly oldShape: readonly number[];
    readonly newShape: readonly number[];
    readonly tiedTo: string | null;
  }[];
  /** Tensors copied unchanged. */
  readonly passedThrough: number;
}

/**
 * Transplants the named matrices of `input` to the new vocabulary and writes `output`
 * atomically (nothing is written on any error).
 *
 * @example
 * ```ts
 * await transplantEmbeddingFile({
 *   from: await loadTokenizer("old/tokenizer.json"), to: await loadTokenizer("new/tokenizer.json"),
 *   input: "old/model.safetensors", tensors: ["model.embed_tokens.weight", "lm_head.weight"],
 *   method: "fvt", output: "new/model.safetensors",
 * });
 * ```
 */
export async function transplantEmbeddingFile(options: TransplantFileOptions): Promise<TransplantReport> {
  // The common mistakes with the output (a file on its path) before any work.
  await checkOutputFile(options.output);
  const input = await TensorFile.open(options.input);
  const opened: TensorFile[] = [input];
  try {
    const names =
      options.tensors.length > 0 || input.format !== "npy" ? options.tensors : [input.tensors[0].name];
    if (names.length === 0) throw new Error("name the embedding matrix to transplant (--tensor NAME)");
    if (new Set(names).size !== names.length) throw new Error("a tensor is named twice");
    const matrices = names.map((n) => input.matrix(n));
    const outFormat = tensorFileFormat(options.output);
    if (outFormat === "npy" && matrices.length !== 1) {
      throw new Error(
        `${options.output}: an .npy output holds one matrix; ${matrices.length} were named (write safetensors)`,
      );
    }
    if (outFormat === "npy" && matrices[0].dtype === "BF16") {
      throw new Error(`${options.output}: .npy has no bfloat16; write safetensors`);
    }
    if (resolve(options.output) === resolve(options.input)) {
      throw new Error(`--out ${options.output} is the input file; write to another file`);
    }
    // Tied: a later matrix with the same bytes as an earlier one gets the same rows.
    const tiedTo: (string | null)[] = [];
    for (let i = 0; i < matrices.length; i++) {
      let tie: string | null = null;
      for (let j = 0; j < i && tie === null; j++) {
        if (tiedTo[j] === null && (await sameData(input, matrices[i], matrices[j]))) tie = names[j];
      }
      tiedTo.push(tie);
    }
    let donor: DonorEmbeddings | undefined;
    if (options.method === "omp") {
      if (options.donor === undefined)
        throw new Error("--method omp needs --donor FILE and --donor-tokenizer");
      const donorFile = await TensorFile.open(options.donor.path);
      opened.push(donorFile);
      const dm = donorFile.matrix(options.donor.tensor ?? names[0]);
      donor = {
        tokenizer: options.donor.tokenizer,
        rows: dm.rows,
        dim: dm.cols,
        readRow: (id) => dm.readRow(id),
      };
    }
    const oldRows = Math.min(...matrices.map((m) => m.rows));
    const plan = await planTransplant(options.from, options.to, {
      method: options.method,
      oldRows,
      k: options.k,
      donor,
      onProgress: (done, total) => options.onProgress?.("plan", done, total),
    });
    const vocab = options.to.vocabSize;
    const blockRows = options.blockRows ?? 256;
    const holdBytes = options.holdBytes ?? 1 << 30;
    // A tied matrix is read through the one it is tied to (the same bytes).
    const readers = matrices.map((m, i) => (tiedTo[i] === null ? m : matrices[names.indexOf(tiedTo[i]!)]));
    const replaced = new Map(names.map((n, i) => [n, readers[i]]));
    const tensors: TensorToWrite[] = [];
    const sources = outFormat === "npy" ? [matrices[0].entry] : input.tensors;
    for (const t of sources) {
      const m = replaced.get(t.name);
      if (m === undefined) {
        tensors.push({
          name: t.name,
          dtype: t.dtype,
          shape: t.shape,
          produce: (sink) => copyBytes(input, t.start, t.byteLength, sink),
        });
        continue;
      }
      tensors.push({
        name: t.name,
        dtype: t.dtype,
        shape: [vocab, m.cols],
        // One old matrix in memory at a time: held while its new rows are written.
        produce: async (sink) => {
          await m.hold(holdBytes);
          try {
            const mean = await meanRow(m, options.from, oldRows);
            await writeRows(m, plan, mean, blockRows, sink, (done) =>
              options.onProgress?.(`write ${t.name}`, done, vocab),
            );
          } finally {
            m.release();
          }
        },
      });
    }
    await writeTensorFile(options.output, outFormat, tensors, outFormat === "npy" ? null : input.metadata);
    return {
      plan,
      tensors: matrices.map((m, i) => ({
        name: names[i],
        dtype: m.dtype,
        oldShape: [m.rows, m.cols],
        newShape: [vocab, m.cols],
        tiedTo: tiedTo[i],
      })),
      passedThrough: sources.length - matrices.length,
    };
  } finally {
    for (const f of opened) await f.close();
  }
}

const CHUNK = 16 << 20;

async function copyBytes(file: TensorFile, start: number, length: number, sink: TensorSink): Promise<void> {
  for (let done = 0; done < length; done += CHUNK) {
    await sink.write(await file.readBytes(start + done, Math.min(CHUNK, length - done)));
  }
}

/** Whether two matrices hold the same bytes (tied weights saved twice). */
async function sameData(file: TensorFile, a: MatrixReader, b: MatrixReader): Promise<boolean> {
  if (a.dtype !== b.dtype || a.rows !== b.rows || a.cols !== b.cols) return false;
  if (a.entry.start === b.entry.start) return true;
  const length = a.entry.byteLength;
  for (let done = 0; done < length; done += CHUNK) {
    const n = Math.min(CHUNK, length - done);
    const x = await file.readBytes(a.entry.start + done, n);
    const y = await file.readBytes(b.entry.start + done, n);
    for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/** The mean of the old rows of the old tokenizer's tokens (holes and padding rows left out). */
async function meanRow(m: MatrixReader, from: Tokenizer, oldRows: number): Promise<Float64Array> {
  const sum = new Float64Array(m.cols);
  const row = new Float64Array(m.cols);
  let n = 0;
  const limit = Math.min(oldRows, from.vocabSize);
  for (let start = 0; start < limit; start += 1024) {
    const count = Math.min(1024, limit - start);
    const bytes = await m.readRowBytes(start, count);
    for (let r = 0; r < count; r++) {
      if (from.token(start + r) === undefined) continue;
      decodeRow(m, bytes, r, row);
      for (let c = 0; c < m.cols; c++) sum[c] += row[c];
      n++;
    }
  }
  if (n > 0) for (let c = 0; c < m.cols; c++) sum[c] /= n;
  return sum;
}

function decodeRow(m: MatrixReader, bytes: Uint8Array, r: number, out: Float64Array): void {
  decodeFloats(m.dtype, bytes, r * m.rowBytes, m.cols, out);
}

/** Streams the new matrix's rows, `blockRows` at a time, in the old matrix's dtype. */
async function writeRows(
  m: MatrixReader,
  plan: TransplantPlan,
  mean: Float64Array,
  blockRows: number,
  sink: TensorSink,
  progress: (done: number) => void,
): Promise<void> {
  const total = plan.rows.length;
  const cols = m.cols;
  const meanBytes = new Uint8Array(m.rowBytes);
  encodeFloats(m.dtype, mean, 0, cols, meanBytes);
  const acc = new Float64Array(cols);
  const row = new Float64Array(cols);
  for (let start = 0; start < total; start += blockRows) {
    const count = Math.min(blockRows, total - start);
    const block = new Uint8Array(count * m.rowBytes);
    for (let i = 0; i < count; ) {
      const recipe = plan.rows[start + i];
      if (recipe.kind === "copy") {
        // A run of copies of consecutive old rows is one read, copied bit for bit.
        let run = 1;
        while (i + run < count) {
          const next = plan.rows[start + i + run];
          if (next.kind !== "copy" || next.from !== recipe.from + run) break;
          run++;
        }
        block.set(await m.readRowBytes(recipe.from, run), i * m.rowBytes);
        i += run;
        continue;
      }
      if (recipe.kind === "mean") {
        block.set(meanBytes, i * m.rowBytes);
      } else {
        acc.fill(0);
        for (let j = 0; j < recipe.from.length; j++) {
          await m.readRow(recipe.from[j], row);
          const w = recipe.kind === "omp" ? recipe.weights[j] : 1;
          for (let c = 0; c < cols; c++) acc[c] += w * row[c];
        }
        if (recipe.kind === "fvt") for (let c = 0; c < cols; c++) acc[c] /= recipe.from.length;
        encodeFloats(m.dtype, acc, 0, cols, block, i * m.rowBytes);
      }
      i++;
    }
    await sink.write(block);
    progress(start + count);
  }
}
