const start = performance.now();

/** Progress goes to stderr with elapsed time, so stdout stays free and long runs show their pace. */
export function log(message: string): void {
  const s = ((performance.now() - start) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[${s}s] ${message}\n`);
}
