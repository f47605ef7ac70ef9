import { charPattern } from "./patterns.js";
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

  constructor(options: MetaspaceOptions = {}) {
    this.replacement = options.replacement ?? "\u2581";
    if ([...this.replacement].length !== 1) throw new Error("Metaspace replacement must be one character");
    this.prependScheme = options.prependScheme ?? "always";
    this.split = options.split ?? true;
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
    if (this.split) {
      const r = rep.codePointAt(0)!;
      splitByPattern(
        pts,
        charPattern((c) => c === r),
        "MergedWithNext",
      );
    }
  }
}
