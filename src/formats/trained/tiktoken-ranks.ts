/**
 * A trained byte-level BPE as a tiktoken rank file. Ranks are the token ids: every id that is
 * not a special token gets a line (reserved tokens included, by their UTF-8 bytes), special ids
 * are holes and go to the manifest with their text, as tiktoken takes them in its constructor.
 * Browser-safe.
 *
 * tiktoken merges by rank, not by merge list: a pair joins whenever the joined bytes are a
 * token, at that token's rank. When two merges of the trained list make the same bytes (the
 * Hugging Face trainer keeps both, `TrainedLayout.repeatedMerges`), the second merge's place in
 * the list is lost and the two encoders can differ; see docs/decisions/0022.
 */

import { serializeTiktoken } from "../tiktoken.js";
import { bytesKey, TrainedBpeError, trainedLayout } from "./layout.js";
import type { TrainedBpe } from "./types.js";

/** The special tokens of `trained` as tiktoken's constructor takes them: text → id. */
export function trainedSpecialTokens(trained: TrainedBpe): Map<string, number> {
  const layout = trainedLayout(trained);
  const out = new Map<string, number>();
  layout.kinds.forEach((kind, id) => {
    if (kind === "special") out.set(layout.strings[id], id);
  });
  return out;
}

/**
 * `.tiktoken` text (`<base64 bytes> <rank>` lines in rank order) for a byte-level `trained`.
 * Throws a `TrainedBpeError` for a character base (byte-fallback tokens have no rank-file
 * form: tiktoken has no byte fallback), for a byte alphabet without all 256 bytes, and when two
 * ranked tokens have the same bytes (a reserved token repeating an ordinary token's bytes),
 * which a rank file cannot hold.
 *
 * @example
 * ```ts
 * const text = trainedTiktoken(trained);
 * new Tiktoken(text, Object.fromEntries(trainedSpecialTokens(trained)), GPT2_PATTERN);
 * ```
 */
export function trainedTiktoken(trained: TrainedBpe): string {
  if (trained.base !== "byte") {
    throw new TrainedBpeError(
      "a tiktoken rank file holds byte-level BPE only; this tokenizer has a character base with " +
        "byte fallback (write tokenizer.json instead)",
    );
  }
  const layout = trainedLayout(trained);
  if (layout.missingBytes > 0) {
    // tiktoken assumes every byte is a token (a piece always ends as tokens).
    throw new TrainedBpeError(
      `a tiktoken rank file needs all 256 byte tokens; this vocabulary lacks ${layout.missingBytes}`,
    );
  }
  const size = trained.tokens.length;
  const offsets = new Uint32Array(size + 1);
  const seen = new Map<string, number>();
  for (let id = 0; id < size; id++) {
    const bytes = trained.tokens[id];
    const ranked = layout.kinds[id] !== "special";
    offsets[id + 1] = offsets[id] + (ranked ? bytes.length : 0);
    if (!ranked) continue;
    const key = bytesKey(bytes);
    const other = seen.get(key);
    if (other !== undefined) {
      throw new TrainedBpeError(
        `tokens ${other} (${layout.kinds[other]}) and ${id} (${layout.kinds[id]}) have the same bytes; ` +
          "a tiktoken rank file maps bytes to one rank",
      );
    }
    seen.set(key, id);
  }
  const blob = new Uint8Array(offsets[size]);
  for (let id = 0; id < size; id++) {
    if (offsets[id + 1] > offsets[id]) blob.set(trained.tokens[id], offsets[id]);
  }
  return serializeTiktoken({ blob, offsets });
}
