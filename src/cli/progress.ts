/** Inputs smaller than this finish too fast for progress to be worth printing. */
const MIN_BYTES_FOR_PROGRESS = 4 * 1024 * 1024;

/**
 * A one-line progress display on stderr, shown only when stderr is a terminal and the work is
 * big enough to notice; otherwise every call is a no-op, so scripts see clean output.
 */
export class Progress {
  private readonly enabled: boolean;
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly totalBytes: number,
  ) {
    this.enabled = Boolean(process.stderr.isTTY) && totalBytes >= MIN_BYTES_FOR_PROGRESS;
  }

  /** Reports that `doneBytes` of the total are processed. */
  update(doneBytes: number, detail = ""): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && doneBytes < this.totalBytes) return;
    this.lastDraw = now;
    const secs = Math.max((now - this.started) / 1000, 1e-3);
    const pct = ((100 * doneBytes) / this.totalBytes).toFixed(1);
    const rate = (doneBytes / 1e6 / secs).toFixed(1);
    process.stderr.write(
      `\r${this.label} ${pct}% ${(doneBytes / 1e6).toFixed(1)} MB ${rate} MB/s ${detail}\x1b[K`,
    );
  }

  /** Clears the line. */
  done(): void {
    if (this.enabled) process.stderr.write("\r\x1b[K");
  }
}
