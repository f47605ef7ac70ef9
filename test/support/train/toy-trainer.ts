/**
 * A deliberately naive BPE trainer that makes `TrainedBpe` values for the output tests, so they
 * do not depend on the real merge loop. Every step recounts every adjacent pair over all words
 * and takes the most frequent; ties go to the lowest left bytes, then the lowest right bytes
 * (lexicographic byte order). Words come from a split before each space (" world" keeps its
 * space, as GPT-2 pieces do), after cutting out special tokens. A merge whose bytes already are a
 * token (an earlier merge's or a reserved one) reuses that id, as toklab's trainer does.
 */
import type { PieceConfig, TrainedBpe } from "../../../src/train/types.js";

export interface ToyOptions {
  readonly base?: "byte" | "char";
  /** Most merges to make (fewer if no pair reaches `minCount`). */
  readonly merges: number;
  readonly specialTokens?: readonly string[];
  readonly reservedTokens?: readonly string[];
  /** Smallest pair count worth a merge. Default 2. */
  readonly minCount?: number;
  /** Character base: characters seen fewer times are left out of the alphabet. Default 1. */
  readonly minCharCount?: number;
  readonly pieces?: PieceConfig;
}

const utf8 = new TextEncoder();

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

const key = (bytes: Uint8Array) => Array.from(bytes).join(",");

/** Text between special tokens, split before every space. */
function words(text: string, specials: readonly string[]): Map<string, number> {
  let segments = [text];
  for (const s of specials) segments = segments.flatMap((seg) => seg.split(s));
  const counts = new Map<string, number>();
  for (const seg of segments) {
    for (const w of seg.split(/(?= )/)) if (w.length > 0) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

/**
 * Trains a BPE on `text` the slow, obvious way.
 *
 * @example
 * toyTrain("low lower lowest", { merges: 5 }).merges.length; // up to 5
 */
export function toyTrain(text: string, options: ToyOptions): TrainedBpe {
  const base = options.base ?? "byte";
  const specials = options.specialTokens ?? [];
  const reserved = options.reservedTokens ?? [];
  const minCount = options.minCount ?? 2;
  const tokens: Uint8Array[] = [];
  const specialIds = specials.map((s) => tokens.push(utf8.encode(s)) - 1);
  const ordinary = new Map<string, number>(); // bytes → id of the tokens merges may produce
  // A merge that makes a reserved token's bytes gets the reserved id (as toklab's trainer does).
  const reservedIds = reserved.map((s) => {
    const id = tokens.push(utf8.encode(s)) - 1;
    ordinary.set(key(tokens[id]), id);
    return id;
  });
  const byteFallbackIds: number[] = [];
  const counts = words(text, specials);
  const seqs: { ids: number[]; count: number }[] = [];

  if (base === "byte") {
    for (let b = 0; b < 256; b++) ordinary.set(key(Uint8Array.of(b)), tokens.push(Uint8Array.of(b)) - 1);
    for (const [w, count] of counts)
      seqs.push({ ids: [...utf8.encode(w)].map((b) => ordinary.get(`${b}`)!), count });
  } else {
    for (let b = 0; b < 256; b++) byteFallbackIds.push(tokens.push(Uint8Array.of(b)) - 1);
    const charCounts = new Map<string, number>();
    for (const [w, count] of counts) for (const c of w) charCounts.set(c, (charCounts.get(c) ?? 0) + count);
    const alphabet = [...charCounts]
      .filter(([, n]) => n >= (options.minCharCount ?? 1))
      .map(([c]) => c)
      .sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
    for (const c of alphabet) ordinary.set(key(utf8.encode(c)), tokens.push(utf8.encode(c)) - 1);
    // A character outside the alphabet ends a word there (it cannot take part in merges).
    for (const [w, count] of counts) {
      let ids: number[] = [];
      for (const c of w) {
        const id = ordinary.get(key(utf8.encode(c)));
        if (id !== undefined) ids.push(id);
        else {
          if (ids.length > 0) seqs.push({ ids, count });
          ids = [];
        }
      }
      if (ids.length > 0) seqs.push({ ids, count });
    }
  }

  const firstMergeId = tokens.length;
  const merges: [number, number][] = [];
  while (merges.length < options.merges) {
    const pairs = new Map<string, { l: number; r: number; n: number }>();
    for (const { ids, count } of seqs) {
      for (let i = 0; i + 1 < ids.length; i++) {
        const k = `${ids[i]} ${ids[i + 1]}`;
        const p = pairs.get(k);
        if (p) p.n += count;
        else pairs.set(k, { l: ids[i], r: ids[i + 1], n: count });
      }
    }
    let best: { l: number; r: number; n: number } | undefined;
    for (const p of pairs.values()) {
      if (p.n < minCount) continue;
      if (
        best === undefined ||
        p.n > best.n ||
        (p.n === best.n &&
          (compareBytes(tokens[p.l], tokens[best.l]) || compareBytes(tokens[p.r], tokens[best.r])) < 0)
      ) {
        best = p;
      }
    }
    if (best === undefined) break;
    const joined = new Uint8Array([...tokens[best.l], ...tokens[best.r]]);
    let id = ordinary.get(key(joined));
    if (id === undefined) {
      id = tokens.push(joined) - 1;
      ordinary.set(key(joined), id);
    }
    merges.push([best.l, best.r]);
    for (const s of seqs) {
      const out: number[] = [];
      for (let i = 0; i < s.ids.length; i++) {
        if (i + 1 < s.ids.length && s.ids[i] === best.l && s.ids[i + 1] === best.r) {
          out.push(id);
          i++;
        } else out.push(s.ids[i]);
      }
      s.ids = out;
    }
  }

  return {
    base,
    tokens,
    specialIds,
    reservedIds,
    byteFallbackIds,
    merges,
    firstMergeId,
    pieces: options.pieces ?? { preset: "gpt2", numbers: "none", specialTokens: [...specials] },
    config: { trainer: "toy", merges: options.merges, minCount, base },
  };
}
