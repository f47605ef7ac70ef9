export { OldSpelling } from "./fvt.js";
export { bytesKey, matchVocabularies, VocabularyIndex } from "./match.js";
export {
  atomNorms,
  type Dictionary,
  type OmpOptions,
  type OmpResult,
  orthogonalMatchingPursuit,
} from "./omp.js";
export {
  type DonorEmbeddings,
  type MeanRowToken,
  type PlanOptions,
  planTransplant,
  type RowRecipe,
  TRANSPLANT_METHODS,
  type TransplantCounts,
  type TransplantMethod,
  type TransplantPlan,
} from "./plan.js";
