/**
 * Memory of the count table: it grows with the number of distinct pieces, not with the corpus,
 * but distinct pieces keep growing as more text is read (Heaps' law: about `K · n^β`). This
 * projects the final table from the growth seen so far and warns once when it will not fit.
 */
import { getHeapStatistics } from "node:v8";
import { MAX_MAP_ENTRIES } from "../../train/piece-table.js";

/**
 * V8 heap bytes per distinct piece in the main thread at the end of counting, excluding the
 * piece's characters: the merged table (string header and key slot ≈ 40 bytes, measured 47 with
 * 9.5-character keys) plus the returned `Map` (≈ 30 bytes, measured). The table's typed arrays
 * (≈ 30 bytes more) live outside the V8 heap and are not counted against its limit.
 */
export const HEAP_BYTES_PER_PIECE = 80;

/**
 * Projected V8 heap bytes of a table of `distinct` pieces averaging `avgChars` code units.
 *
 * @example
 * ```ts
 * projectedTableBytes(1_000_000, 8); // 96_000_000
 * ```
 */
export function projectedTableBytes(distinct: number, avgChars: number): number {
  // Two bytes per character covers two-byte (non-Latin-1) strings; Latin-1 ones take one.
  return distinct * (HEAP_BYTES_PER_PIECE + 2 * avgChars);
}

/**
 * Watches the table's growth and calls `warn` once if the projected final table would exceed
 * `fraction` of the V8 heap limit, or V8's limit on Map entries.
 *
 * @example
 * ```ts
 * const watch = new MemoryWatch(0.5, (m) => console.warn(m));
 * watch.observe(0.25, 1_000_000, 9); // a quarter read, a million distinct pieces so far
 * ```
 */
export class MemoryWatch {
  private warned = false;
  private lastFraction = 0;
  private lastDistinct = 0;
  private readonly limit: number;

  constructor(
    private readonly fraction: number,
    private readonly warn: (message: string) => void,
    heapLimit = getHeapStatistics().heap_size_limit,
  ) {
    this.limit = heapLimit;
  }

  /**
   * Reports that `read` (0..1) of the input gave `distinct` pieces averaging `avgChars`.
   * Returns the projected final distinct count.
   */
  observe(read: number, distinct: number, avgChars: number): number {
    if (read <= 0 || distinct === 0) return distinct;
    // β from the last two observations, kept within 0.5–1 so that one noisy step cannot swing
    // it wildly; with no earlier observation there is nothing to judge yet (except at the end).
    let beta = -1;
    if (this.lastFraction > 0 && read > this.lastFraction * 1.1 && distinct >= this.lastDistinct) {
      beta = Math.log(distinct / this.lastDistinct) / Math.log(read / this.lastFraction);
      beta = Math.min(1, Math.max(0.5, beta));
    }
    if (read > this.lastFraction * 1.1) {
      this.lastFraction = read;
      this.lastDistinct = distinct;
    }
    if (beta < 0 && read < 1) return distinct;
    const projected = read >= 1 ? distinct : distinct * (1 / read) ** beta;
    // Early projections are noise; judge after 5% of the input (or once the table is too big).
    if (!this.warned && (read >= 0.05 || distinct > MAX_MAP_ENTRIES)) {
      const bytes = projectedTableBytes(projected, avgChars);
      if (projected > MAX_MAP_ENTRIES) {
        this.warned = true;
        this.warn(
          `the corpus is heading for about ${Math.round(projected).toLocaleString("en-US")} distinct pieces, ` +
            `more than a JavaScript Map can hold (${MAX_MAP_ENTRIES.toLocaleString("en-US")}); sample it (a byte budget), ` +
            "or count it into shards (toklab count-pieces) and train from them (train --counts)",
        );
      } else if (bytes > this.fraction * this.limit) {
        this.warned = true;
        this.warn(
          `the piece table is projected to need about ${Math.round(bytes / 2 ** 20)} MiB ` +
            `(${Math.round(projected).toLocaleString("en-US")} distinct pieces), more than ` +
            `${Math.round(this.fraction * 100)}% of the ${Math.round(this.limit / 2 ** 20)} MiB heap; ` +
            "raise it (node --max-old-space-size=MiB) or sample the corpus",
        );
      }
    }
    return projected;
  }
}
