import type { PostProcessor, WorkEncoding } from "./types.js";

/** GPT-2's stand-in for the space byte. */
const SPACE = "\u0120";
const WHITE_SPACE = /^\p{White_Space}$/u;

function isSpaceLike(ch: string): boolean {
  return ch === SPACE || WHITE_SPACE.test(ch);
}

/**
 * HF `process_offsets`: shrinks each token's offsets past its leading and trailing spaces
 * (`Ġ` or Unicode White_Space characters, counted by character), so "Ġhello" points at
 * "hello" rather than " hello". The first token keeps a single leading space when
 * `addPrefixSpace` says the pre-tokenizer added it (there is nothing in the text to skip).
 *
 * HF (via the Node binding) adds the character count to code-point offsets; we add it to UTF-16
 * offsets. These agree whenever the skipped characters are the token's own text (every space
 * character is one UTF-16 unit); they could differ only after a normalizer rewrote spaces into
 * astral characters.
 */
export function trimOffsets(encoding: WorkEncoding, addPrefixSpace: boolean): void {
  const { tokens, offsets } = encoding;
  for (let i = 0; i < tokens.length; i++) {
    const chars = [...tokens[i]];
    let leading = 0;
    while (leading < chars.length && isSpaceLike(chars[leading])) leading++;
    let trailing = 0;
    while (trailing < chars.length && isSpaceLike(chars[chars.length - 1 - trailing])) trailing++;
    if (leading === 0 && trailing === 0) continue;
    const o = offsets[i];
    if (leading > 0) {
      // `offsets.0 == 0` too: pre-tokenized input can have several words starting at 0.
      const isFirst = i === 0 || o[0] === 0;
      if (isFirst && addPrefixSpace && leading === 1) leading = 0;
      o[0] = Math.min(o[0] + leading, o[1]);
    }
    if (trailing > 0 && o[1] >= trailing) o[1] = Math.max(o[1] - trailing, o[0]);
  }
}

/**
 * The byte-level post-processor (HF `ByteLevel` as a post-processor): adds no tokens; with
 * `trimOffsets`, trims the offsets of tokens that begin or end with spaces ({@link trimOffsets}),
 * overflowing parts included. `useRegex` only matters when pre-tokenizing.
 *
 * @example
 * // "Ġworld" at [5, 11) of "hello world" → [6, 11)
 * postProcess(new ByteLevelProcessing(), enc, null, true).offsets;
 */
export class ByteLevelProcessing implements PostProcessor {
  readonly type = "ByteLevel";

  constructor(
    readonly trimOffsets = true,
    readonly addPrefixSpace = true,
    readonly useRegex = true,
  ) {}

  addedTokens(): number {
    return 0;
  }

  processEncodings(encodings: WorkEncoding[]): WorkEncoding[] {
    if (this.trimOffsets) {
      for (const e of encodings) {
        trimOffsets(e, this.addPrefixSpace);
        for (const o of e.overflowing) trimOffsets(o, this.addPrefixSpace);
      }
    }
    encodings.forEach((e, i) => {
      e.setSequenceId(i);
    });
    return encodings;
  }
}
