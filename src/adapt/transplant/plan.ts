/**
 * The recipe of each row of a transplanted embedding matrix: which old rows make it and how.
 * The same plan serves the input embeddings and the LM head (each applies it to its own old
 * rows), so tied matrices stay tied. Browser-safe: rows are read through callbacks.
 */
import type { Tokenizer } from "../../core/tokenizer.js";
import { OldSpelling } from "./fvt.js";
import { matchVocabularies, VocabularyIndex } from "./match.js";
import { atomNorms, type Dictionary, orthogonalMatchingPursuit } from "./omp.js";

/** How rows of new tokens that the old vocabulary lacks are made. */
export type TransplantMethod = "copy" | "fvt" | "omp";

/** The transplant methods, for option parsing and help. */
export const TRANSPLANT_METHODS: readonly TransplantMethod[] = ["copy", "fvt", "omp"];

/**
 * One new row: an old row copied bit for bit, the mean of old rows (FVT), a weighted sum of old
 * rows (OMP), or the mean of all old rows (nothing better known).
 */
export type RowRecipe =
  | { readonly kind: "copy"; readonly from: number }
  | { readonly kind: "fvt"; readonly from: readonly number[] }
  | { readonly kind: "omp"; readonly from: readonly number[]; readonly weights: Float64Array }
  | { readonly kind: "mean" };

/** A new token that got the mean row, and why. */
export interface MeanRowToken {
  readonly id: number;
  /** The token's piece, or null for an id with no token (a hole in the vocabulary). */
  readonly piece: string | null;
  readonly reason: "hole" | "special" | "no-spelling" | "copy-method";
}

/** Counts of each kind of row. */
export interface TransplantCounts {
  readonly copied: number;
  readonly fvt: number;
  readonly omp: number;
  readonly mean: number;
}

/** The rows of the new matrix. */
export interface TransplantPlan {
  readonly method: TransplantMethod;
  /** One recipe per id of the new tokenizer (`vocabSize` of them). */
  readonly rows: readonly RowRecipe[];
  readonly counts: TransplantCounts;
  /** Every new token that got the mean row. */
  readonly meanRows: readonly MeanRowToken[];
  /** OMP: new tokens with no donor row that fell back to FVT (ids). */
  readonly ompFallbacks: readonly number[];
  /** OMP: the mean relative residual ‖donor row − fit‖ / ‖donor row‖ over OMP rows. */
  readonly ompMeanResidual: number | null;
}

/** A donor model for OMP: a matrix over a vocabulary that contains the new tokens. */
export interface DonorEmbeddings {
  readonly tokenizer: Tokenizer;
  readonly rows: number;
  readonly dim: number;
  /** Row `id` of the donor matrix, exactly. */
  readRow(id: number): Promise<Float64Array>;
}

