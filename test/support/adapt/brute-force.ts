/**
 * Independent references for dynamic tokenization: the whitespace rule written as a scan, and a
 * merger that recounts every pair of the batch before each merge.
 */
import type { MergeSequence } from "../../../src/adapt/dynamic.js";

const lossy = new TextDecoder();

/** The rule, written as a scan: a whitespace character after any non-whitespace one is refused. */
export function mayJoin(bytes: Uint8Array): boolean {
  let seenWord = false;
  for (const ch of lossy.decode(bytes)) {
    const space = ch.trim() === "" || ch === "\uFEFF";
    if (space && seenWord) return false;
    if (!space) seenWord = true;
  }
  return true;
}

interface Item {
  id: number;
  bytes: Uint8Array;
  link: boolean;
}

/** Merges by recounting every pair of the whole batch before each merge. */
export function bruteForce(
  seqs: readonly MergeSequence[],
  merges: number,
  base: { vocabSize: number; tokenBytes(id: number): Uint8Array },
) {
  const state: Item[][] = seqs.map((s) =>
    s.ids.map((id, i) => ({
      id,
      bytes: base.tokenBytes(id),
      link: i < s.ids.length - 1 && s.links[i] === 1,
    })),
  );
  const joined = (x: Item, y: Item) => new Uint8Array([...x.bytes, ...y.bytes]);
  const made: { left: number; right: number; count: number }[] = [];
  for (let m = 0; m < merges; m++) {
    const counts = new Map<string, number>();
    for (const s of state)
      for (let i = 0; i + 1 < s.length; i++)
        if (s[i].link && mayJoin(joined(s[i], s[i + 1]))) {
          const k = `${s[i].id},${s[i + 1].id}`;
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
    let best: [number, number] | null = null;
    let bestCount = 0;
    for (const [k, c] of counts) {
      const [a, b] = k.split(",").map(Number);
      if (
        c > bestCount ||
        (c === bestCount && best !== null && (a < best[0] || (a === best[0] && b < best[1])))
      ) {
        best = [a, b];
        bestCount = c;
      }
    }
    if (best === null) break;
    const id = base.vocabSize + m;
    let replaced = 0;
    for (const s of state) {
      for (let i = 0; i + 1 < s.length; i++) {
        if (s[i].id === best[0] && s[i + 1].id === best[1] && s[i].link && mayJoin(joined(s[i], s[i + 1]))) {
          s.splice(i, 2, { id, bytes: joined(s[i], s[i + 1]), link: s[i + 1].link });
          replaced++;
        }
      }
    }
    made.push({ left: best[0], right: best[1], count: replaced });
  }
  return { ids: state.map((s) => s.map((x) => x.id)), merges: made };
}
