import { BYTE_CHAR } from "../byte-alphabet.js";
import { ByteLevelNormalizer } from "../normalize/byte-level.js";
import { NormalizedString } from "../normalize/normalized.js";
import { nextGpt2Piece } from "../pretokenize/gpt2.js";
import type { PlainSplits, UnitWriter } from "./plain.js";
import type { PreTokenizedString } from "./pretokenized.js";
import { splitByScanner } from "./split-by.js";
import type { HfPreTokenizer } from "./types.js";

/** Options of {@link ByteLevel}, named as in tokenizer.json. */
export interface ByteLevelOptions {
  /** Prepend a space to every split that does not start with one. Default `true`. */
  addPrefixSpace?: boolean;
  /** Cut splits with the GPT-2 pattern first. Default `true`. */
  useRegex?: boolean;
  /** Only read by the ByteLevel post-processor; kept for round trips. Default `true`. */
  trimOffsets?: boolean;
}

/**
 * HF `ByteLevel` pre-tokenizer: optionally prepends a space, cuts with the GPT-2 pattern (the
 * hand-written scanner, which splits as HF's Oniguruma regex does), then rewrites every split's
 * UTF-8 bytes into GPT-2's printable byte alphabet; all bytes of a character keep its alignment.
 *
 * @example
 * const pts = new PreTokenizedString("Hello world");
 * new ByteLevel({ addPrefixSpace: false }).preTokenize(pts);
 * pts.pieces(); // [{ text: "Hello", start: 0, end: 5 }, { text: "Ġworld", start: 5, end: 11 }]
 */
export class ByteLevel implements HfPreTokenizer {
  readonly type = "ByteLevel";
  readonly addPrefixSpace: boolean;
  readonly useRegex: boolean;
  readonly trimOffsets: boolean;

  constructor(options: ByteLevelOptions = {}) {
    this.addPrefixSpace = options.addPrefixSpace ?? true;
    this.useRegex = options.useRegex ?? true;
    this.trimOffsets = options.trimOffsets ?? true;
  }

  preTokenize(pts: PreTokenizedString): void {
    if (this.addPrefixSpace) {
      pts.transform((ns) => {
        if (ns.normalized.charCodeAt(0) !== 0x20) ns.prepend(" ");
      });
    }
    if (this.useRegex) splitByScanner(pts, nextGpt2Piece);
    else pts.split((_, start, end, emit) => emit(start, end)); // HF's split drops an empty input
    byteLevelRewrite(pts);
  }

  /**
   * The same steps on plain splits: the prefix space and the byte alphabet are written into one
   * new string per step (no alignment arrays; `byteLevelRewrite` shows one string is exact).
   */
  preTokenizePlain(ps: PlainSplits): boolean {
    if (this.addPrefixSpace) ps.rewrite(prefixSpace);
    if (this.useRegex) splitByScanner(ps, nextGpt2Piece);
    ps.rewrite(writeByteAlphabet);
    return true;
  }
}

function prefixSpace(text: string, start: number, end: number, out: UnitWriter): boolean {
  out.reserve(1);
  if (text.charCodeAt(start) !== 0x20) out.push(0x20);
  out.append(text, start, end);
  return true;
}

/** `text[start, end)` (well formed) as GPT-2 byte-alphabet units. */
function writeByteAlphabet(text: string, start: number, end: number, out: UnitWriter): boolean {
  out.reserve((end - start) * 3);
  const u = out.units;
  let w = out.length;
  for (let j = start; j < end; ) {
    const c = text.charCodeAt(j);
    if (c < 0x80) {
      u[w++] = BYTE_CHAR[c];
      j++;
      continue;
    }
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && j + 1 < end) {
      const lo = text.charCodeAt(j + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        j++;
      }
    }
    j++;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // as byteLevelRewrite
    if (cp < 0x800) {
      u[w++] = BYTE_CHAR[0xc0 | (cp >> 6)];
      u[w++] = BYTE_CHAR[0x80 | (cp & 0x3f)];
    } else if (cp < 0x10000) {
      u[w++] = BYTE_CHAR[0xe0 | (cp >> 12)];
      u[w++] = BYTE_CHAR[0x80 | ((cp >> 6) & 0x3f)];
      u[w++] = BYTE_CHAR[0x80 | (cp & 0x3f)];
    } else {
      u[w++] = BYTE_CHAR[0xf0 | (cp >> 18)];
      u[w++] = BYTE_CHAR[0x80 | ((cp >> 12) & 0x3f)];
      u[w++] = BYTE_CHAR[0x80 | ((cp >> 6) & 0x3f)];
      u[w++] = BYTE_CHAR[0x80 | (cp & 0x3f)];
    }
  }
  out.length = w;
  return true;
}

