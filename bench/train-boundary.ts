/**
 * Boundary consistency between noisy and clean text (docs/metrics.md, "Boundary consistency
 * under noise"): of the token boundaries of the clean text that lie more than `window`
 * characters from every edit, the fraction that are also token boundaries of the noisy text.
 * The KL3M paper argues that character tokenizers (tokens of at most 3–4 characters) keep their
 * segmentation under OCR noise where a BPE vocabulary re-segments whole words; this measures it.
 */
import type { NoisyText } from "./train-noise.js";

/** The windows (characters around each edit) the benchmark reports. */
export const BOUNDARY_WINDOWS: readonly number[] = [0, 1, 2, 5];

/** Boundaries kept, out of those evaluated, for one window. */
export interface BoundaryCount {
  window: number;
  /** Clean boundaries far enough from every edit. */
  evaluated: number;
  /** Of those, the ones that are also boundaries of the noisy text. */
  kept: number;
}

/**
 * Token boundaries as gaps between code points: gap g lies before character g, and only the
 * inner gaps 1 … n − 1 count (the ends of the text are boundaries of every tokenization).
 * `tokenBytes` are the UTF-8 lengths of the tokens in order; a cut inside a multi-byte
 * character is not a character boundary and is left out.
 *
 * @example
 * ```ts
 * tokenBoundaries(["h", "é", "!"], [1, 1, 1, 1]); // é is 2 bytes cut in two: gaps {1, 2}
 * ```
 */
export function tokenBoundaries(chars: readonly string[], tokenBytes: readonly number[]): Set<number> {
  // UTF-8 offset of each character start → its index.
  const gapAt = new Map<number, number>();
  let offset = 0;
  for (let i = 0; i < chars.length; i++) {
    gapAt.set(offset, i);
    offset += utf8Length(chars[i]);
  }
  const cuts = new Set<number>();
  let at = 0;
  for (const n of tokenBytes) {
    at += n;
    const gap = gapAt.get(at);
    if (gap !== undefined && gap > 0) cuts.add(gap);
  }
  if (at !== offset) throw new Error(`tokens cover ${at} bytes, the text has ${offset}`);
  return cuts;
}

/**
 * For each window w: the clean boundaries with no touched gap within w characters (gaps
 * b − w … b + w), and how many of them the noisy tokenization also cuts, at the aligned gap.
 *
 * @example
 * ```ts
 * const n = addOcrNoise(text, 0.05, seededRandom(1));
 * boundaryConsistency(n, cleanCuts, noisyCuts, [0, 3]); // [{ window: 0, evaluated, kept }, …]
 * ```
 */
export function boundaryConsistency(
  text: NoisyText,
  cleanCuts: ReadonlySet<number>,
  noisyCuts: ReadonlySet<number>,
  windows: readonly number[],
): BoundaryCount[] {
  const n = text.clean.length;
  // touchedUpTo[g] = touched gaps among 0 … g − 1.
  const touchedUpTo = new Int32Array(n + 2);
  for (let g = 0; g <= n; g++) touchedUpTo[g + 1] = touchedUpTo[g] + text.touched[g];
  return windows.map((window) => {
    let evaluated = 0;
    let kept = 0;
    for (const b of cleanCuts) {
      const from = Math.max(0, b - window);
      const to = Math.min(n, b + window);
      if (touchedUpTo[to + 1] - touchedUpTo[from] > 0) continue;
      // Gap b untouched: characters b − 1 and b are unedited and nothing was inserted between
      // them, so the gap sits before the noisy copy of character b.
      evaluated++;
      if (noisyCuts.has(text.map[b])) kept++;
    }
    return { window, evaluated, kept };
  });
}

/** Adds counts of the same windows (over many sentences). */
export function addCounts(into: BoundaryCount[], more: readonly BoundaryCount[]): void {
  more.forEach((c, i) => {
    into[i].evaluated += c.evaluated;
    into[i].kept += c.kept;
  });
}

function utf8Length(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}
