/**
 * The reference trainer of the golden tests: as plain as BPE gets. Every step recounts every
 * adjacent pair of every word from scratch, takes the best (count, then the tie rule), and
 * rewrites each word left to right. Tokens are latin1 strings of their bytes; nothing is shared
 * with src/train but the documented id layout (specials, reserved, bytes in GPT-2 order or the
 * character alphabet, then learned tokens).
 */

export interface NaiveOptions {
  vocabSize: number;
  base: "byte" | "char";
  byteAlphabet?: "full" | "seen";
  minFrequency?: number;
  specialTokens?: string[];
  reservedTokens?: string[];
  alphabetLimit?: number;
  maxTokenLength?: { value: number; unit: "chars" | "bytes" };
  tieBreak?: "bytes" | "id";
}

export interface NaiveResult {
  /** Token byte strings (latin1) by id. */
  tokens: string[];
  merges: Array<[number, number]>;
}

const enc = new TextEncoder();
/** A byte string as a latin1 string (one character per byte). */
export const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** GPT-2's byte order: the printable bytes first, then the others, each in byte order. */
export function gpt2ByteOrder(): number[] {
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const all = Array.from({ length: 256 }, (_, b) => b);
  return [...all.filter(printable), ...all.filter((b) => !printable(b))];
}

function chars(bytes: string): number {
  let n = 0;
  for (const c of bytes) if ((c.charCodeAt(0) & 0xc0) !== 0x80) n++;
  return n === 0 && bytes.length > 0 ? 1 : n;
}

export function naiveBpe(counts: Map<string, number>, o: NaiveOptions): NaiveResult {
  const tokens: string[] = [];
  const index = new Map<string, number>();
  const mergeable: boolean[] = [];
  const add = (t: string, canMerge: boolean, unique: boolean) => {
    if (unique && index.has(t)) return index.get(t)!;
    tokens.push(t);
    mergeable.push(canMerge);
    if (canMerge && (!index.has(t) || unique)) index.set(t, tokens.length - 1);
    return tokens.length - 1;
  };
  for (const s of o.specialTokens ?? []) add(latin1(enc.encode(s)), false, false);
  for (const s of o.reservedTokens ?? []) add(latin1(enc.encode(s)), true, false);
  const byteId: number[] = [];
  let words: Array<{ syms: number[]; n: number }> = [];
  if (o.base === "byte") {
    const seen = new Set<number>();
    for (const p of counts.keys()) for (const b of enc.encode(p)) seen.add(b);
    for (const b of gpt2ByteOrder())
      if (o.byteAlphabet !== "seen" || seen.has(b)) byteId[b] = add(String.fromCharCode(b), true, true);
    words = [...counts].map(([p, n]) => ({ syms: [...enc.encode(p)].map((b) => byteId[b]), n }));
  } else {
    for (let b = 0; b < 256; b++) byteId[b] = add(String.fromCharCode(b), false, false);
    const cc = new Map<string, number>();
    for (const [p, n] of counts) for (const c of p) cc.set(c, (cc.get(c) ?? 0) + n);
    let alphabet = [...cc].sort((x, y) => y[1] - x[1] || x[0].codePointAt(0)! - y[0].codePointAt(0)!);
    if (o.alphabetLimit !== undefined) alphabet = alphabet.slice(0, o.alphabetLimit);
    const kept = alphabet.map(([c]) => c).sort((x, y) => x.codePointAt(0)! - y.codePointAt(0)!);
    const charId = new Map<string, number>();
    for (const c of kept) charId.set(c, add(latin1(enc.encode(c)), true, true));
    words = [...counts].map(([p, n]) => ({
      syms: [...p].flatMap((c) =>
        charId.has(c) && mergeable[charId.get(c)!]
          ? [charId.get(c)!]
          : [...enc.encode(c)].map((b) => byteId[b]),
      ),
      n,
    }));
  }
  if (tokens.length > o.vocabSize) throw new Error("budget");
  const merges: Array<[number, number]> = [];
  const tooLong = (a: number, b: number) => {
    const m = o.maxTokenLength;
    if (!m) return false;
    const t = tokens[a] + tokens[b];
    return (m.unit === "bytes" ? t.length : chars(t)) > m.value;
  };
  const minFrequency = Math.max(1, o.minFrequency ?? 0);
  while (tokens.length < o.vocabSize) {
    const pairCounts = new Map<string, { a: number; b: number; n: number }>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.syms.length; i++) {
        const a = w.syms[i];
        const b = w.syms[i + 1];
        if (!mergeable[a] || !mergeable[b] || tooLong(a, b)) continue;
        const k = `${a},${b}`;
        const e = pairCounts.get(k) ?? { a, b, n: 0 };
        e.n += w.n;
        pairCounts.set(k, e);
      }
    }
    let best: { a: number; b: number; n: number } | undefined;
    for (const e of pairCounts.values()) {
      if (!best || e.n > best.n || (e.n === best.n && tieBefore(e, best))) best = e;
    }
    if (!best || best.n < minFrequency) break;
    const merged = add(tokens[best.a] + tokens[best.b], true, true);
    merges.push([best.a, best.b]);
    for (const w of words) {
      const out: number[] = [];
      for (let i = 0; i < w.syms.length; i++) {
        if (i + 1 < w.syms.length && w.syms[i] === best.a && w.syms[i + 1] === best.b) {
          out.push(merged);
          i++;
        } else out.push(w.syms[i]);
      }
      w.syms = out;
    }
  }
  return { tokens, merges };

  function tieBefore(x: { a: number; b: number }, y: { a: number; b: number }): boolean {
    if (o.tieBreak === "id") return x.a !== y.a ? x.a < y.a : x.b < y.b;
    const ca = cmp(tokens[x.a], tokens[y.a]);
    return ca !== 0 ? ca < 0 : cmp(tokens[x.b], tokens[y.b]) < 0;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
