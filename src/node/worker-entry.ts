/**
 * How to start a worker thread on one of toklab's modules, whether toklab runs compiled (dist/,
 * a `.js` file beside the caller) or from its TypeScript sources through tsx (tests, benchmarks).
 */

/**
 * The `Worker` source for module `name` (without extension) next to the module at `here`
 * (`import.meta.url` of the caller), and whether it must be evaluated as code.
 *
 * @example
 * ```ts
 * const { source, evaluate } = workerEntry(import.meta.url, "count-worker");
 * new Worker(source, { eval: evaluate, workerData });
 * ```
 */
export function workerEntry(here: string, name: string): { source: string | URL; evaluate: boolean } {
  if (!here.endsWith(".ts")) return { source: new URL(`./${name}.js`, here), evaluate: false };
  // Node 20 does not apply `--import tsx` to a worker's entry module, so register it first.
  const entry = new URL(`./${name}.ts`, here).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const source = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
  return { source, evaluate: true };
}
