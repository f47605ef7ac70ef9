/**
 * The last point of a stream that no token crosses, whatever bytes come next: every cover of the
 * stream shares the tokens before it (the papers' "split at the last whitespace"), so only the
 * bytes after it are enumerated and the work per byte does not grow with the text.
 *
 * Two rules, by what the tokenizer's pretokenizer does:
 *
 * - It cuts text into pieces (tiktoken, Llama 3, Qwen, trained byte-level BPE): a piece start is
 *   such a point once `margin` characters follow it. Piece boundaries can move when text is
 *   appended (o200k joins "Hello" and "'s"; a run of spaces gives its last space to the next
 *   word), but only near the end: a pattern looks at most a few characters past the piece it
 *   matches (contractions: 3, `\s+(?!\S)`: 1), so a start with `margin` characters after it
 *   stays a start.
 * - It does not (SentencePiece-style BPE: Llama 2, Gemma): a position between two bytes that no
 *   token of the vocabulary spans (in Llama 2, before a space that follows a letter) splits every
 *   encoding there, since BPE merges and Unigram's pieces never cross it.
 *
 * Either way the stretch after the point must be encodable on its own, so with a stream prefix
 * (Llama 2's dummy space) the point must be where the prefix's bytes start.
 */

import type { TokenStream } from "./stream.js";
import type { TokenIndex } from "./token-index.js";
import { isContinuation } from "./utf8.js";

/**
 * The latest boundary at or after `from` in stream bytes `[from, end)` (`from` itself when there
 * is none further on). `margin`: characters that must follow a piece start.
 */
export function lastBoundary(
  stream: TokenStream,
  index: TokenIndex,
  bytes: Uint8Array,
  from: number,
  end: number,
  margin: number,
): number {
  if (stream.splits) {
    const starts = stream.pieceStarts(bytes, from, end);
    let chars = 0;
    let at = end;
    for (let k = starts.length - 1; k >= 0; k--) {
      const s = starts[k];
      for (; at > s; at--) if (!isContinuation(bytes[at - 1])) chars++;
      if (chars >= margin && stream.canStartAt(bytes, s)) return s;
    }
    return from;
  }
  for (let p = end - 1; p > from; p--) {
    if (isContinuation(bytes[p])) continue;
    if (!index.spans(bytes[p - 1], bytes[p]) && stream.canStartAt(bytes, p)) return p;
  }
  return from;
}
