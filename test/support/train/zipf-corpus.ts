/**
 * A generated corpus for the Unigram trainer's tests: a seeded language of words built from
 * syllables (Latin, Cyrillic, kana), drawn with Zipf frequencies into lines with punctuation and
 * numbers, so that frequent substrings, word ends and scripts all matter. No file, no licence.
 */
import { seededRandom } from "../../../src/core/random.js";

const SYLLABLES = [
  ..."ka ke ko ta te to na ne no ra re ro sa se so ma me mo la le lo pa pe po da de do".split(" "),
  ..."stra ing tion ment ful ness er ed ly al".split(" "),
  ..."ка ра на то ли ст ов ер".split(" "),
  ..."か き く さ し す な に".split(" "),
];

/** `lines` lines of the seeded language; the same seed gives the same words, other lines. */
export function zipfCorpus(vocabularySeed: number, textSeed: number, lines: number): string {
  const vocab = seededRandom(vocabularySeed);
  const words: string[] = [];
  for (let i = 0; i < 3000; i++) {
    // One script per word, as real words have.
    const script = i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 2;
    const pool =
      script === 0 ? SYLLABLES.slice(0, 37) : script === 1 ? SYLLABLES.slice(37, 45) : SYLLABLES.slice(45);
    let w = "";
    const n = 1 + Math.floor(vocab() * 4);
    for (let k = 0; k < n; k++) w += pool[Math.floor(vocab() * pool.length)];
    words.push(i % 13 === 0 ? w[0].toUpperCase() + w.slice(1) : w);
  }
  // Zipf: P(rank r) ∝ 1 / (r + 2).
  const cdf: number[] = [];
  let sum = 0;
  for (let r = 0; r < words.length; r++) {
    sum += 1 / (r + 2);
    cdf.push(sum);
  }
  const rand = seededRandom(textSeed);
  const pick = (): string => {
    const x = rand() * sum;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    const parts: string[] = [];
    const n = 3 + Math.floor(rand() * 12);
    for (let k = 0; k < n; k++) {
      let w = pick();
      const r = rand();
      if (r < 0.08) w += ",";
      else if (r < 0.1) w = `(${w})`;
      else if (r < 0.12) w = String(Math.floor(rand() * 2000));
      parts.push(w);
    }
    out.push(`${parts.join(" ")}.`);
  }
  return out.join("\n");
}
