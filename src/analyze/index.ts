/**
 * `toklab/analyze`: what a vocabulary holds, for any {@link Tokenizer} (browser-safe): the
 * vocabulary audit (tokens that cannot be produced, partial UTF-8, byte-fallback duplicates,
 * scripts and categories), after Land & Bartolo 2024. Definitions:
 * docs/decisions/0017-vocabulary-audit.md.
 *
 * @example
 * ```ts
 * import { getEncoding } from "toklab";
 * import { auditVocabulary } from "toklab/analyze";
 * auditVocabulary(await getEncoding("r50k_base")).partial_utf8; // 216
 * ```
 */
export {
  type AuditCounts,
  type AuditExample,
  type AuditOptions,
  auditVocabulary,
  type VocabularyAudit,
} from "./audit.js";
export { CATEGORIES, type Category, categoriesOfText } from "./categories.js";
export { classifyTokens, type TokenClass, type TokenVerdict } from "./classify.js";
export { pieceCounter } from "./pretokenize.js";
export { makeReencoder, type Reencoder } from "./reencode.js";
export { NAMED_SCRIPTS, scriptOfCodePoint, scriptOfText } from "./scripts.js";
export { vocabularyBytes } from "./token-bytes.js";
export { groupTokens, type TokenGroup } from "./token-groups.js";
export { isValidUtf8, readableBytes, wellFormedLength } from "./utf8.js";
