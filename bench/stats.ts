export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** MB/s with MB = 10^6 bytes. */
export function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

/**
 * A 32-bit FNV-1a hash of an id sequence, prefixed with its length. Children send these instead
 * of the ids themselves; the parent compares them with tiktoken's, document by document.
 */
export function fingerprint(ids: ArrayLike<number>): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < ids.length; i++) {
    const v = ids[i];
    h = Math.imul(h ^ (v & 0xff), 0x01000193);
    h = Math.imul(h ^ ((v >>> 8) & 0xff), 0x01000193);
    h = Math.imul(h ^ (v >>> 16), 0x01000193);
  }
  return `${ids.length}:${(h >>> 0).toString(16)}`;
}

/** Token count from a fingerprint (the part before the colon). */
export function fingerprintLength(fp: string): number {
  return Number.parseInt(fp.slice(0, fp.indexOf(":")), 10);
}
