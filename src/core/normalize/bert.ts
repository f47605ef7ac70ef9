import { ChangeStream } from "./changes.js";
import { isBertControl, isBertWhitespace, isChineseChar, isMarkNonspacing } from "./chars.js";
import { type NormalizedString, TextBuilder } from "./normalized.js";
import { filterText, lowercaseText, mapText, nfText } from "./plain.js";
import type { Normalizer } from "./types.js";

/** Options of {@link BertNormalizer}, as in tokenizer.json (camelCased). */
export interface BertNormalizerOptions {
  /** Remove controls, NUL and U+FFFD; map whitespace to U+0020. Default true. */
  cleanText?: boolean;
  /** Surround CJK ideographs with spaces. Default true. */
  handleChineseChars?: boolean;
  /** NFD then remove Mn; `null`/undefined follows `lowercase`. */
  stripAccents?: boolean | null;
  /** Lowercase. Default true. */
  lowercase?: boolean;
}

/**
 * BERT's basic text normalization (HF `BertNormalizer`), in HF's order: clean text, CJK
 * spacing, strip accents (NFD + remove Mn, Unicode 8 categories), lowercase.
 *
 * @example
 * normalizeText(new BertNormalizer(), "Héllo\t世"); // "hello  世 "
 */
export class BertNormalizer implements Normalizer {
  readonly type = "BertNormalizer";
  readonly cleanText: boolean;
  readonly handleChineseChars: boolean;
  readonly stripAccents: boolean | null;
  readonly lowercase: boolean;

  constructor(options: BertNormalizerOptions = {}) {
    this.cleanText = options.cleanText ?? true;
    this.handleChineseChars = options.handleChineseChars ?? true;
    this.stripAccents = options.stripAccents ?? null;
    this.lowercase = options.lowercase ?? true;
  }

  normalize(ns: NormalizedString): void {
    if (this.cleanText) {
      ns.filter(keepClean);
      ns.map(spaceForWhitespace);
    }
    if (this.handleChineseChars) spaceChineseChars(ns);
    if (this.stripAccents ?? this.lowercase) {
      ns.normalize("NFD");
      ns.filter((c) => !isMarkNonspacing(c));
    }
    if (this.lowercase) ns.lowercase();
  }

  /** The same steps on plain text (see `plain.ts` for why the text is the same). */
  normalizeString(s: string): string {
    let t = s;
    if (this.cleanText) t = mapText(filterText(t, keepClean), spaceForWhitespace);
    if (this.handleChineseChars) t = spaceChineseText(t);
    if (this.stripAccents ?? this.lowercase) t = filterText(nfText(t, "NFD"), (c) => !isMarkNonspacing(c));
    if (this.lowercase) t = lowercaseText(t);
    return t;
  }
}

function keepClean(c: number): boolean {
  return !(c === 0 || c === 0xfffd || isBertControl(c));
}

function spaceForWhitespace(c: number): number {
  return isBertWhitespace(c) ? 0x20 : c;
}

/** `spaceChineseChars` on plain text. */
function spaceChineseText(s: string): string {
  let i = 0;
  // Every CJK ideograph HF lists is at or above U+3400.
  while (i < s.length && s.charCodeAt(i) < 0x3400) i++;
  if (i === s.length) return s;
  const out = new TextBuilder(s.length + 8);
  let found = false;
  for (let j = 0; j < s.length; ) {
    const cp = s.codePointAt(j)!;
    j += cp > 0xffff ? 2 : 1;
    if (isChineseChar(cp)) {
      found = true;
      out.push(0x20);
      out.push(cp);
      out.push(0x20);
    } else out.push(cp);
  }
  return found ? out.toString() : s;
}

/** `c` → ` c ` for CJK ideographs; both spaces share the ideograph's alignment. */
function spaceChineseChars(ns: NormalizedString): void {
  const src = ns.normalized;
  const stream = new ChangeStream(src.length);
  let found = false;
  for (let i = 0; i < src.length; ) {
    const cp = src.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (isChineseChar(cp)) {
      found = true;
      stream.push(0x20, 0);
      stream.push(cp, 1);
      stream.push(0x20, 1);
    } else stream.push(cp, 0);
  }
  if (found) ns.transform(stream, 0);
}
