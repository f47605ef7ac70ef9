/**
 * NFC, NFD, NFKC and NFKD as change streams, the way Hugging Face's
 * `unicode-normalization-alignments` crate produces them, so that alignments match HF exactly:
 * - decomposition: per source character, its full decomposition; the first produced character
 *   replaces the source (change 0), the others are inserted (change +1);
 * - canonical ordering: each maximal run of non-starters is stable-sorted by combining class and
 *   the changes travel with their characters (alignments are positional, so a reordered mark
 *   takes the alignment of the position it lands on);
 * - composition: the standard state machine; a composite absorbing a character with change `c`
 *   gets `change + c - 1`.
 * The data is the engine's (`String.prototype.normalize`), narrowed to Unicode 9 (the crate's
 * version) by {@link UNICODE9_INERT}; combining classes are compared by probing `normalize`,
 * which only ever reorders by class, so no class table ships.
 */
import { ChangeStream } from "./changes.js";
import { inRanges, UNICODE9_INERT } from "./unicode-age.js";

/** A Unicode normalization form name. */
export type NormalForm = "NFC" | "NFD" | "NFKC" | "NFKD";

const decompCache = { NFD: new Map<number, number[]>(), NFKD: new Map<number, number[]>() };
const nonStarterCache = new Map<number, boolean>();
const sameClassCache = new Map<number, boolean>();
const composeCache = new Map<number, number>();

function isInert(cp: number): boolean {
  return inRanges(UNICODE9_INERT, cp);
}

/** Full decomposition of one code point under the crate's Unicode 9 data. */
function decompose(cp: number, compat: boolean): number[] | null {
  if (cp < 0xa0) return null;
  const cache = compat ? decompCache.NFKD : decompCache.NFD;
  let r = cache.get(cp);
  if (r === undefined) {
    const s = String.fromCodePoint(cp);
    const d = isInert(cp) ? s : s.normalize(compat ? "NFKD" : "NFD");
    r = d === s ? [] : Array.from(d, (c) => c.codePointAt(0)!);
    cache.set(cp, r);
  }
  return r.length === 0 ? null : r;
}

/**
 * Canonical combining class ≠ 0. U+0345 has the highest class (240) and U+0334 the lowest (1):
 * a non-starter is reordered before the first or after the second.
 */
export function isNonStarter(cp: number): boolean {
  if (cp < 0x300) return false;
  let r = nonStarterCache.get(cp);
  if (r === undefined) {
    const s = String.fromCodePoint(cp);
    r =
      !isInert(cp) &&
      (`\u0345${s}`.normalize("NFD") !== `\u0345${s}` || `${s}\u0334`.normalize("NFD") !== `${s}\u0334`);
    nonStarterCache.set(cp, r);
  }
  return r;
}

/** For non-starters `a` then `b` in canonical order: do they have the same class? */
function sameClass(a: number, b: number): boolean {
  if (a === b) return true;
  const key = a * 0x110000 + b;
  let r = sameClassCache.get(key);
  if (r === undefined) {
    const ba = String.fromCodePoint(b, a);
    r = ba.normalize("NFD") === ba;
    sameClassCache.set(key, r);
  }
  return r;
}

/** The primary composite of `a` + `b`, or -1. */
function composePair(a: number, b: number): number {
  const key = a * 0x110000 + b;
  let r = composeCache.get(key);
  if (r === undefined) {
    r = -1;
    if (!isInert(a) && !isInert(b)) {
      const c = String.fromCodePoint(a, b).normalize("NFC");
      const cp = c.codePointAt(0)!;
      if (c.length === (cp > 0xffff ? 2 : 1) && !isInert(cp)) r = cp;
    }
    composeCache.set(key, r);
  }
  return r;
}

/** True when no form can change `text` (every unit below U+00A0, where all forms are the identity). */
function isTrivial(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0xa0) return false;
  return true;
}

/**
 * The change stream of `form` over `text`, or `null` when the form leaves it unchanged
 * (a stream of identity replacements, which would be a no-op transform).
 *
 * @example
 * nfStream("e\u0301", "NFC"); // stream [("é", -1)]
 */
