import { isCombiningMark } from "./chars.js";
import type { NormalizedString } from "./normalized.js";
import { filterText, lowercaseText, mapText, stripText } from "./plain.js";
import type { Normalizer } from "./types.js";

/**
 * Lowercases every character (HF `Lowercase`: Rust `char::to_lowercase`, no context).
 *
 * @example
 * normalizeText(new Lowercase(), "ΑΣ"); // "ασ"
 */
export class Lowercase implements Normalizer {
  readonly type = "Lowercase";
  normalize(ns: NormalizedString): void {
    ns.lowercase();
  }
  normalizeString(s: string): string {
    return lowercaseText(s);
  }
}

/**
 * Removes leading and/or trailing White_Space (HF `Strip`).
 *
 * @example
 * normalizeText(new Strip(true, false), "  a  "); // "a  "
 */
export class Strip implements Normalizer {
  readonly type = "Strip";
  constructor(
    readonly stripLeft = true,
    readonly stripRight = true,
  ) {}
  normalize(ns: NormalizedString): void {
    if (this.stripLeft && this.stripRight) ns.strip(true, true);
    else {
      if (this.stripLeft) ns.strip(true, false);
      if (this.stripRight) ns.strip(false, true);
    }
  }
  normalizeString(s: string): string {
    return stripText(s, this.stripLeft, this.stripRight);
  }
}

/**
 * Removes combining marks, General_Category M as of Unicode 9 (HF `StripAccents`). It does not
 * decompose first: pair it with NFD/NFKD to strip accents from precomposed letters.
 *
 * @example
 * normalizeText(new StripAccents(), "e\u0301"); // "e"
 */
export class StripAccents implements Normalizer {
  readonly type = "StripAccents";
  normalize(ns: NormalizedString): void {
    ns.filter((cp) => !isCombiningMark(cp));
  }
  normalizeString(s: string): string {
    return filterText(s, (cp) => !isCombiningMark(cp));
  }
}

/**
 * Prepends a string to any non-empty text (HF `Prepend`, used as `"▁"` by Llama-style
 * SentencePiece tokenizers). The prefix takes the alignment of the first character.
 *
 * @example
 * normalizeText(new Prepend("▁"), "Hey"); // "▁Hey"
 */
export class Prepend implements Normalizer {
  readonly type = "Prepend";
  constructor(readonly prepend: string) {}
  normalize(ns: NormalizedString): void {
    ns.prepend(this.prepend);
  }
  normalizeString(s: string): string {
    return s.length === 0 ? s : this.prepend + s;
  }
}

/**
 * SentencePiece's NMT normalization rules (HF `Nmt`): removes ASCII control characters and maps
 * other spaces and separators to U+0020.
 *
 * @example
 * normalizeText(new Nmt(), "a\tb\u0001"); // "a b"
 */
export class Nmt implements Normalizer {
  readonly type = "Nmt";
  normalize(ns: NormalizedString): void {
    ns.filter(nmtKeep);
    ns.map(nmtMap);
  }
  normalizeString(s: string): string {
    return mapText(filterText(s, nmtKeep), nmtMap);
  }
}

function nmtKeep(c: number): boolean {
  return !(
    (c >= 0x01 && c <= 0x08) ||
    c === 0x0b ||
    (c >= 0x0e && c <= 0x1f) ||
    c === 0x7f ||
    c === 0x8f ||
    c === 0x9f
  );
}

function nmtMap(c: number): number {
  return c === 0x09 ||
    c === 0x0a ||
    c === 0x0c ||
    c === 0x0d ||
    c === 0x1680 ||
    (c >= 0x200b && c <= 0x200f) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x2581 ||
    c === 0xfeff ||
    c === 0xfffd
    ? 0x20
    : c;
}

/**
 * Runs several normalizers in order (HF `Sequence`).
 *
 * @example
 * normalizeText(new NormalizerSequence([new Prepend("▁"), new Lowercase()]), "A"); // "▁a"
 */
export class NormalizerSequence implements Normalizer {
  readonly type = "Sequence";
  /** Present only when every member has one (else the pipeline keeps the aligned path). */
  readonly normalizeString?: (s: string) => string | null;
  readonly unitwise: boolean;
  constructor(readonly normalizers: readonly Normalizer[]) {
    this.unitwise = normalizers.every((n) => n.unitwise === true);
    if (normalizers.every((n) => n.normalizeString !== undefined)) {
      this.normalizeString = (s) => {
        let t: string | null = s;
        for (let k = 0; k < normalizers.length && t !== null; k++) t = normalizers[k].normalizeString!(t);
        return t;
      };
    }
  }
  normalize(ns: NormalizedString): void {
    for (const n of this.normalizers) n.normalize(ns);
  }
}
