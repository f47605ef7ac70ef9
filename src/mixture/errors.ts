/**
 * The error every input problem of data-mixture inference raises: a tokenizer without merges, an
 * empty category, options out of range. One class so that callers (the CLI) can tell a bad input
 * (say it, exit 1) from a bug (a stack trace).
 *
 * @example
 * ```ts
 * try {
 *   await inferMixture(bert, categories);
 * } catch (e) {
 *   if (e instanceof MixtureError) console.error(e.message); // "bert: the model is WordPiece, ..."
 * }
 * ```
 */
export class MixtureError extends Error {
  override name = "MixtureError";
}
