/**
 * Model name → encoding name, with tiktoken's rules: an exact match first, then the first
 * matching prefix (so unreleased dated variants such as `gpt-4o-2030-01-01` still resolve).
 *
 * Source: openai/tiktoken `tiktoken/model.py` (0.14.0, commit 4e71bbe0): `MODEL_TO_ENCODING` and
 * `MODEL_PREFIX_TO_ENCODING`, in the same order. The tests check that every entry of the tiktoken
 * npm package's `model_to_encoding.json` (1.0.22) resolves to the same encoding through these
 * rules, so that list need not be repeated here.
 */

const EXACT: Readonly<Record<string, string>> = {
  // reasoning
  o1: "o200k_base",
  o3: "o200k_base",
  "o4-mini": "o200k_base",
  // chat
  "gpt-5": "o200k_base",
  "gpt-4.1": "o200k_base",
  "gpt-4o": "o200k_base",
  "gpt-4": "cl100k_base",
  "gpt-3.5-turbo": "cl100k_base",
  "gpt-3.5": "cl100k_base",
  "gpt-35-turbo": "cl100k_base",
  // toklab addition: tiktoken only has the `gpt-oss-` prefix (gpt-oss-20b, gpt-oss-120b).
  "gpt-oss": "o200k_harmony",
  // base
  "davinci-002": "cl100k_base",
  "babbage-002": "cl100k_base",
  // embeddings
  "text-embedding-ada-002": "cl100k_base",
  "text-embedding-3-small": "cl100k_base",
  "text-embedding-3-large": "cl100k_base",
  // deprecated: text
  "text-davinci-003": "p50k_base",
  "text-davinci-002": "p50k_base",
  "text-davinci-001": "r50k_base",
  "text-curie-001": "r50k_base",
  "text-babbage-001": "r50k_base",
  "text-ada-001": "r50k_base",
  davinci: "r50k_base",
  curie: "r50k_base",
  babbage: "r50k_base",
  ada: "r50k_base",
  // deprecated: code
  "code-davinci-002": "p50k_base",
  "code-davinci-001": "p50k_base",
  "code-cushman-002": "p50k_base",
  "code-cushman-001": "p50k_base",
  "davinci-codex": "p50k_base",
  "cushman-codex": "p50k_base",
  // deprecated: edit
  "text-davinci-edit-001": "p50k_edit",
  "code-davinci-edit-001": "p50k_edit",
  // deprecated: old embeddings
  "text-similarity-davinci-001": "r50k_base",
  "text-similarity-curie-001": "r50k_base",
  "text-similarity-babbage-001": "r50k_base",
  "text-similarity-ada-001": "r50k_base",
  "text-search-davinci-doc-001": "r50k_base",
  "text-search-curie-doc-001": "r50k_base",
  "text-search-babbage-doc-001": "r50k_base",
  "text-search-ada-doc-001": "r50k_base",
  "code-search-babbage-code-001": "r50k_base",
  "code-search-ada-code-001": "r50k_base",
  // open source
  gpt2: "gpt2",
  "gpt-2": "gpt2",
};

/** Checked in order; the first match wins (`ft:gpt-4o` must precede `ft:gpt-4`). */
const PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ["o1-", "o200k_base"],
  ["o3-", "o200k_base"],
  ["o4-mini-", "o200k_base"],
  // No dash: tiktoken 0.14 "fails open" so gpt-5.1, gpt-5-codex, ... map to o200k_base.
  ["gpt-5", "o200k_base"],
  ["gpt-4.5-", "o200k_base"],
  ["gpt-4.1-", "o200k_base"],
  ["chatgpt-4o-", "o200k_base"],
  ["gpt-4o-", "o200k_base"],
  ["gpt-4-", "cl100k_base"],
  ["gpt-3.5-turbo-", "cl100k_base"],
  ["gpt-35-turbo-", "cl100k_base"],
  ["gpt-oss-", "o200k_harmony"],
  // fine-tuned models
  ["ft:gpt-4o", "o200k_base"],
  ["ft:gpt-4", "cl100k_base"],
  ["ft:gpt-3.5-turbo", "cl100k_base"],
  ["ft:davinci-002", "cl100k_base"],
  ["ft:babbage-002", "cl100k_base"],
];

/**
 * The model names with an exact rule, in tiktoken's order (for suggestions and listings; the
 * prefix rules cover more names, see {@link modelPrefixes}).
 *
 * @example
 * MODEL_NAMES.includes("gpt-4o"); // true
 */
export const MODEL_NAMES: readonly string[] = Object.freeze(Object.keys(EXACT));

/**
 * The models of an encoding: the exact names that map to it and the prefixes that do (each
 * prefix stands for every name that starts with it).
 *
 * @example
 * modelsOfEncoding("o200k_harmony"); // { names: ["gpt-oss"], prefixes: ["gpt-oss-"] }
 */
export function modelsOfEncoding(encoding: string): { names: string[]; prefixes: string[] } {
  return {
    names: Object.keys(EXACT).filter((m) => EXACT[m] === encoding),
    prefixes: PREFIXES.filter(([, e]) => e === encoding).map(([p]) => p),
  };
}

/**
 * The encoding name for `model`, or `undefined` when no rule matches.
 *
 * @example
 * lookupModelEncoding("gpt-4o-mini"); // "o200k_base"
 * lookupModelEncoding("gpt-oss-20b"); // "o200k_harmony"
 */
export function lookupModelEncoding(model: string): string | undefined {
  if (Object.hasOwn(EXACT, model)) return EXACT[model];
  for (const [prefix, name] of PREFIXES) if (model.startsWith(prefix)) return name;
  return undefined;
}
