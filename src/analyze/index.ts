/**
 * Analyses of a vocabulary (browser-safe): the bytes of every token, and the vocabulary audit.
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
export { isValidUtf8, readableBytes, wellFormedLength } from "./utf8.js";