/** Options of {@link planTransplant}. */
export interface PlanOptions {
  readonly method: TransplantMethod;
  /**
   * Rows of the base model's matrix: old ids at or past it have no row (a matrix smaller than
   * the old vocabulary). Default: the old tokenizer's `vocabSize`.
   */
  readonly oldRows?: number;
  /** OMP: atoms per token (default 64). */
  readonly k?: number;
  /** OMP: the donor (required for `omp`). */
  readonly donor?: DonorEmbeddings;
  /** Called from time to time with the new ids planned so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Plans the new matrix's rows: shared tokens (same bytes; special and added tokens by content)
 * copy their old row; the others by `method` (FVT: the mean of the old tokenizer's spelling of
 * the token; OMP: the donor's sparse fit over shared tokens, FVT when the donor lacks the token);
 * what is left, the mean row.
 *
 * @example
 * ```ts
 * const plan = await planTransplant(oldTok, newTok, { method: "fvt" });
 * plan.counts; // { copied: 31000, fvt: 950, omp: 0, mean: 50 }
 * ```
 */
export async function planTransplant(
  from: Tokenizer,
  to: Tokenizer,
  options: PlanOptions,
): Promise<TransplantPlan> {
  const oldRows = options.oldRows ?? from.vocabSize;
  const usable = (id: number) => id >= 0 && id < oldRows;
  const shared = matchVocabularies(new VocabularyIndex(from), to);
  const spelling = options.method === "copy" ? null : new OldSpelling(from);
  const omp = options.method === "omp" ? await prepareOmp(to, shared, usable, options) : null;
  const rows: RowRecipe[] = [];
  const meanRows: MeanRowToken[] = [];
  const ompFallbacks: number[] = [];
  const counts = { copied: 0, fvt: 0, omp: 0, mean: 0 };
  let residualSum = 0;
  const mean = (id: number, piece: string | null, reason: MeanRowToken["reason"]) => {
    rows.push({ kind: "mean" });
    meanRows.push({ id, piece, reason });
    counts.mean++;
  };
  for (let id = 0; id < to.vocabSize; id++) {
    if (id % 1024 === 0) options.onProgress?.(id, to.vocabSize);
    const info = to.token(id);
    if (info === undefined) {
      mean(id, null, "hole");
      continue;
    }
    if (usable(shared[id])) {
      rows.push({ kind: "copy", from: shared[id] });
      counts.copied++;
      continue;
    }
    if (spelling === null) {
      mean(id, info.piece, "copy-method");
      continue;
    }
    if (omp !== null) {
      const fit = await omp.fit(id);
      if (fit !== null) {
        rows.push({ kind: "omp", from: fit.from, weights: fit.weights });
        counts.omp++;
        residualSum += fit.relativeResidual;
        continue;
      }
      ompFallbacks.push(id);
    }
    // A control token's text says nothing of its use: no spelling stands for it.
    if (info.form === "special") {
      mean(id, info.piece, "special");
      continue;
    }
    const ids = spelling.spell(info.bytes);
    if (ids?.every(usable)) {
      rows.push({ kind: "fvt", from: ids });
      counts.fvt++;
    } else {
      mean(id, info.piece, "no-spelling");
    }
  }
  options.onProgress?.(to.vocabSize, to.vocabSize);
  return {
    method: options.method,
    rows,
    counts,
    meanRows,
    ompFallbacks,
    ompMeanResidual: counts.omp > 0 ? residualSum / counts.omp : null,
  };
}

/** The donor's dictionary of shared tokens, and the fit of one new token over it. */
async function prepareOmp(
  to: Tokenizer,
  shared: Int32Array,
  usable: (id: number) => boolean,
  options: PlanOptions,
): Promise<{
  fit(id: number): Promise<{ from: number[]; weights: Float64Array; relativeResidual: number } | null>;
}> {
  const donor = options.donor;
  if (donor === undefined)
    throw new Error("the omp method needs a donor model (donor embeddings and tokenizer)");
  const k = options.k ?? 64;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  // Donor id of each new id (the donor's vocabulary need not number tokens as the new one does).
  const donorOf = matchVocabularies(new VocabularyIndex(donor.tokenizer), to);
  const atomOld: number[] = [];
  const atomDonor: number[] = [];
  const seenOld = new Set<number>();
  for (let id = 0; id < to.vocabSize; id++) {
    const old = shared[id];
    const d = donorOf[id];
    if (!usable(old) || d < 0 || d >= donor.rows || seenOld.has(old)) continue;
    seenOld.add(old);
    atomOld.push(old);
    atomDonor.push(d);
  }
  // The dictionary is held once, as f32 (shared tokens × donor width).
  const data = new Float32Array(atomOld.length * donor.dim);
  for (let j = 0; j < atomDonor.length; j++) data.set(await donor.readRow(atomDonor[j]), j * donor.dim);
  const dict: Dictionary = { data, count: atomOld.length, dim: donor.dim };
  const norms = atomNorms(dict);
  return {
    async fit(id) {
      const d = donorOf[id];
      if (d < 0 || d >= donor.rows || dict.count === 0) return null;
      const target = await donor.readRow(d);
      const result = orthogonalMatchingPursuit(target, dict, k, { norms });
      if (result.indices.length === 0) return null;
      let norm = 0;
      for (let t = 0; t < target.length; t++) norm += target[t] * target[t];
      norm = Math.sqrt(norm);
      return {
        from: result.indices.map((j) => atomOld[j]),
        weights: result.coefficients,
        relativeResidual: norm === 0 ? 0 : result.residualNorm / norm,
      };
    },
  };
}
