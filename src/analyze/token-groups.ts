/**
 * Tokens grouped for display: a byte-level vocabulary may cut one character between tokens
 * (`🐍` is three o200k tokens: two of its four bytes, then one, then one), and a token that is
 * part of a character has no text of its own. As tiktokenizer shows them, such tokens are put
 * together into the characters they spell, and the group is marked as split.
 */
import type { Tokenizer } from "../core/tokenizer.js";
import { readableBytes, wellFormedLength } from "./utf8.js";

/** Consecutive tokens shown as one piece of text. */
export interface TokenGroup {
  /** The tokens' ids: one, or several that together spell whole characters. */
  readonly ids: number[];
  /**
   * The text the tokens stand for (their bytes as UTF-8). Bytes that never complete a character
   * are spelled `<0xAB>`.
   */
  readonly text: string;
  /** Several tokens that cut a character between them. */
  readonly split: boolean;
  /** A special (control) token. */
  readonly special: boolean;
}

/** Whether `bytes` is whole characters, the start of one more, or not UTF-8. */
function status(bytes: Uint8Array): "complete" | "incomplete" | "invalid" {
  let i = 0;
  while (i < bytes.length) {
    const n = wellFormedLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    return isPrefixOfCharacter(bytes.subarray(i)) ? "incomplete" : "invalid";
  }
  return "complete";
}

/** Whether `tail` is the first bytes of some well-formed character (and not all of it). */
function isPrefixOfCharacter(tail: Uint8Array): boolean {
  if (tail.length >= 4) return false;
  // Complete it with the smallest continuation bytes that could follow and test the result.
  for (const fill of [0x80, 0x90, 0xa0]) {
    const probe = new Uint8Array(4);
    probe.set(tail);
    for (let k = tail.length; k < 4; k++) probe[k] = k === tail.length ? fill : 0x80;
    const n = wellFormedLength(probe, 0);
    if (n > tail.length) return true;
  }
  return false;
}

/**
 * `ids` as display groups: each token alone when its bytes are whole characters, else with the
 * tokens after it until the bytes are whole characters again (or cannot become so: such bytes are
 * spelled `<0xAB>`). Concatenated, the groups' ids are `ids`.
 *
 * @example
 * const enc = await getEncoding("o200k_base");
 * groupTokens(enc, enc.encode("a🐍")).map((g) => [g.text, g.ids.length]); // [["a", 1], ["🐍", 3]]
 */
export function groupTokens(tok: Tokenizer, ids: readonly number[]): TokenGroup[] {
  const groups: TokenGroup[] = [];
  let pending: number[] = [];
  let bytes = new Uint8Array(0);
  const close = () => {
    groups.push({
      ids: pending,
      text: readableBytes(bytes),
      split: pending.length > 1,
      special: pending.length === 1 && tok.isSpecial(pending[0]),
    });
    pending = [];
    bytes = new Uint8Array(0);
  };
  for (const id of ids) {
    const own = tok.tokenBytes(id);
    if (pending.length > 0 && (tok.isSpecial(id) || status(own) === "complete")) close();
    const joined = new Uint8Array(bytes.length + own.length);
    joined.set(bytes);
    joined.set(own, bytes.length);
    pending.push(id);
    bytes = joined;
    if (tok.isSpecial(id) || status(bytes) !== "incomplete") close();
  }
  if (pending.length > 0) close();
  return groups;
}
