/**
 * SentencePiece's training input, as its TrainerInterface prepares it: each sentence (a line)
 * is normalized (spaces squeezed and written `▁`, the dummy prefix added: the identity rules),
 * and, because pieces
 * never cross a word start when `split_by_whitespace` is on (its default), only the distinct
 * words and their counts are kept (`SplitSentencesByWhitespace`). Browser-safe.
 */

/** `▁`, SentencePiece's written space. */
export const SPACE_MARK = "\u2581";
/** U+2585, what SentencePiece's trainer puts in place of a character outside the alphabet. */
export const UNK_CHAR = "\u2585";

/** How sentences are normalized before training (recorded in the model's NormalizerSpec). */
export interface SentenceOptions {
  /** Put `▁` before each sentence (default true). */
  readonly addDummyPrefix?: boolean;
  /** Squeeze runs of spaces and drop leading and trailing ones (default true). */
  readonly removeExtraWhitespaces?: boolean;
  /** Sentences longer than this many UTF-8 bytes are skipped, as spm_train does (default 4192). */
  readonly maxSentenceBytes?: number;
}

/** What was read: counts for the progress line and the manifest. */
export interface SentenceStats {
  sentences: number;
  skippedTooLong: number;
  skippedReserved: number;
  bytes: number;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Counts the words of normalized sentences. `add` takes one sentence; `addText` splits a
 * document at line ends first, as spm_train reads one sentence per line.
 *
 * @example
 * ```ts
 * const w = new WordCounter();
 * w.addText("the cat\nthe dog");
 * w.counts; // Map { "▁the" => 2, "▁cat" => 1, "▁dog" => 1 }
 * ```
 */
export class WordCounter {
  readonly counts = new Map<string, number>();
  readonly stats: SentenceStats = { sentences: 0, skippedTooLong: 0, skippedReserved: 0, bytes: 0 };
  private readonly addDummyPrefix: boolean;
  private readonly removeExtraWhitespaces: boolean;
  private readonly maxBytes: number;

  constructor(options: SentenceOptions = {}) {
    this.addDummyPrefix = options.addDummyPrefix ?? true;
    this.removeExtraWhitespaces = options.removeExtraWhitespaces ?? true;
    this.maxBytes = options.maxSentenceBytes ?? 4192;
  }

  /**
   * SentencePiece's normalization with the identity rules (`SentencePieceNormalizer` without a
   * charsmap, which the tests compare it with), by string operations: leading spaces dropped,
   * runs squeezed, spaces written `▁`, the dummy prefix, trailing `▁` (also literal ones)
   * dropped.
   */
  normalize(sentence: string): string {
    if (sentence.length === 0) return "";
    if (!this.removeExtraWhitespaces) {
      return (this.addDummyPrefix ? SPACE_MARK : "") + sentence.replaceAll(" ", SPACE_MARK);
    }
    let start = 0;
    while (start < sentence.length && sentence.charCodeAt(start) === 0x20) start++;
    if (start === sentence.length) return "";
    let s = (start > 0 ? sentence.slice(start) : sentence).replace(/ {2,}/g, " ").replaceAll(" ", SPACE_MARK);
    if (this.addDummyPrefix) s = SPACE_MARK + s;
    let end = s.length;
    while (end > 0 && s.charCodeAt(end - 1) === 0x2581) end--;
    return end < s.length ? s.slice(0, end) : s;
  }

  /** Adds every line of `text`. */
  addText(text: string): void {
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (lineEnd > start) this.add(text.slice(start, lineEnd));
      start = end + 1;
    }
  }

  /** Adds one sentence. */
  add(sentence: string): void {
    if (sentence.length === 0) return;
    const bytes = utf8Length(sentence);
    this.stats.bytes += bytes;
    if (bytes > this.maxBytes) {
      this.stats.skippedTooLong++;
      return;
    }
    if (sentence.includes(UNK_CHAR)) {
      this.stats.skippedReserved++;
      return;
    }
    const s = this.normalize(sentence);
    if (s.length === 0) return;
    this.stats.sentences++;
    // A word starts at the sentence start and at every `▁` (SplitIntoWords without
    // whitespace-only pieces).
    let start = 0;
    for (let i = 1; i <= s.length; i++) {
      if (i === s.length || s.charCodeAt(i) === 0x2581) {
        const w = s.slice(start, i);
        this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
        start = i;
      }
    }
  }
}
