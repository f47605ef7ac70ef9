import { charPattern, type SplitPattern } from "./patterns.js";
import type { PlainSplits, UnitWriter } from "./plain.js";
import type { PreTokenizedString } from "./pretokenized.js";
import { splitByPattern } from "./split-by.js";
import type { HfPreTokenizer } from "./types.js";

/** When Metaspace prepends its replacement character (HF `PrependScheme`). */
export type PrependScheme = "always" | "first" | "never";

/** Options of {@link Metaspace}, named as in tokenizer.json. */
export interface MetaspaceOptions {
  /** The character that replaces spaces. Default `"▁"`. */
  replacement?: string;
  /** Default `"always"`. */
  prependScheme?: PrependScheme;
  /** Cut before every replacement character. Default `true`. */
  split?: boolean;
}

/**
 * HF `Metaspace`: replaces every space by `replacement` (SentencePiece's `▁`), prepends one per
 * `prependScheme` (`first`: only to the split that starts the input), and optionally cuts before
 * each replacement character (merged with the text after it).
 *
 * @example
 * const pts = new PreTokenizedString("Hey friend");
 * new Metaspace().preTokenize(pts);
 * pts.pieces().map((p) => p.text); // ["▁Hey", "▁friend"]
 */
export class Metaspace implements HfPreTokenizer {
  readonly type = "Metaspace";
  readonly replacement: string;
  readonly prependScheme: PrependScheme;
  readonly split: boolean;
  private readonly splitPattern: SplitPattern;

  constructor(options: MetaspaceOptions = {}) {
    this.replacement = options.replacement ?? "\u2581";
    if ([...this.replacement].length !== 1) throw new Error("Metaspace replacement must be one character");
    this.prependScheme = options.prependScheme ?? "always";
    this.split = options.split ?? true;
    const r = this.replacement.codePointAt(0)!;
    this.splitPattern = charPattern((c) => c === r);
  }

  preTokenize(pts: PreTokenizedString): void {
    const rep = this.replacement;
    const scheme = this.prependScheme;
    pts.transform((ns) => {
      const text = ns.normalized;
      if (text.includes(" ")) {
        const spaces: number[] = [];
        for (let i = text.indexOf(" "); i >= 0; i = text.indexOf(" ", i + 1)) spaces.push(i, i + 1);
        ns.replaceRanges(spaces, rep);
      }
      if (scheme === "never" || ns.normalized.startsWith(rep)) return;
      if (scheme === "always" || ns.originalShift === 0) ns.prepend(rep);
    });
    if (this.split) splitByPattern(pts, this.splitPattern, "MergedWithNext");
  }

  /**
   * The same on plain splits: spaces replaced and the prefix written into one new string. With
   * `first`, whether a split starts the input comes from {@link PlainSplits.atInputStart}; when
   * that is unknown, give up (the aligned path runs).
   */
  preTokenizePlain(ps: PlainSplits): boolean {
    const rep = this.replacement;
    const scheme = this.prependScheme;
    const ok = ps.rewrite((text, start, end, out: UnitWriter, i) => {
      const startsWithRep = text.charCodeAt(start) === 0x20 || text.startsWith(rep, start);
      let prefix = false;
      if (scheme !== "never" && !startsWithRep) {
        if (scheme === "always") prefix = true;
        else {
          const first = ps.atInputStart(i);
          if (first === null) return false;
          prefix = first;
        }
      }
      out.reserve((end - start) * rep.length + rep.length);
      if (prefix) for (let k = 0; k < rep.length; k++) out.push(rep.charCodeAt(k));
      for (let j = start; j < end; j++) {
        const c = text.charCodeAt(j);
        if (c === 0x20) for (let k = 0; k < rep.length; k++) out.push(rep.charCodeAt(k));
        else out.push(c);
      }
      return true;
    });
    if (!ok) return false;
    if (this.split) splitByPattern(ps, this.splitPattern, "MergedWithNext");
    return true;
  }
}
