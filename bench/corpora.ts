/**
 * Where the benchmark corpora are, decided in one place for every benchmark, micro benchmark and
 * experiment: the directory named by `TOKLAB_CORPORA` if it is set, else `../shared/corpora`
 * beside the repository (resolved from this file's location, not from the working directory).
 *
 * Files in it: `bench.jsonl` (`npm run bench`, `npm run bench:micro`, the Parity-aware BPE runs
 * on natural text) and `train-100m.txt` (`npm run bench:train`, experiments/train-variants.ts).
 * `short.jsonl`, the second corpus of `npm run bench`, is built on the machine by
 * `npm run corpus:short` and found by {@link shortCorpusOrNull}.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The environment variable naming the corpora directory. */
export const CORPORA_ENV = "TOKLAB_CORPORA";

/** The default directory, relative to the repository root. */
export const DEFAULT_CORPORA = "../shared/corpora";

/** The repository root (this file is bench/corpora.ts). */
export const REPO_ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

export type CorpusFile = "bench.jsonl" | "train-100m.txt" | "short.jsonl";

/**
 * Where `npm run corpus:short` (bench/short-corpus.ts) writes short.jsonl by default: a gitignored
 * directory of this repository, because the corpus is built from this machine's files and not
 * shipped with the shared corpora. A short.jsonl in the corpora directory takes precedence.
 */
export const SHORT_CORPUS_DEFAULT = join(REPO_ROOT, ".bench-cache", "short.jsonl");

/** The corpora directory (which may not exist). */
export function corporaDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env[CORPORA_ENV];
  return dir ? resolve(dir) : resolve(REPO_ROOT, DEFAULT_CORPORA);
}

/** The path of one corpus file (which may not exist). */
export function corpusPath(file: CorpusFile, env: NodeJS.ProcessEnv = process.env): string {
  return join(corporaDir(env), file);
}

/** Thrown when a corpus file the caller needs is not there. */
export class MissingCorpusError extends Error {
  override name = "MissingCorpusError";
}

/**
 * What to tell someone whose corpus file is missing: where it was looked for, why there, and
 * which variable to set.
 *
 * @example
 * ```ts
 * missingCorpusMessage("bench.jsonl", {}); // "no bench.jsonl: looked in /…/shared/corpora (the default, …)"
 * ```
 */
export function missingCorpusMessage(file: CorpusFile, env: NodeJS.ProcessEnv = process.env): string {
  const dir = corporaDir(env);
  const why = env[CORPORA_ENV]
    ? `${CORPORA_ENV}=${env[CORPORA_ENV]}`
    : `the default, ${DEFAULT_CORPORA} beside the repository; ${CORPORA_ENV} is not set`;
  return (
    `no ${file}: looked in ${dir} (${why}). ` + `Set ${CORPORA_ENV} to the directory that holds ${file}.`
  );
}

/** The path of a corpus file that must exist; throws {@link MissingCorpusError} otherwise. */
export function requireCorpus(file: CorpusFile, env: NodeJS.ProcessEnv = process.env): string {
  const path = corpusPath(file, env);
  if (!existsSync(path)) throw new MissingCorpusError(missingCorpusMessage(file, env));
  return path;
}

/**
 * A file given on the command line (`--corpus PATH`, `--file PATH`) or, without one, the corpus file of the
 * corpora directory; either must exist (throws {@link MissingCorpusError}).
 */
export function requireCorpusOrFile(file: CorpusFile, explicit: string | undefined): string {
  if (explicit === undefined) return requireCorpus(file);
  if (!existsSync(explicit)) throw new MissingCorpusError(`no such corpus file: ${explicit}`);
  return explicit;
}

/**
 * bench.jsonl for `npm run bench` and the micro benchmarks, which can run on a generated stand-in
 * (bench/generate.ts) when nobody asked for a particular corpus: the `--corpus` file (must
 * exist), else the corpora directory's bench.jsonl (must exist when `TOKLAB_CORPORA` is set),
 * else null: use the stand-in. {@link standInNotice} says so.
 */
export function benchCorpusOrStandIn(explicit?: string): string | null {
  if (explicit !== undefined || process.env[CORPORA_ENV]) return requireCorpusOrFile("bench.jsonl", explicit);
  const path = corpusPath("bench.jsonl");
  return existsSync(path) ? path : null;
}

/** The line to log when {@link benchCorpusOrStandIn} falls back to the stand-in. */
export function standInNotice(): string {
  return `${missingCorpusMessage("bench.jsonl")} Using a generated stand-in corpus meanwhile: its figures are not comparable with runs on bench.jsonl.`;
}

/**
 * A corpus path as reports and committed files show it: `$TOKLAB_CORPORA/…` when it lies in
 * the directory that variable names, else relative to the repository root (so
 * `../shared/corpora/bench.jsonl` by default), never an absolute path of one machine.
 *
 * @example
 * ```ts
 * displayCorpusPath(corpusPath("bench.jsonl")); // "../shared/corpora/bench.jsonl" (TOKLAB_CORPORA unset)
 * ```
 */
export function displayCorpusPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!isAbsolute(path)) return path;
  const dir = env[CORPORA_ENV];
  if (dir) {
    const inside = relative(resolve(dir), path);
    if (inside !== "" && !inside.startsWith("..") && !isAbsolute(inside))
      return `$${CORPORA_ENV}/${inside.split(sep).join("/")}`;
  }
  return relative(REPO_ROOT, path).split(sep).join("/");
}

/**
 * short.jsonl for `npm run bench`: the `--short-corpus` file (must exist), else the corpora
 * directory's, else the one `npm run corpus:short` wrote into .bench-cache/; null when there is
 * none, and {@link shortCorpusMissing} says how to build it (the run goes on without it).
 */
export function shortCorpusOrNull(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (explicit !== undefined) return requireCorpusOrFile("short.jsonl", explicit);
  for (const path of [corpusPath("short.jsonl", env), SHORT_CORPUS_DEFAULT])
    if (existsSync(path)) return path;
  return null;
}

/** What the report and the log say when there is no short.jsonl. */
export function shortCorpusMissing(env: NodeJS.ProcessEnv = process.env): string {
  return (
    `no short.jsonl in ${displayCorpusPath(corporaDir(env), env)} or ${displayCorpusPath(SHORT_CORPUS_DEFAULT, env)}: ` +
    "build it with `npm run corpus:short` (about 15 s, from this machine's gettext catalogues and source files), then run the benchmark again"
  );
}
