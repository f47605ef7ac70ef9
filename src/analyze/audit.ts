/**
 * The vocabulary audit: per-token verdicts ({@link classifyTokens}) summed into integer counts,
 * the script and category composition of the vocabulary, and a few examples of each, as plain
 * data (what `toklab audit --json` prints). Definitions: docs/decisions/0017-vocabulary-audit.md.
 */

import { emptyRecord, plainRecord } from "../core/record.js";
import type { Tokenizer } from "../core/tokenizer.js";
import { CATEGORIES, type Category, categoriesOfText } from "./categories.js";
import { classifyTokens, type TokenClass, type TokenVerdict } from "./classify.js";
import { scriptOfText } from "./scripts.js";
import { readableBytes } from "./utf8.js";

/** One example token in a report. */
export interface AuditExample {
  id: number;
  /** The token as the vocabulary spells it (`Ġthe`, `▁the`, `<0x0A>`, `##ing`). */
  piece: string;
  /** Its bytes as text, with bytes that are not UTF-8 spelled `<0xAB>`. */
  text: string;
  /** What its text re-encodes to, for unreachable tokens. */
  reencoded?: number[];
}

/** The counts of an audit; every field is an integer number of tokens. */
export interface AuditCounts {
  /** Tokens audited (ids with a token; holes in the id range are not counted). */
  tokens: number;
  ok: number;
  unreachable_single: number;
  unreachable_multi: number;
  undecodable: number;
  special: number;
  /** Non-special added tokens (Hugging Face), classified like any other token. */
  added: number;
  /** Tokens of two or more bytes that are not valid UTF-8 (Land & Bartolo's count). */
  partial_utf8: number;
  /** Single-byte tokens that are not UTF-8 on their own (bytes 0x80–0xFF). */
  non_utf8_bytes: number;
  /** SentencePiece byte-fallback tokens (`<0xAB>`). */
  byte_fallback: number;
  /** Byte-fallback tokens whose byte is also an ordinary one-byte token. */
  byte_fallback_duplicates: number;
  /** Ordinary tokens whose text the pretokenizer cuts into several pieces (or none). */
  pretokenizer_unreachable: number;
}

/** What {@link auditVocabulary} returns (and `toklab audit --json` prints). */
export interface VocabularyAudit extends AuditCounts {
  /** The tokenizer as named by the caller. */
  tokenizer: string;
  /** The file format: `tiktoken`, `huggingface`... */
  format: string;
  /** How token strings spell bytes (`Tokenizer.byteScheme`): `bytes`, `byte-level`, `sentencepiece`... */
  scheme: string;
  /** Decodable non-special tokens by script (see scripts.ts): `Latin`, `Han`, `Common`, `Mixed`... */
  scripts: Record<string, number>;
  /** Non-special tokens by category (they overlap; see categories.ts). */
  categories: Record<Category, number>;
  /** Up to `examples` tokens (lowest ids first) for each count above and each category. */
  examples: Record<string, AuditExample[]>;
}

/** Options of {@link auditVocabulary}. */
export interface AuditOptions {
  /** Examples kept per count and category. Default 5. */
  examples?: number;
  /** Called from time to time with (tokens classified, tokens in all), for a progress display. */
  onProgress?: (done: number, total: number) => void;
}

function exampleOf(v: TokenVerdict, withReencoded: boolean): AuditExample {
  const e: AuditExample = { id: v.token.id, piece: v.token.piece, text: readableBytes(v.token.bytes) };
  if (withReencoded && v.reencoded !== null) e.reencoded = [...v.reencoded];
  return e;
}

/**
 * Audits the vocabulary of `tok`.
 *
 * @example
 * const audit = auditVocabulary(evalTokenizerFromEncoding(await getEncoding("r50k_base")));
 * audit.partial_utf8; // 216
 * audit.examples.unreachable_multi[0]; // { id, piece, text, reencoded: [...] }
 */
export function auditVocabulary(tok: Tokenizer, options: AuditOptions = {}): VocabularyAudit {
  const limit = options.examples ?? 5;
  const verdicts = classifyTokens(tok, options.onProgress);
  const counts: AuditCounts = {
    tokens: verdicts.length,
    ok: 0,
    unreachable_single: 0,
    unreachable_multi: 0,
    undecodable: 0,
    special: 0,
    added: 0,
    partial_utf8: 0,
    non_utf8_bytes: 0,
    byte_fallback: 0,
    byte_fallback_duplicates: 0,
    pretokenizer_unreachable: 0,
  };
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const scripts: Record<string, number> = emptyRecord<number>();
  // Every count and category has an example list, empty or not, so the JSON shape is fixed.
  const examples: Record<string, AuditExample[]> = emptyRecord<AuditExample[]>();
  for (const key of [...Object.keys(counts), ...CATEGORIES]) if (key !== "tokens") examples[key] = [];
  const note = (key: keyof AuditCounts | Category, v: TokenVerdict, withReencoded = false) => {
    if (examples[key].length < limit) examples[key].push(exampleOf(v, withReencoded));
  };
  const count = (key: keyof AuditCounts, v: TokenVerdict, withReencoded = false) => {
    counts[key]++;
    note(key, v, withReencoded);
  };

  // A byte-fallback token duplicates an ordinary token spelled by the same single byte.
  const ordinaryBytes = new Set<number>();
  for (const v of verdicts) {
    if (v.token.form === "text" && v.token.bytes.length === 1) ordinaryBytes.add(v.token.bytes[0]);
  }

  for (const v of verdicts) {
    const { form, bytes } = v.token;
    const cls: TokenClass = v.class;
    count(cls, v, cls === "unreachable_single" || cls === "unreachable_multi");
    if (form === "special") continue;
    if (form === "added") count("added", v);
    if (v.partialUtf8) count("partial_utf8", v);
    if (bytes.length === 1 && bytes[0] >= 0x80) count("non_utf8_bytes", v);
    if (form === "byte") {
      count("byte_fallback", v);
      if (ordinaryBytes.has(bytes[0])) count("byte_fallback_duplicates", v);
    }
    if (v.pieces !== null && v.pieces !== 1) count("pretokenizer_unreachable", v);
    // Byte tokens and undecodable tokens are "byte" material, whatever their one byte says.
    const cats: Category[] =
      form === "byte" || v.text === null ? ["byte"] : categoriesOfText(v.text, v.token.continuation);
    for (const c of cats) {
      categories[c]++;
      note(c, v);
    }
    if (v.text !== null && form !== "byte") {
      const s = scriptOfText(v.text);
      scripts[s] = (scripts[s] ?? 0) + 1;
    }
  }
  const sortedScripts = Object.fromEntries(
    Object.entries(scripts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
  );
  return {
    tokenizer: tok.name,
    format: tok.format,
    scheme: tok.byteScheme,
    ...counts,
    scripts: sortedScripts,
    categories,
    examples: plainRecord(examples),
  };
}
