/**
 * The per-token half of the vocabulary audit (the vocabulary-only part of Land & Bartolo 2024,
 * "Fishing for Magikarp"): decode each token alone, re-encode the text, and say what came back.
 */
import type { TokenInfo, Tokenizer } from "../core/tokenizer.js";
import { pieceCounter } from "./pretokenize.js";
import { makeReencoder } from "./reencode.js";
import { vocabularyBytes } from "./token-bytes.js";
import { isValidUtf8 } from "./utf8.js";

/**
 * - `ok`: its text re-encodes to exactly this token;
 * - `unreachable_single`: its text re-encodes to one other token (a duplicate spelling);
 * - `unreachable_multi`: its text re-encodes to several tokens (or to none);
 * - `undecodable`: its bytes are not valid UTF-8, so it has no text of its own (stray bytes,
 *   cut characters);
 * - `special`: a special (control) token, never produced from ordinary text by design.
 */
export type TokenClass = "ok" | "unreachable_single" | "unreachable_multi" | "undecodable" | "special";

/** What the audit found for one token. */
export interface TokenVerdict {
  readonly token: TokenInfo;
  readonly class: TokenClass;
  /** The token decoded alone: its bytes as UTF-8; `null` when they are not valid UTF-8. */
  readonly text: string | null;
  /** The ids its text re-encodes to; `null` for undecodable and special tokens. */
  readonly reencoded: readonly number[] | null;
  /** Two or more bytes that are not valid UTF-8: the paper's "partial UTF-8 sequence" count. */
  readonly partialUtf8: boolean;
  /**
   * Pieces the pretokenizer makes of the text alone (see pretokenize.ts); `null` for special,
   * added and undecodable tokens, which never go through the pretokenizer as text.
   */
  readonly pieces: number | null;
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * "Decode alone" is the token's own bytes read as UTF-8 rather than `tok.decode([id])`: both
 * agree except where a decoder edits the start of a sequence (SentencePiece's Strip of the
 * leading space turns `▁the` into "the"), and that edit is not a property of the token.
 */
function textOf(t: TokenInfo): string | null {
  return isValidUtf8(t.bytes) ? utf8.decode(t.bytes) : null;
}

/**
 * Classifies every token of `tok`'s vocabulary, in id order; `onProgress` hears (tokens done,
 * tokens in all) every 1,024 tokens.
 *
 * @example
 * const verdicts = classifyTokens(evalTokenizerFromEncoding(await getEncoding("r50k_base")));
 * verdicts[262]; // { class: "ok", text: " the", reencoded: [262], ... }
 * verdicts.filter((v) => v.partialUtf8).length; // 216
 */
export function classifyTokens(
  tok: Tokenizer,
  onProgress?: (done: number, total: number) => void,
): TokenVerdict[] {
  const all = vocabularyBytes(tok);
  const byId = new Map(all.map((t) => [t.id, t.bytes]));
  const reencode = makeReencoder(tok, (id) => byId.get(id));
  const pieces = pieceCounter(tok);
  return all.map((token, i) => {
    if (onProgress !== undefined && (i & 1023) === 0) onProgress(i, all.length);
    const text = textOf(token);
    const partialUtf8 = token.form === "text" && text === null && token.bytes.length >= 2;
    if (token.form === "special") {
      return { token, class: "special", text, reencoded: null, partialUtf8, pieces: null };
    }
    if (text === null)
      return { token, class: "undecodable", text, reencoded: null, partialUtf8, pieces: null };
    const reencoded = reencode(text, token.continuation);
    const cls: TokenClass =
      reencoded.length === 1
        ? reencoded[0] === token.id
          ? "ok"
          : "unreachable_single"
        : "unreachable_multi";
    const n = token.form === "text" ? pieces(text) : null;
    return { token, class: cls, text, reencoded, partialUtf8, pieces: n };
  });
}
