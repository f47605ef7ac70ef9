/**
 * SuperBPE's merge vetoes for stage 2, as the authors' trainer applies them (their `tokenizers`
 * fork, commit "limit to 4-word tokens and special case colon"): a merge is skipped when the
 * merged token
 * - contains a colon followed by a space (`:Ġ` in byte-level notation), so that prompts such as
 *   "Question: " or "Answer: " never end in a superword that swallows the space after the colon;
 * - has more than 4 words, a word being a maximal run of bytes other than the space byte
 *   (splitting on `Ġ` and counting the non-empty parts; tabs and newlines do not separate words).
 *
 * Both rules look only at the bytes of the merged token, so the veto is a pure function of the
 * pair, as the merge loop requires. Browser-safe.
 */
import type { MergeVeto } from "./merge-state.js";

const SPACE = 0x20;
const COLON = 0x3a;
const EMPTY = new Uint8Array(0);

/** Options of {@link superwordVeto}. */
export interface SuperwordVetoOptions {
  /** Most words a token may span (default 4, the paper's); `Infinity` turns the rule off. */
  readonly maxWords?: number;
  /** Forbid a colon followed by a space inside a token (default true). */
  readonly colonSpace?: boolean;
}

/**
 * Words in the concatenation of `a` and `b`: runs of bytes other than the space byte.
 *
 * @example
 * ```ts
 * const bytes = (s: string) => new TextEncoder().encode(s);
 * wordCount(bytes(" by the"), bytes(" way")); // 3
 * wordCount(bytes("a  "), bytes("b")); // 2
 * ```
 */
export function wordCount(a: Uint8Array, b: Uint8Array = EMPTY): number {
  let words = 0;
  let inWord = false;
  for (let k = 0; k < a.length + b.length; k++) {
    const byte = k < a.length ? a[k] : b[k - a.length];
    if (byte === SPACE) inWord = false;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  return words;
}

/**
 * Whether the concatenation of `a` and `b` contains a colon immediately followed by a space.
 *
 * @example
 * ```ts
 * const bytes = (s: string) => new TextEncoder().encode(s);
 * hasColonSpace(bytes("Answer:"), bytes(" yes")); // true
 * hasColonSpace(bytes("http:"), bytes("//")); // false
 * ```
 */
export function hasColonSpace(a: Uint8Array, b: Uint8Array = EMPTY): boolean {
  const n = a.length + b.length;
  for (let k = 0; k + 1 < n; k++) {
    const x = k < a.length ? a[k] : b[k - a.length];
    if (x !== COLON) continue;
    const y = k + 1 < a.length ? a[k + 1] : b[k + 1 - a.length];
    if (y === SPACE) return true;
  }
  return false;
}

/**
 * The stage-2 veto of SuperBPE: no token of more than `maxWords` words, no colon followed by a
 * space.
 *
 * @example
 * ```ts
 * const veto = superwordVeto(); // the paper's: at most 4 words, no ": "
 * const run = BpeRun.resume(stage1, stage2Counts, { vocabSize: 32000, veto });
 * ```
 */
export function superwordVeto(options: SuperwordVetoOptions = {}): MergeVeto {
  const maxWords = options.maxWords ?? 4;
  const colonSpace = options.colonSpace ?? true;
  if (!(maxWords >= 1)) throw new Error(`max words per token must be ≥ 1, got ${maxWords}`);
  return (left, right, tokens) => {
    const a = tokens.bytes[left];
    const b = tokens.bytes[right];
    if (colonSpace && hasColonSpace(a, b)) return true;
    return maxWords !== Number.POSITIVE_INFINITY && wordCount(a, b) > maxWords;
  };
}
