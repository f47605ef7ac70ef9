/**
 * The training benchmark's text: heads of one file (its first N MB) to train on and its tail to
 * measure on, every cut at a line end so that no line (and no character) is split. The held-out
 * text starts where the largest head ends, so no byte is both trained on and measured.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const MB = 1_000_000;

/** A prefix of the corpus written to its own file. */
export interface Head {
  /** "20 MB": the size asked for. */
  label: string;
  path: string;
  bytes: number;
  lines: number;
  /** Lines longer than the `longLine` limit given to {@link prepareCorpus}, and their bytes. */
  longLines: { lines: number; bytes: number };
}

export interface TrainCorpus {
  source: string;
  bytes: number;
  heads: Head[];
  heldOut: { path: string; bytes: number; lines: string[] };
  /** The longest line of the largest head, in bytes (spm_train skips longer lines). */
  maxLineBytes: number;
}

/**
 * The length of the longest prefix of `bytes` of at most `limit` bytes that ends with a newline
 * (0 if there is none).
 *
 * @example
 * ```ts
 * lineCut(new TextEncoder().encode("ab\ncd\nef"), 5); // 3: "ab\n"
 * ```
 */
export function lineCut(bytes: Uint8Array, limit: number): number {
  if (limit >= bytes.length) return bytes.length;
  if (limit <= 0) return 0;
  return bytes.lastIndexOf(10, limit - 1) + 1;
}

/** The longest line of `bytes`, in bytes (without its newline). */
export function longestLine(bytes: Uint8Array): number {
  let longest = 0;
  forEachLine(bytes, (n) => {
    longest = Math.max(longest, n);
  });
  return longest;
}

/** Lines of more than `limit` bytes (without the newline), and their bytes. */
export function linesLongerThan(bytes: Uint8Array, limit: number): { lines: number; bytes: number } {
  const out = { lines: 0, bytes: 0 };
  forEachLine(bytes, (n) => {
    if (n > limit) {
      out.lines++;
      out.bytes += n;
    }
  });
  return out;
}

/** Calls `f` with the length of every line (without its newline; a last line without one too). */
function forEachLine(bytes: Uint8Array, f: (length: number) => void): void {
  let start = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) {
    f(i - start);
    start = i + 1;
  }
  if (start < bytes.length) f(bytes.length - start);
}

/**
 * Writes the heads (`sizesMB`, each cut at a line end) and the held-out tail (everything after
 * the cut at `heldOutFromMB`) of `source` into `dir`, and counts each head's lines longer than
 * `longLine` bytes.
 */
export function prepareCorpus(
  source: string,
  sizesMB: readonly number[],
  heldOutFromMB: number,
  dir: string,
  longLine = Number.POSITIVE_INFINITY,
): TrainCorpus {
  const all = readFileSync(source);
  const from = lineCut(all, heldOutFromMB * MB);
  if (from >= all.length)
    throw new Error(`${source}: nothing left after ${heldOutFromMB} MB for held-out text`);
  const heads: Head[] = [];
  let largest = 0;
  for (const size of sizesMB) {
    if (size > heldOutFromMB) throw new Error(`a ${size} MB head would overlap the held-out text`);
    const end = lineCut(all, size * MB);
    const bytes = all.subarray(0, end);
    const path = join(dir, `head-${size}mb.txt`);
    writeFileSync(path, bytes);
    heads.push({
      label: `${size} MB`,
      path,
      bytes: end,
      lines: countNewlines(bytes),
      longLines: linesLongerThan(bytes, longLine),
    });
    largest = Math.max(largest, end);
  }
  const held = all.subarray(from);
  const heldPath = join(dir, "held-out.txt");
  writeFileSync(heldPath, held);
  return {
    source,
    bytes: all.length,
    heads,
    heldOut: { path: heldPath, bytes: held.length, lines: new TextDecoder().decode(held).split(/(?<=\n)/) },
    maxLineBytes: longestLine(all.subarray(0, largest)),
  };
}

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