/**
 * Rewrites every split into the byte alphabet (HF's `pretokenized.normalize` step of ByteLevel).
 * All splits go into one new string, aligned to the whole input: a byte's character is replaced
 * (change 0) or followed by inserted bytes (change 1) that copy its alignment, so no split's
 * result depends on its neighbours and one string is exact. Splits that start with characters
 * of empty alignment (inserted by a `Replace("^")` normalizer) take HF's per-split path, whose
 * `transform` leaves such characters out.
 */
export function byteLevelRewrite(pts: PreTokenizedString): void {
  const n = pts.count;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const ns = pts.strings[pts.owners[i]];
    const s = pts.starts[i];
    if (ns.alignStart[s] === ns.alignEnd[s]) {
      pts.transform((piece) => new ByteLevelNormalizer().normalize(piece));
      return;
    }
    total += (pts.ends[i] - s) * 3;
  }
  const base = pts.strings[0];
  const shift = base.originalShift;
  const units = new Uint16Array(total);
  const aS = new Int32Array(total);
  const aE = new Int32Array(total);
  let w = 0;
  for (let i = 0; i < n; i++) {
    const ns = pts.strings[pts.owners[i]];
    const text = ns.normalized;
    const d = ns.originalShift - shift;
    const start = w;
    for (let j = pts.starts[i], end = pts.ends[i]; j < end; ) {
      const c = text.charCodeAt(j);
      const s = ns.alignStart[j] + d;
      const e = ns.alignEnd[j] + d;
      if (c < 0x80) {
        units[w] = BYTE_CHAR[c];
        aS[w] = s;
        aE[w++] = e;
        j++;
        continue;
      }
      let cp = c;
      let width = 1;
      if (c >= 0xd800 && c <= 0xdbff && j + 1 < end) {
        const lo = text.charCodeAt(j + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // normalized text is well formed; be safe
      let bytes: number;
      if (cp < 0x800) {
        units[w] = BYTE_CHAR[0xc0 | (cp >> 6)];
        units[w + 1] = BYTE_CHAR[0x80 | (cp & 0x3f)];
        bytes = 2;
      } else if (cp < 0x10000) {
        units[w] = BYTE_CHAR[0xe0 | (cp >> 12)];
        units[w + 1] = BYTE_CHAR[0x80 | ((cp >> 6) & 0x3f)];
        units[w + 2] = BYTE_CHAR[0x80 | (cp & 0x3f)];
        bytes = 3;
      } else {
        units[w] = BYTE_CHAR[0xf0 | (cp >> 18)];
        units[w + 1] = BYTE_CHAR[0x80 | ((cp >> 12) & 0x3f)];
        units[w + 2] = BYTE_CHAR[0x80 | ((cp >> 6) & 0x3f)];
        units[w + 3] = BYTE_CHAR[0x80 | (cp & 0x3f)];
        bytes = 4;
      }
      aS.fill(s, w, w + bytes);
      aE.fill(e, w, w + bytes);
      w += bytes;
      j += width;
    }
    pts.starts[i] = start;
    pts.ends[i] = w;
    pts.owners[i] = pts.strings.length;
  }
  const out = new NormalizedString("", shift);
  (out as { original: string }).original = base.original;
  out.normalized = unitsToString(units, w);
  out.alignStart = aS.subarray(0, w);
  out.alignEnd = aE.subarray(0, w);
  pts.strings.push(out);
}

function unitsToString(units: Uint16Array, n: number): string {
  let s = "";
  for (let i = 0; i < n; i += 8192) {
    s += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  }
  return s;
}
