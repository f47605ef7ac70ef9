/**
 * Helpers of the training-benchmark tests: an explicit edit script applied to a text (so a test
 * controls every edit), and the boundary-consistency metric computed naively from that script,
 * without the `map`/`touched` bookkeeping the benchmark uses.
 */
import type { BoundaryCount } from "../../bench/train-boundary.js";
import type { NoisyText } from "../../bench/train-noise.js";

/** One edit at clean character `at`: insert `char` before it (it stays), delete it, or replace it. */
export type Edit =
  | { kind: "insert"; at: number; char: string }
  | { kind: "delete"; at: number }
  | { kind: "substitute"; at: number; char: string };

/** At most one edit per character, in order. */
export function applyScript(clean: string, script: readonly Edit[]): NoisyText {
  const chars = [...clean];
  const noisy: string[] = [];
  const map = new Int32Array(chars.length).fill(-1);
  const touched = new Uint8Array(chars.length + 1);
  const edits = { substitutions: 0, deletions: 0, insertions: 0 };
  const byAt = new Map(script.map((e) => [e.at, e]));
  chars.forEach((c, i) => {
    const e = byAt.get(i);
    if (e?.kind === "insert") {
      noisy.push(e.char);
      touched[i] = 1;
      edits.insertions++;
    }
    if (e?.kind === "delete") {
      touched[i] = touched[i + 1] = 1;
      edits.deletions++;
    } else if (e?.kind === "substitute") {
      noisy.push(e.char);
      touched[i] = touched[i + 1] = 1;
      edits.substitutions++;
    } else {
      map[i] = noisy.length;
      noisy.push(c);
    }
  });
  return { clean: chars, noisy, map, touched, edits };
}

/** A random script over `n` characters, about a fifth of them edited. */
export function randomScript(n: number, random: () => number): Edit[] {
  const script: Edit[] = [];
  for (let at = 0; at < n; at++) {
    const r = random();
    if (r < 0.07) script.push({ kind: "insert", at, char: "+" });
    else if (r < 0.14) script.push({ kind: "delete", at });
    else if (r < 0.2) script.push({ kind: "substitute", at, char: "*" });
  }
  return script;
}

/**
 * The definition read literally: a clean boundary b is evaluated when every edit is more than
 * `window` gaps away (a replaced or deleted character j sits between gaps j and j + 1, an
 * insertion before j at gap j); its noisy position is the number of noisy characters produced
 * before clean character b.
 */
export function naiveConsistency(
  n: number,
  script: readonly Edit[],
  cleanCuts: ReadonlySet<number>,
  noisyCuts: ReadonlySet<number>,
  window: number,
): BoundaryCount {
  let evaluated = 0;
  let kept = 0;
  for (const b of cleanCuts) {
    if (b <= 0 || b >= n) continue;
    const near = script.some((e) =>
      e.kind === "insert"
        ? Math.abs(b - e.at) <= window
        : Math.min(Math.abs(b - e.at), Math.abs(b - e.at - 1)) <= window,
    );
    if (near) continue;
    evaluated++;
    let before = 0;
    for (let j = 0; j < b; j++) {
      const e = script.find((x) => x.at === j);
      if (e?.kind === "insert") before += 2;
      else if (e?.kind !== "delete") before += 1;
    }
    if (noisyCuts.has(before)) kept++;
  }
  return { window, evaluated, kept };
}
