/**
 * Ingestion progress: the event `countCorpus` reports, and two renderers for the CLI: a one-line
 * bar for a terminal, and JSON lines for scripts (`--progress json`).
 */

/**
 * - `scan`: sampling's first pass (measuring documents);
 * - `count`: pretokenizing and counting;
 * - `merge`: merging the workers' tables;
 * - `done`: finished (the last event).
 */
export type IngestPhase = "scan" | "count" | "merge" | "done";

/** One progress report. */
export interface IngestProgress {
  readonly phase: IngestPhase;
  /** Bytes read from disk in this phase (compressed bytes for `.gz`). */
  readonly bytes: number;
  /** Size on disk of all inputs: what `bytes` reaches at the end of a reading phase. */
  readonly totalBytes: number;
  /** Documents counted (in `scan`: measured) so far. */
  readonly documents: number;
  /**
   * Distinct pieces so far: exact with one worker; with several, the largest worker's table (a
   * lower bound, since workers see different documents) until `merge` ends.
   */
  readonly distinct: number;
  /** Disk bytes per second in this phase. */
  readonly rate: number;
  /** Seconds left in this phase at the current rate, or null when unknown. */
  readonly etaSeconds: number | null;
  /** Milliseconds since ingestion started. */
  readonly elapsedMs: number;
}

/** A progress callback. */
export type ProgressListener = (progress: IngestProgress) => void;

/** Something that renders progress and is told when it is over. */
export interface ProgressRenderer {
  readonly onProgress: ProgressListener;
  /** Clears or finishes the display. */
  done(): void;
}

interface Sink {
  write(s: string): unknown;
}

function megabytes(n: number): string {
  return (n / 1e6).toFixed(n < 1e7 ? 2 : 1);
}

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/**
 * The text of one progress line (without terminal control codes).
 *
 * @example
 * ```ts
 * progressLine(p); // "count [##########----------] 50.0% 50.0/100.0 MB 10.0 MB/s 12,345 docs 67,890 unique ETA 0:05"
 * ```
 */
export function progressLine(p: IngestProgress, width = 20): string {
  const label = p.phase === "done" ? "done " : p.phase.padEnd(5);
  if (p.phase === "merge" || p.phase === "done") {
    return `${label} ${p.documents.toLocaleString("en-US")} docs ${p.distinct.toLocaleString("en-US")} unique pieces ${duration(p.elapsedMs / 1000)}`;
  }
  const frac = p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : 0;
  const fill = Math.round(frac * width);
  const bar = `[${"#".repeat(fill)}${"-".repeat(width - fill)}]`;
  const eta = p.etaSeconds === null ? "" : ` ETA ${duration(p.etaSeconds)}`;
  const unique = p.phase === "count" ? ` ${p.distinct.toLocaleString("en-US")} unique` : "";
  return (
    `${label} ${bar} ${(frac * 100).toFixed(1)}% ${megabytes(p.bytes)}/${megabytes(p.totalBytes)} MB ` +
    `${megabytes(p.rate)} MB/s ${p.documents.toLocaleString("en-US")} docs${unique}${eta}`
  );
}

/**
 * A one-line progress bar redrawn in place (at most every `intervalMs`), for a terminal.
 *
 * @example
 * ```ts
 * const bar = ttyProgress();
 * await countCorpus(inputs, { pieces, onProgress: bar.onProgress });
 * bar.done();
 * ```
 */
export function ttyProgress(out: Sink = process.stderr, intervalMs = 100): ProgressRenderer {
  let last = 0;
  let phase: IngestPhase | null = null;
  /** The latest report not drawn yet (throttled), drawn before the phase changes. */
  let skipped: IngestProgress | null = null;
  const draw = (p: IngestProgress) => {
    out.write(`\r${progressLine(p)}\x1b[K`);
    skipped = null;
  };
  return {
    onProgress(p) {
      const now = Date.now();
      if (p.phase === phase && now - last < intervalMs) {
        skipped = p;
        return;
      }
      if (phase !== null && p.phase !== phase) {
        // A finished phase keeps its final line; the next one starts below it.
        if (skipped !== null) draw(skipped);
        out.write("\n");
      }
      phase = p.phase;
      last = now;
      draw(p);
    },
    done() {
      if (skipped !== null) draw(skipped);
      if (phase !== null) out.write("\n");
      phase = null;
    },
  };
}

/**
 * Progress as JSON lines (one object per report, at most every `intervalMs` plus every phase
 * change), for scripts.
 *
 * @example
 * ```ts
 * const json = jsonProgress(); // {"phase":"count","bytes":1048576,...}\n on stderr
 * ```
 */
export function jsonProgress(out: Sink = process.stderr, intervalMs = 1000): ProgressRenderer {
  let last = 0;
  let phase: IngestPhase | null = null;
  let skipped: IngestProgress | null = null;
  const write = (p: IngestProgress) => {
    out.write(`${JSON.stringify({ ...p, rate: Math.round(p.rate), elapsedMs: Math.round(p.elapsedMs) })}\n`);
    skipped = null;
  };
  return {
    onProgress(p) {
      const now = Date.now();
      if (p.phase === phase && now - last < intervalMs) {
        skipped = p;
        return;
      }
      if (skipped !== null && p.phase !== phase) write(skipped);
      phase = p.phase;
      last = now;
      write(p);
    },
    done() {
      if (skipped !== null) write(skipped);
    },
  };
}
