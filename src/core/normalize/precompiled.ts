import { ChangeStream } from "./changes.js";
import { Charsmap } from "./charsmap.js";
import type { NormalizedString } from "./normalized.js";
import type { Normalizer } from "./types.js";

let segmenter: { segment(s: string): Iterable<{ segment: string }> } | null = null;

/** Extended grapheme clusters (UAX #29), via `Intl.Segmenter` for the non-ASCII stretches. */
function* graphemes(text: string): Generator<string> {
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Two adjacent ASCII characters always have a boundary between them, except CR LF; cut
    // there so only stretches around non-ASCII text reach the (slower) segmenter.
    let j = i + 1;
    while (j < n && !isAsciiBoundary(text, j)) j++;
    if (j === i + 1) yield text[i];
    else {
      segmenter ??= new (
        Intl as unknown as { Segmenter: new (l?: string, o?: object) => NonNullable<typeof segmenter> }
      ).Segmenter(undefined, { granularity: "grapheme" });
      for (const s of segmenter.segment(text.slice(i, j))) yield s.segment;
    }
    i = j;
  }
}

function isAsciiBoundary(text: string, j: number): boolean {
  const a = text.charCodeAt(j - 1);
  const b = text.charCodeAt(j);
  return a < 0x80 && b < 0x80 && !(a === 0x0d && b === 0x0a);
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Appends `replacement` for `oldCount` source characters, with HF's change bookkeeping. */
function pushReplacement(stream: ChangeStream, oldCount: number, replacement: string): void {
  let newCount = 0;
  for (const ch of replacement) {
    stream.push(ch.codePointAt(0)!, 0);
    newCount++;
  }
  const diff = newCount - oldCount;
  if (diff > 0) for (let k = 1; k <= diff; k++) stream.changes[stream.length - k] = 1;
  else if (diff < 0) stream.addToLast(diff);
}

/**
 * SentencePiece's compiled normalization rules (HF `Precompiled`, T5/ALBERT/XLM-R/mBART...).
 * Like HF: each grapheme shorter than 6 UTF-8 bytes is looked up whole; otherwise (or when the
 * whole grapheme has no rule) each of its characters is looked up alone. A rule applies to the
 * shortest matching prefix of the key.
 *
 * @example
 * new Precompiled(charsmapBytes).normalize(ns);
 */
export class Precompiled implements Normalizer {
  readonly type = "Precompiled";
  readonly charsmap: Charsmap;

  constructor(readonly bytes: Uint8Array) {
    this.charsmap = new Charsmap(bytes);
  }

  normalize(ns: NormalizedString): void {
    const map = this.charsmap;
    const stream = new ChangeStream(ns.length + 8);
    let modified = false;
    for (const g of graphemes(ns.normalized)) {
      if (utf8Length(g) < 6) {
        const r = map.lookupString(g);
        if (r !== null) {
          modified = true;
          pushReplacement(stream, countChars(g), r);
          continue;
        }
      }
      for (const ch of g) {
        const r = map.lookupString(ch);
        if (r !== null) {
          modified = true;
          pushReplacement(stream, 1, r);
        } else stream.push(ch.codePointAt(0)!, 0);
      }
    }
    if (modified) ns.transform(stream, 0);
  }

  /** The same lookups, writing the replacements straight into the text (no change stream). */
  normalizeString(s: string): string {
    const map = this.charsmap;
    let out = "";
    let modified = false;
    for (const g of graphemes(s)) {
      if (utf8Length(g) < 6) {
        const r = map.lookupString(g);
        if (r !== null) {
          modified = true;
          out += r;
          continue;
        }
      }
      if (g.length === 1 || (g.length === 2 && g.codePointAt(0)! > 0xffff)) {
        const r = map.lookupString(g);
        if (r !== null) modified = true;
        out += r ?? g;
        continue;
      }
      for (const ch of g) {
        const r = map.lookupString(ch);
        if (r !== null) modified = true;
        out += r ?? ch;
      }
    }
    return modified ? out : s;
  }
}

function countChars(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