export function nfStream(text: string, form: NormalForm): ChangeStream | null {
  if (isTrivial(text)) return null;
  const compat = form === "NFKC" || form === "NFKD";
  const d = new ChangeStream(text.length + 8);
  let changed = false;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    const parts = decompose(cp, compat);
    if (parts === null) d.push(cp, 0);
    else {
      changed = true;
      for (let k = 0; k < parts.length; k++) d.push(parts[k], k > 0 ? 1 : 0);
    }
  }
  if (reorder(d)) changed = true;
  if (form === "NFD" || form === "NFKD") return changed ? d : null;
  const c = compose(d);
  return changed || c.length !== d.length ? c : null;
}

/** Stable-sorts each run of non-starters by class, in place; true if anything moved. */
function reorder(s: ChangeStream): boolean {
  const { codePoints: cps, changes } = s;
  let moved = false;
  let i = 0;
  while (i < s.length) {
    if (!isNonStarter(cps[i])) {
      i++;
      continue;
    }
    const start = i;
    while (i < s.length && isNonStarter(cps[i])) i++;
    if (i - start < 2) continue;
    const run = Array.from(cps.subarray(start, i));
    const sorted = Array.from(String.fromCodePoint(...run).normalize("NFD"), (c) => c.codePointAt(0)!);
    let same = true;
    for (let k = 0; k < run.length; k++) if (sorted[k] !== run[k]) same = false;
    if (same) continue;
    moved = true;
    // Equal code points keep their relative order in a stable sort, so each sorted character is
    // the earliest unused occurrence of its code point in the run.
    const used = new Uint8Array(run.length);
    const runChanges = Array.from(changes.subarray(start, i));
    for (let k = 0; k < sorted.length; k++) {
      let j = 0;
      while (used[j] || run[j] !== sorted[k]) j++;
      used[j] = 1;
      cps[start + k] = sorted[k];
      changes[start + k] = runChanges[j];
    }
  }
  return moved;
}

/** Canonical composition of a decomposed, ordered stream, with HF's change arithmetic. */
function compose(d: ChangeStream): ChangeStream {
  const out = new ChangeStream(d.length);
  const bufCp: number[] = [];
  const bufCh: number[] = [];
  let kCp = -1;
  let kCh = 0;
  let lastCp = -1; // last buffered non-starter, -1 when the buffer is empty
  const flushBuffer = () => {
    for (let b = 0; b < bufCp.length; b++) out.push(bufCp[b], bufCh[b]);
    bufCp.length = 0;
    bufCh.length = 0;
  };
  for (let i = 0; i < d.length; i++) {
    const ch = d.codePoints[i];
    const change = d.changes[i];
    const starter = !isNonStarter(ch);
    if (kCp < 0) {
      if (!starter) out.push(ch, change);
      else {
        kCp = ch;
        kCh = change;
      }
      continue;
    }
    if (lastCp < 0) {
      const r = composePair(kCp, ch);
      if (r >= 0) {
        kCp = r;
        kCh = kCh + change - 1;
      } else if (starter) {
        out.push(kCp, kCh);
        kCp = ch;
        kCh = change;
      } else {
        bufCp.push(ch);
        bufCh.push(change);
        lastCp = ch;
      }
      continue;
    }
    if (starter || sameClass(lastCp, ch)) {
      // Blocked from the composee by the last buffered mark.
      if (starter) {
        out.push(kCp, kCh);
        flushBuffer();
        kCp = ch;
        kCh = change;
        lastCp = -1;
      } else {
        bufCp.push(ch);
        bufCh.push(change);
        lastCp = ch;
      }
      continue;
    }
    const r = composePair(kCp, ch);
    if (r >= 0) {
      kCp = r;
      kCh = kCh + change - 1;
    } else {
      bufCp.push(ch);
      bufCh.push(change);
      lastCp = ch;
    }
  }
  if (kCp >= 0) out.push(kCp, kCh);
  flushBuffer();
  return out;
}
