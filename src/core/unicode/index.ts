/**
 * Unicode classes for the hand-written pretokenizers: a flat `Uint8Array` for the BMP (one
 * load per character on the hot path) and a binary search over runs for astral code points.
 * Built once at module load from the compact runs in `tables.ts` (well under a millisecond).
 */
import { decodeRuns } from "./codec.js";
import { CLASS_RUNS } from "./tables.js";

export * from "./flags.js";
export { OVERRIDE_RANGES, SOURCE_UNICODE_VERSION, TARGET_UNICODE_VERSION } from "./tables.js";

/** The expanded tables: flags per BMP code unit, and the astral runs that have flags. */
export interface ClassTables {
  /** Flags per UTF-16 code unit; surrogates have none (a lone surrogate is "other"). */
  readonly bmp: Uint8Array;
  /** First code point of each astral run with flags, ascending. */
  readonly astralStarts: Uint32Array;
  /** End (exclusive) of each of those runs. */
  readonly astralEnds: Uint32Array;
  /** Flags of each of those runs. */
  readonly astralFlags: Uint8Array;
}

/** Expands `CLASS_RUNS`; done once at module load, exported so tests can time it. */
export function buildClassTables(): ClassTables {
  const bmp = new Uint8Array(0x10000);
  const starts: number[] = [];
  const ends: number[] = [];
  const flags: number[] = [];
  decodeRuns(CLASS_RUNS, (start, length, f) => {
    if (f === 0) return;
    const stop = start + length;
    if (start < 0x10000) bmp.fill(f, start, Math.min(stop, 0x10000));
    if (stop > 0x10000) {
      starts.push(Math.max(start, 0x10000));
      ends.push(stop);
      flags.push(f);
    }
  });
  return {
    bmp,
    astralStarts: Uint32Array.from(starts),
    astralEnds: Uint32Array.from(ends),
    astralFlags: Uint8Array.from(flags),
  };
}

const TABLES = buildClassTables();

/**
 * Class flags of every BMP code point, indexed by UTF-16 code unit. Surrogate code units have
 * no flags: a lone surrogate is "other", which is also how the `u`-flag RegExp oracle sees it.
 */
export const BMP_CLASSES: Uint8Array = TABLES.bmp;
const astralStarts = TABLES.astralStarts;
const astralEnds = TABLES.astralEnds;
const astralFlags = TABLES.astralFlags;

/** Class flags of an astral code point (≥ 0x10000), by binary search over its runs. */
export function astralClassOf(cp: number): number {
  let lo = 0;
  let hi = astralStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (astralStarts[mid] <= cp) lo = mid + 1;
    else hi = mid;
  }
  // lo - 1 is the last run starting at or before cp; it has flags only if cp lies inside it.
  return lo > 0 && cp < astralEnds[lo - 1] ? astralFlags[lo - 1] : 0;
}

/** Class flags (see `flags.ts`) of any code point; 0 means "other". */
export function classOf(cp: number): number {
  return cp < 0x10000 ? BMP_CLASSES[cp] : astralClassOf(cp);
}

/**
 * Class flags of the code point at `text[i]`, plus 0x100 when it is a surrogate pair (so it
 * is two code units wide). The pair must end before `end`: a high surrogate whose partner lies
 * beyond the segment is lone. Returning one packed integer keeps hot loops allocation-free.
 */
export function classAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if ((c & 0xfc00) === 0xd800 && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if ((d & 0xfc00) === 0xdc00) return astralClassOf(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000) | 0x100;
  }
  return BMP_CLASSES[c];
}
