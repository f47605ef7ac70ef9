/**
 * "Did you mean": the names closest to one that was mistyped, for every message that rejects a
 * name (commands, options, tokenizer and model names, presets, choices). One rule everywhere:
 *
 * - names are compared case-insensitively, with `_` and `-` counted as the same character
 *   (`--vocab_size` is `--vocab-size`, `GPT-4o` is `gpt-4o`, `o200k-base` is `o200k_base`);
 * - a name within a small edit distance (optimal string alignment: an insertion, deletion,
 *   substitution or swap of neighbours costs 1; at most a third of the typed length, 1 to 3) is
 *   a suggestion (`encod` → encode, `o200k_bas` → o200k_base, `comapre` → compare);
 * - so is a name that the typed text begins (`cl100k` → cl100k_base), or that begins the typed
 *   text (`--outdir` → --out), when the shorter of the two has at least 3 characters.
 *
 * Browser-safe and dependency-free.
 */

/** How names are compared: lower case, `_` as `-`, leading dashes of an option ignored. */
function key(name: string): string {
  return name.replace(/^-+/, "").toLowerCase().replace(/_/g, "-");
}

/**
 * Whether two names are the same by this module's comparison (letter case, `_` and `-`, leading
 * dashes aside).
 *
 * @example
 * sameName("--vocab_size", "--vocab-size"); // true
 */
export function sameName(a: string, b: string): boolean {
  return key(a) === key(b);
}

/**
 * The optimal-string-alignment distance between `a` and `b` (Levenshtein plus swaps of two
 * neighbouring characters), on UTF-16 code units.
 *
 * @example
 * editDistance("comapre", "compare"); // 1
 * editDistance("kitten", "sitting"); // 3
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length];
}

/** Options of {@link suggest}. */
export interface SuggestOptions {
  /** At most this many suggestions (default 3). */
  readonly max?: number;
}

/**
 * The candidates closest to `input` by the rule in this module's comment (the closest ones
 * only, in the candidates' order); empty when none is close. A candidate equal to `input` is returned too
 * (callers ask only once an exact lookup failed, so it differs in case, `_`/`-` or dashes).
 *
 * @example
 * suggest("encod", ["encode", "decode", "count"]); // ["encode"]
 * suggest("--vocab_size", ["--vocab-size", "--out"]); // ["--vocab-size"]
 * suggest("cl100k", ["r50k_base", "cl100k_base", "o200k_base"]); // ["cl100k_base"]
 * suggest("zzz", ["encode"]); // []
 */
export function suggest(input: string, candidates: Iterable<string>, options: SuggestOptions = {}): string[] {
  const typed = key(input);
  if (typed === "") return [];
  const limit = Math.min(3, Math.max(1, Math.floor(typed.length / 3)));
  const scored: { name: string; score: number; order: number }[] = [];
  const seen = new Set<string>();
  let order = 0;
  for (const name of candidates) {
    if (seen.has(name)) continue;
    seen.add(name);
    const k = key(name);
    let score: number;
    if (k === typed) score = 0;
    else {
      const d = editDistance(typed, k);
      const shorter = Math.min(k.length, typed.length);
      const prefix = shorter >= 3 && (k.startsWith(typed) || typed.startsWith(k));
      if (d <= limit) score = d;
      else if (prefix) score = limit + 1;
      else continue;
    }
    scored.push({ name, score, order: order++ });
  }
  scored.sort((x, y) => x.score - y.score || x.order - y.order);
  // Only the closest: one typo away from o200k_base is not also two away from r50k_base.
  const best = scored.length === 0 ? 0 : scored[0].score;
  return scored
    .filter((s) => s.score === best)
    .slice(0, options.max ?? 3)
    .map((s) => s.name);
}

/**
 * `" (did you mean X?)"`, `" (did you mean X or Y?)"`, or `""` when nothing is close: the tail
 * of a message that rejects `input`.
 *
 * @example
 * `unknown command "encod"${didYouMean("encod", ["encode", "decode"])}`; // 'unknown command "encod" (did you mean encode?)'
 */
export function didYouMean(
  input: string,
  candidates: Iterable<string>,
  options: SuggestOptions = {},
): string {
  const found = suggest(input, candidates, options);
  if (found.length === 0) return "";
  const list =
    found.length === 1 ? found[0] : `${found.slice(0, -1).join(", ")} or ${found[found.length - 1]}`;
  return ` (did you mean ${list}?)`;
}
