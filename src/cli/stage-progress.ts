/**
 * A one-line progress display for work that goes through named stages, each with a count
 * (`replay 1200/30000`), on stderr only when it is a terminal, so scripts and `--json` consumers
 * see clean output. (progress.ts measures bytes; mixture inference's stages are not bytes.)
 */
export class StageProgress {
  private readonly enabled = Boolean(process.stderr.isTTY);
  private lastDraw = 0;

  constructor(private readonly label: string) {}

  /**
   * Reports `done` of `total` in `stage` (`total` 0: unknown, the count alone is shown), with an
   * optional note after the count.
   */
  update(stage: string, done: number, total: number, note?: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const count = total > 0 ? `${done}/${total}` : `${done}`;
    process.stderr.write(`\r${this.label}: ${stage} ${count}${note === undefined ? "" : ` ${note}`}\x1b[K`);
  }

  /** Clears the line. */
  done(): void {
    if (this.enabled) process.stderr.write("\r\x1b[K");
  }
}
