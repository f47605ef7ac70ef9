/**
 * `toklab/adapt`: adapting models to new vocabularies on the tokenizer and embedding-matrix
 * side (issue 14). Browser-safe. Embedding transplantation (copy, FVT, OMP): src/adapt/transplant;
 * the file side (safetensors, .npy) is `transplantEmbeddingFile` in `toklab/node`.
 *
 * @example
 * ```ts
 * import { planTransplant } from "toklab/adapt";
 * const plan = await planTransplant(oldTok, newTok, { method: "fvt" });
 * plan.counts; // { copied, fvt, omp, mean }
 * ```
 */

export * from "../formats/npy/index.js";
export * from "../formats/safetensors/index.js";
export * from "./transplant/index.js";
