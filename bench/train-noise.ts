/**
 * OCR-like noise with a known alignment, for the boundary-consistency measurement of the KL3M
 * character tokenizers (docs/metrics.md, "Boundary consistency under noise").
 *
 * Each character (code point) of the clean text is, independently and with the given rate,
 * edited: half of the edits substitute it (with a look-alike from {@link OCR_CONFUSIONS} when
 * it has one, else a random lowercase letter), a quarter delete it, a quarter insert a random
 * character before it (the character itself is kept). Because we make the edits, the alignment
 * is exact: no edit-distance search, no ambiguity.
 */
import { seededRandom } from "../src/core/random.js";

/** Look-alikes an OCR engine confuses (both directions where it makes sense). */
export const OCR_CONFUSIONS: Readonly<Record<string, string>> = {
  a: "o",
  o: "0",
  e: "c",
  c: "e",
  i: "l",
  l: "1",
  I: "l",
  O: "0",
  S: "5",
  B: "8",
  g: "q",
  h: "b",
  b: "h",
  n: "m",
  m: "n",
  u: "v",
  v: "u",
  t: "f",
  f: "t",
  r: "n",
  ",": ".",
  ".": ",",
  "0": "O",
  "1": "l",
  "5": "S",
};

/** Characters an insertion picks from (thin glyphs and stray marks, as OCR produces, and a space). */
const INSERTABLE = "ilrtnj.,'- ";
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** A noisy copy of a text and how it aligns with the clean one (indices are code points). */
export interface NoisyText {
  /** The clean text's code points. */
  clean: string[];
  noisy: string[];
  /** For each clean character, its index in `noisy`, or -1 when it was substituted or deleted. */
  map: Int32Array;
  /**
   * Gaps touched by an edit: gap g lies between clean characters g − 1 and g (0 … n). An
   * edited character touches the gaps on both its sides; an insertion touches its own gap.
   */
  touched: Uint8Array;
  edits: { substitutions: number; deletions: number; insertions: number };
}

/**
 * Edits about `rate` of the characters of `text` (see the module comment), reproducibly for a
 * given `random`.
 *
 * @example
 * ```ts
 * const n = addOcrNoise("the cat sat on the mat", 0.05, seededRandom(1));
 * n.noisy.join(""); // e.g. "the cot sat on the mat"
 * ```
 */
export function addOcrNoise(text: string, rate: number, random: () => number): NoisyText {
  if (!(rate >= 0 && rate <= 1)) throw new Error(`noise rate must be in [0, 1], got ${rate}`);
  const clean = [...text];
  const noisy: string[] = [];
  const map = new Int32Array(clean.length).fill(-1);
  const touched = new Uint8Array(clean.length + 1);
  const edits = { substitutions: 0, deletions: 0, insertions: 0 };
  const pick = (s: string) => s[Math.floor(random() * s.length)];
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i];
    const r = random();
    if (r >= rate) {
      map[i] = noisy.length;
      noisy.push(c);
    } else if (r < rate * 0.25) {
      edits.insertions++;
      touched[i] = 1;
      noisy.push(pick(INSERTABLE));
      map[i] = noisy.length;
      noisy.push(c);
    } else if (r < rate * 0.5) {
      edits.deletions++;
      touched[i] = touched[i + 1] = 1;
    } else {
      edits.substitutions++;
      touched[i] = touched[i + 1] = 1;
      let sub = OCR_CONFUSIONS[c] ?? pick(LETTERS);
      // A random letter may draw the character itself: take the next one instead.
      if (sub === c) sub = LETTERS[(LETTERS.indexOf(c) + 1) % LETTERS.length];
      noisy.push(sub);
    }
  }
  return { clean, noisy, map, touched, edits };
}

/** {@link addOcrNoise} over many texts with one seeded generator. */
export function noisyCopies(texts: readonly string[], rate: number, seed: number): NoisyText[] {
  const random = seededRandom(seed);
  return texts.map((t) => addOcrNoise(t, rate, random));
}
