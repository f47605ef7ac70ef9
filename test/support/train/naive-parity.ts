/**
 * The reference of the parity-aware golden tests, as plain as the rule reads: every step
 * re-encodes every language's dev pieces from bytes with all merges so far to count its tokens,
 * ranks the languages, recounts the chosen language's pairs from scratch, and rewrites every
 * word of every language. Byte base only (GPT-2 byte order, all 256 bytes, no special tokens);
 * tokens are latin1 strings of their bytes. Shares nothing with src/train (the byte order and the
 * latin1 spelling are the naive BPE trainer's).
 */
import { gpt2ByteOrder, latin1 } from "./naive-bpe.js";

export interface NaiveParityOptions {
  vocabSize: number;
  mode?: "base" | "window" | "ratio" | "hybrid";
  globalMerges?: number;
  windowSize?: number;
  windowAlpha?: number;
  ratios?: Record<string, number>;
  minFrequency?: number;
  maxTokenLength?: { value: number; unit: "bytes" };
  tieBreak?: "bytes" | "id";
}

export interface NaiveParityResult {
  tokens: string[];
  merges: Array<[number, number]>;
  /** The language of each merge (null: global). */
  served: Array<string | null>;
}

const enc = new TextEncoder();

interface Word {
  syms: number[];
  n: number;
}

/** Rewrites `syms` with one merge, left to right. */
export function applyMerge(syms: number[], a: number, b: number, merged: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < syms.length; i++) {
    if (i + 1 < syms.length && syms[i] === a && syms[i + 1] === b) {
      out.push(merged);
      i++;
    } else out.push(syms[i]);
  }
  return out;
}

export function naiveParity(
  train: Map<string, Map<string, number>>,
  dev: Map<string, Map<string, number>>,
  o: NaiveParityOptions,
): NaiveParityResult {
  const mode = o.mode ?? "base";
  const langs = [...train.keys()];
  const tokens: string[] = [];
  const index = new Map<string, number>();
  const byteId: number[] = [];
  for (const b of gpt2ByteOrder()) {
    byteId[b] = tokens.length;
    index.set(String.fromCharCode(b), tokens.length);
    tokens.push(String.fromCharCode(b));
  }
  const toSyms = (piece: string) => [...enc.encode(piece)].map((b) => byteId[b]);
  const words = new Map<string, Word[]>();
  for (const l of langs) {
    words.set(
      l,
      [...train.get(l)!].filter(([, n]) => n > 0).map(([p, n]) => ({ syms: toSyms(p), n })),
    );
  }
  const initial = langs.map((l) => words.get(l)!.reduce((s, w) => s + w.n * w.syms.length, 0));
  const merges: Array<[number, number]> = [];
  const mergedIds: number[] = [];
  const served: Array<string | null> = [];
  const minFrequency = Math.max(1, o.minFrequency ?? 0);
  const recent: number[] = [];

  const devTokens = (l: string) => {
    let total = 0;
    for (const [piece, n] of dev.get(l)!) {
      let syms = toSyms(piece);
      for (let k = 0; k < merges.length; k++)
        syms = applyMerge(syms, merges[k][0], merges[k][1], mergedIds[k]);
      total += n * syms.length;
    }
    return total;
  };
  const trainTokens = (l: string) => words.get(l)!.reduce((s, w) => s + w.n * w.syms.length, 0);
  const best = (ws: Word[]) => {
    const counts = new Map<string, { a: number; b: number; n: number }>();
    for (const w of ws) {
      for (let i = 0; i + 1 < w.syms.length; i++) {
        const a = w.syms[i];
        const b = w.syms[i + 1];
        if (o.maxTokenLength && tokens[a].length + tokens[b].length > o.maxTokenLength.value) continue;
        const k = `${a},${b}`;
        const e = counts.get(k) ?? { a, b, n: 0 };
        e.n += w.n;
        counts.set(k, e);
      }
    }
    let top: { a: number; b: number; n: number } | undefined;
    for (const e of counts.values()) {
      if (!top || e.n > top.n || (e.n === top.n && tieBefore(e, top))) top = e;
    }
    return top && top.n >= minFrequency ? top : undefined;
  };

  while (tokens.length < o.vocabSize) {
    let chosen: { a: number; b: number } | undefined;
    let lang: string | null = null;
    if (merges.length < (o.globalMerges ?? 0)) {
      chosen = best(langs.flatMap((l) => words.get(l)!));
      if (!chosen) break;
    } else {
      let order: number[];
      if (mode === "ratio") {
        const rate = langs.map((l, i) => initial[i] / trainTokens(l) / (o.ratios?.[l] ?? 1));
        order = langs.map((_, i) => i).sort((i, j) => rate[i] - rate[j] || i - j);
      } else {
        const len = langs.map(devTokens);
        order = langs.map((_, i) => i).sort((i, j) => len[j] - len[i] || i - j);
      }
      if (mode === "window") {
        const size = o.windowSize ?? 100;
        const quota = (o.windowAlpha ?? 2) / langs.length;
        const window = recent.slice(-size);
        const ok = (i: number) => window.filter((x) => x === i).length / size <= quota;
        order = [...order.filter(ok), ...order.filter((i) => !ok(i))];
      }
      for (const i of order) {
        const top = best(words.get(langs[i])!);
        if (top) {
          chosen = top;
          lang = langs[i];
          recent.push(i);
          break;
        }
      }
      if (!chosen) break;
    }
    const text = tokens[chosen.a] + tokens[chosen.b];
    let merged = index.get(text);
    if (merged === undefined) {
      merged = tokens.length;
      tokens.push(text);
      index.set(text, merged);
    }
    merges.push([chosen.a, chosen.b]);
    mergedIds.push(merged);
    served.push(lang);
    for (const ws of words.values())
      for (const w of ws) w.syms = applyMerge(w.syms, chosen.a, chosen.b, merged);
  }
  return { tokens, merges, served };

  function tieBefore(x: { a: number; b: number }, y: { a: number; b: number }): boolean {
    if (o.tieBreak === "id") return x.a !== y.a ? x.a < y.a : x.b < y.b;
    const ca = cmp(tokens[x.a], tokens[y.a]);
    return ca !== 0 ? ca < 0 : cmp(tokens[x.b], tokens[y.b]) < 0;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { gpt2ByteOrder, latin1 };
