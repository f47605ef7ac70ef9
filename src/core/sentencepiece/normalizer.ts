import { Charsmap } from "../normalize/charsmap.js";
import type { NormalizedString } from "../normalize/normalized.js";
import type { Normalizer } from "../normalize/types.js";
import { charUnits, PrefixMatcher } from "./prefix.js";

/** What a SentencePiece model's NormalizerSpec (and TrainerSpec) say about normalization. */
export interface SentencePieceNormalizerOptions {
  /** The compiled rules (`precompiled_charsmap`); empty or absent for the identity. */
  readonly charsmap?: Uint8Array | null;
  /** Put a space before the text (default true). */
  readonly addDummyPrefix?: boolean;
  /** Drop leading and trailing spaces and squeeze runs of spaces (default true). */
  readonly removeExtraWhitespaces?: boolean;
  /** Write spaces as `▁` (default true). */
  readonly escapeWhitespaces?: boolean;
  /** The dummy space goes after the text instead of before it (default false). */
  readonly treatWhitespaceAsSuffix?: boolean;
  /** User-defined symbols: copied through unnormalized. */
  readonly userDefinedSymbols?: Iterable<string>;
}

const SPACE_MARK = "\u2581";

/**
 * SentencePiece's normalizer, exactly (`Normalizer::Normalize`): piece by piece from the left, a
 * user-defined symbol is copied as it is, otherwise the longest rule of the compiled charsmap
 * applies, otherwise the character is copied; with `removeExtraWhitespaces` a normalized piece
 * that is only a space is dropped at the start, the spaces that begin a piece after one that
 * ended in a space are dropped, and trailing spaces (after escaping: trailing `▁`, including one
 * that was in the text) are removed at the end; the dummy prefix is added before the text (after
 * it with `treatWhitespaceAsSuffix`), and spaces become `▁`.
 *
 * Hugging Face's converted tokenizer.json approximates this with `Precompiled` (which looks up
 * graphemes, shortest rule first), `Strip` and `Replace` steps; they differ on rare inputs (a
 * literal `▁` at the end, rules longer than one character), which is why the runtime uses this.
 *
 * Alignments: each output character maps to the original piece it came from; the dummy prefix
 * maps to an empty range where the text starts.
 *
 * @example
 * ```ts
 * const n = new SentencePieceNormalizer({ addDummyPrefix: true });
 * normalizeText(n, "  Hello   world "); // "▁Hello▁world"
 * ```
 */
export class SentencePieceNormalizer implements Normalizer {
  readonly type = "SentencePiece";
  readonly charsmap: Charsmap | null;
  readonly addDummyPrefix: boolean;
  readonly removeExtraWhitespaces: boolean;
  readonly escapeWhitespaces: boolean;
  readonly treatWhitespaceAsSuffix: boolean;
  private readonly matcher: PrefixMatcher;
  private readonly space: string;

  constructor(options: SentencePieceNormalizerOptions = {}) {
    const map = options.charsmap;
    this.charsmap = map === null || map === undefined || map.length === 0 ? null : new Charsmap(map);
    this.addDummyPrefix = options.addDummyPrefix ?? true;
    this.removeExtraWhitespaces = options.removeExtraWhitespaces ?? true;
    this.escapeWhitespaces = options.escapeWhitespaces ?? true;
    this.treatWhitespaceAsSuffix = options.treatWhitespaceAsSuffix ?? false;
    this.matcher = new PrefixMatcher(options.userDefinedSymbols ?? []);
    this.space = this.escapeWhitespaces ? SPACE_MARK : " ";
  }

  normalize(ns: NormalizedString): void {
    const text = ns.normalized;
    const starts: number[] = [];
    const ends: number[] = [];
    const out = this.run(text, starts, ends);
    const n = text.length;
    const aS = new Int32Array(out.length);
    const aE = new Int32Array(out.length);
    // Compose with the string's existing alignment (a fresh string's is the identity).
    const at = (i: number, end: boolean): number =>
      i < n ? (end && i > 0 ? ns.alignEnd[i - 1] : ns.alignStart[i]) : n > 0 ? ns.alignEnd[n - 1] : 0;
    for (let k = 0; k < out.length; k++) {
      const s = starts[k];
      const e = ends[k];
      aS[k] = at(s, false);
      aE[k] = s === e ? aS[k] : at(e, true);
    }
    ns.normalized = out;
    ns.alignStart = aS;
    ns.alignEnd = aE;
  }

  normalizeString(s: string): string {
    return this.run(s, null, null);
  }

  /**
   * The normalized text; with `starts`/`ends`, also each output unit's source range in `text`
   * (UTF-16 units).
   */
  private run(text: string, starts: number[] | null, ends: number[] | null): string {
    const n = text.length;
    if (n === 0) return "";
    let i = 0;
    if (this.removeExtraWhitespaces) {
      while (i < n) {
        const len = this.prefix(text, i);
        if (this.piece !== " ") break;
        i += len;
      }
      if (i === n) return "";
    }
    let out = "";
    const push = (s: string, from: number, to: number) => {
      out += s;
      if (starts !== null && ends !== null) {
        for (let k = 0; k < s.length; k++) {
          starts.push(from);
          ends.push(to);
        }
      }
    };
    if (!this.treatWhitespaceAsSuffix && this.addDummyPrefix) push(this.space, i, i);
    let prevSpace = this.removeExtraWhitespaces;
    while (i < n) {
      const len = this.prefix(text, i);
      let sp = this.piece;
      if (prevSpace) {
        let k = 0;
        while (k < sp.length && sp.charCodeAt(k) === 0x20) k++;
        if (k > 0) sp = sp.slice(k);
      }
      if (sp.length > 0) {
        push(this.escapeWhitespaces ? sp.replaceAll(" ", SPACE_MARK) : sp, i, i + len);
        prevSpace = sp.charCodeAt(sp.length - 1) === 0x20;
      }
      i += len;
      if (!this.removeExtraWhitespaces) prevSpace = false;
    }
    if (this.removeExtraWhitespaces) {
      let cut = out.length;
      while (cut > 0 && out.charCodeAt(cut - 1) === this.space.charCodeAt(0)) cut--;
      if (cut < out.length) {
        out = out.slice(0, cut);
        starts?.splice(cut);
        ends?.splice(cut);
      }
    }
    if (this.treatWhitespaceAsSuffix && this.addDummyPrefix) push(this.space, n, n);
    return out;
  }

  /** The normalized form of the piece at `text[i]`, set by {@link prefix}. */
  private piece = "";

  /** SentencePiece's `NormalizePrefix`: sets {@link piece}, returns the units consumed. */
  private prefix(text: string, i: number): number {
    const n = text.length;
    const user = this.matcher.match(text, i, n);
    if (user > 0) {
      this.piece = text.slice(i, i + user);
      return user;
    }
    if (this.charsmap !== null) {
      const len = this.charsmap.longestPrefix(text, i, n);
      if (len > 0) {
        this.piece = this.charsmap.lastReplacement;
        return len;
      }
    }
    const len = charUnits(text, i);
    this.piece = text.slice(i, i + len);
    return len;
  }
}
