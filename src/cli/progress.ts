/** Work that ends sooner than this shows no progress at all. */
const QUIET_MS = 500;

/**
 * A one-line progress display on stderr, drawn only when stderr is a terminal and the work has
 * run for half a second (a quick command prints nothing); otherwise every call is a no-op, so
 * scripts and pipes see clean output. `unit` is `bytes` (shown in MB with a rate) or a plural
 * noun (`languages`, `tokens`) shown as a count.
 */
export class Progress {
  private readonly enabled: boolean;
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly unit = "bytes",
  ) {
    this.enabled = Boolean(process.stderr.isTTY) && total > 0;
  }

  /** Reports that `done` of the total are processed. */
  update(done: number, detail = ""): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.started < QUIET_MS || (now - this.lastDraw < 100 && done < this.total)) return;
    this.lastDraw = now;
    const pct = ((100 * Math.min(done, this.total)) / this.total).toFixed(1);
    let amount: string;
    if (this.unit === "bytes") {
      const secs = Math.max((now - this.started) / 1000, 1e-3);
      amount = `${(done / 1e6).toFixed(1)} MB ${(done / 1e6 / secs).toFixed(1)} MB/s`;
    } else {
      amount = `${Math.round(done).toLocaleString("en-US")}/${this.total.toLocaleString("en-US")} ${this.unit}`;
    }
    process.stderr.write(`\r${this.label} ${pct}% ${amount}${detail === "" ? "" : ` ${detail}`}\x1b[K`);
    this.drawn = true;
  }

  /** Clears the line. */
  done(): void {
    if (this.drawn) process.stderr.write("\r\x1b[K");
    this.drawn = false;
  }
}
