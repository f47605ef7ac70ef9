/**
 * Token healing, the common heuristic against the bias of a prompt that ends where a longer
 * token could go on: back off the prompt's last token(s) and let the model regenerate their
 * text, allowing as the next token only those that start with it. (The byte-level model is the
 * exact fix; healing is what generation servers do today, and is cheap.)
 */
import type { Tokenizer } from "../core/tokenizer.js";
import { LmError } from "./types.js";

/** Options of {@link healPrompt}. */
export interface HealOptions {
  /**
   * How many tokens to back off from the end of the prompt (default 1). The next token must
   * spell all of the removed text, so more than 1 narrows the choice to the few long tokens that
   * do (a tokenizer whose canonical encoding split them had a reason to).
   */
  readonly backoff?: number;
}

/** A healed prompt: the ids to give the model and the constraint on its next token. */
export interface HealedPrompt {
  /** The prompt's ids without the backed-off tokens. */
  readonly ids: number[];
  /** The bytes of the backed-off tokens: the text the next token(s) must regenerate. */
  readonly removed: Uint8Array;
  /**
   * Whether the model may produce `id` next: its bytes start with {@link removed}. A special
   * token spells no text, so it is allowed only when nothing was removed.
   */
  allows(id: number): boolean;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The prompt `text` with its last `backoff` tokens taken back, and which tokens may come next.
 * Special-token text in the prompt is read as ordinary text, as in the rest of src/lm.
 *
 * @example
 * ```ts
 * import { getEncoding } from "toklab";
 * import { healPrompt } from "toklab/lm";
 * const gpt2 = await getEncoding("r50k_base");
 * const healed = healPrompt(gpt2, "http:");
 * healed.ids;            // [4023] ("http")
 * healed.allows(1378);   // true: "://" starts with ":"
 * healed.allows(25);     // true: ":" itself
 * healed.allows(1220);   // false: " /" does not
 * ```
 */
export function healPrompt(tokenizer: Tokenizer, text: string, options: HealOptions = {}): HealedPrompt {
  const backoff = options.backoff ?? 1;
  if (!Number.isInteger(backoff) || backoff < 0) {
    throw new RangeError(`backoff must be a whole number >= 0, not ${backoff}`);
  }
  if (LONE_SURROGATE.test(text)) {
    throw new LmError("the prompt has a lone surrogate: it is not text that UTF-8 can spell");
  }
  const all = tokenizer.encode(text, { disallowedSpecial: [] });
  const keep = Math.max(0, all.length - backoff);
  const ids = all.slice(0, keep);
  const removed = tokenizer.decodeBytes(all.slice(keep));
  return {
    ids,
    removed,
    allows(id: number): boolean {
      if (!Number.isInteger(id) || id < 0 || id >= tokenizer.vocabSize) return false;
      const info = tokenizer.token(id);
      if (info === undefined) return false;
      if (info.form === "special") return removed.length === 0;
      const bytes = info.bytes;
      if (bytes.length < removed.length) return false;
      for (let i = 0; i < removed.length; i++) if (bytes[i] !== removed[i]) return false;
      return true;
    },
  };
}
