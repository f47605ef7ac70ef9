/**
 * Writes a trained BPE to a directory: tokenizer.json, tokenizer.tiktoken, vocab.json +
 * merges.txt (as asked) and manifest.json, all or nothing (see `writeFilesAtomically`). Node
 * only; the file contents come from the browser-safe writers in src/formats/trained.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { pretokenizerPreset } from "../core/pretokenize/presets.js";
import {
  MANIFEST_FORMAT,
  type PreTokenizerJson,
  TrainedBpeError,
  type TrainedFileRecord,
  trainedLayout,
  trainedManifest,
  trainedMergesTxt,
  trainedTiktoken,
  trainedTokenizerJson,
  trainedVocabJson,
  withoutByteLevel,
} from "../formats/trained/index.js";
import { hfPreTokenizerFor } from "../train/pieces-hf.js";
import type { PieceConfig, TrainedBpe } from "../train/types.js";
import { type AtomicFileOps, type FileToWrite, nodeFileOps, writeFilesAtomically } from "./atomic-files.js";

/** An output format: `vocab-merges` is the vocab.json + merges.txt pair. */
export type TrainedFormat = "tokenizer.json" | "tiktoken" | "vocab-merges";

/** File names of each format, and of the manifest. */
export const TRAINED_FILES = {
  "tokenizer.json": ["tokenizer.json"],
  tiktoken: ["tokenizer.tiktoken"],
  "vocab-merges": ["vocab.json", "merges.txt"],
  manifest: "manifest.json",
} as const;

const FORMATS: readonly TrainedFormat[] = ["tokenizer.json", "tiktoken", "vocab-merges"];

/** Fields of manifest.json the caller supplies; any other key goes to the manifest's `extras`. */
export interface ManifestExtras {
  /** sha256 (hex) of the training input bytes. */
  readonly corpusSha256?: string | null;
  readonly seed?: number | string | null;
  readonly [key: string]: unknown;
}

/** Options of {@link writeTrainedBpe}. */
export interface WriteTrainedBpeOptions {
  /** Default: all three for a byte-level base, tokenizer.json alone for a character base. */
  readonly formats?: readonly TrainedFormat[];
  readonly manifestExtras?: ManifestExtras;
  /** tokenizer.json `pre_tokenizer`; default {@link defaultPreTokenizer}. */
  readonly preTokenizer?: PreTokenizerJson | null;
  /** Split pattern recorded for the tiktoken file; default {@link tiktokenPatternFor}. */
  readonly tiktokenPattern?: string | null;
  /** File operations (tests replace them to inject failures). */
  readonly fileOps?: AtomicFileOps;
}

/** What {@link writeTrainedBpe} wrote. */
export interface WrittenTrainedBpe {
  readonly dir: string;
  /** Every file written, manifest.json last. */
  readonly files: readonly TrainedFileRecord[];
}

/** Lower-case hex sha256 of `data` (a string is hashed as UTF-8). */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

let version: string | undefined;
/** This toklab's version, from package.json (two levels up from src/node and dist/node). */
export function toklabVersion(): string {
  version ??= JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
  return version ?? "unknown";
}

/**
 * The tokenizer.json pre-tokenizer that cuts as training did: the piece config's
 * (`hfPreTokenizerFor`), without the byte alphabet for a character base.
 */
export function defaultPreTokenizer(trained: TrainedBpe): PreTokenizerJson | null {
  const pre = hfPreTokenizerFor(trained.pieces);
  return trained.base === "byte" ? pre : withoutByteLevel(pre);
}

/**
 * The tiktoken split pattern equivalent to a piece config: the preset's `tiktokenPattern` (the
 * table in src/core/pretokenize/presets.ts; `none` keeps each segment whole: `[\s\S]+`), or
 * `null` when no single pattern is: the preset has none (`script`, `superword`), or a number
 * policy splits digits before the preset's pattern runs, or `within` cuts first, which one regex
 * cannot reproduce in general.
 */
export function tiktokenPatternFor(pieces: PieceConfig): string | null {
  if (pieces.numbers !== "none" || pieces.within !== undefined) return null;
  return pretokenizerPreset(pieces.preset).tiktokenPattern;
}

/**
 * Checks that `dir` may receive a trained tokenizer: it does not exist yet, is empty, or holds a
 * tokenizer toklab wrote (its manifest.json says so). Anything else is someone's folder (`--out .`
 * or `--out /` would scatter tokenizer files among unrelated ones) and needs `force`. Call it
 * before training, so that a long run does not end in this error.
 *
 * @example
 * ```ts
 * await checkOutputDir("out"); // fine for a new or toklab-made folder
 * await checkOutputDir("."); // throws unless the working directory is empty
 * ```
 */
export async function checkOutputDir(dir: string, options: { readonly force?: boolean } = {}): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return;
    if (code === "ENOTDIR") throw new Error(`output path ${dir} exists and is not a directory`);
    throw e;
  }
  if (names.length === 0 || options.force === true) return;
  try {
    const manifest = JSON.parse(await readFile(join(dir, TRAINED_FILES.manifest), "utf8")) as {
      format?: unknown;
    };
    if (manifest.format === MANIFEST_FORMAT) return;
  } catch {
    // No manifest, or not ours: the folder is someone else's.
  }
  throw new Error(
    `${dir} is not empty and holds no tokenizer toklab wrote; choose a new folder, or pass --force to write into it`,
  );
}

function record(name: string, data: string): TrainedFileRecord {
  return { name, bytes: Buffer.byteLength(data), sha256: sha256Hex(data) };
}

/**
 * Writes `trained` into `dir` (created if missing): the asked formats and manifest.json, all
 * or nothing, each file replaced atomically. The result is checked before the first write, so
 * a `TrainedBpeError` (malformed result, tiktoken asked for a character base) leaves `dir`
 * untouched; each format's text is made just before its file is written. Files of formats not asked for are left as they are.
 *
 * @example
 * ```ts
 * const written = await writeTrainedBpe("out", trained, {
 *   manifestExtras: { corpusSha256: sha256Hex(corpusBytes), seed: 42 },
 * });
 * written.files.map((f) => f.name); // ["tokenizer.json", "tokenizer.tiktoken", "vocab.json", "merges.txt", "manifest.json"]
 * ```
 */
export async function writeTrainedBpe(
  dir: string,
  trained: TrainedBpe,
  options: WriteTrainedBpeOptions = {},
): Promise<WrittenTrainedBpe> {
  trainedLayout(trained); // fail on a malformed result before anything else
  const formats = options.formats ?? (trained.base === "byte" ? FORMATS : (["tokenizer.json"] as const));
  for (const f of formats) {
    if (!FORMATS.includes(f)) {
      throw new TrainedBpeError(`unknown output format ${JSON.stringify(f)} (one of ${FORMATS.join(", ")})`);
    }
  }
  // A preset without a tokenizer.json form (script) can still be written as the other formats;
  // the manifest then records no pre-tokenizer. Asked for tokenizer.json, it fails here, before
  // any write.
  const hasHfForm = pretokenizerPreset(trained.pieces.preset).hfPreTokenizer !== null;
  const preTokenizer =
    options.preTokenizer !== undefined
      ? options.preTokenizer
      : hasHfForm || formats.includes("tokenizer.json")
        ? defaultPreTokenizer(trained)
        : null;
  // Each format is generated just before its file is written and dropped after (the writer
  // takes functions), so only one format's text is in memory at a time; its record (size and
  // sha256) is kept for the manifest, which comes last.
  const records: TrainedFileRecord[] = [];
  const lazy = (name: string, make: () => string): FileToWrite => ({
    name,
    data: () => {
      const data = make();
      records.push(record(name, data));
      return data;
    },
  });
  const files: FileToWrite[] = [];
  let tiktoken: { file: string; pattern: string | null } | undefined;
  if (formats.includes("tokenizer.json")) {
    files.push(
      lazy(TRAINED_FILES["tokenizer.json"][0], () => trainedTokenizerJson(trained, { preTokenizer })),
    );
  }
  if (formats.includes("tiktoken")) {
    const file = TRAINED_FILES.tiktoken[0];
    // Checked now (a character base has no tiktoken form) so the error comes before any write.
    if (trained.base !== "byte") trainedTiktoken(trained);
    files.push(lazy(file, () => trainedTiktoken(trained)));
    const pattern =
      options.tiktokenPattern === undefined ? tiktokenPatternFor(trained.pieces) : options.tiktokenPattern;
    tiktoken = { file, pattern };
  }
  if (formats.includes("vocab-merges")) {
    const [vocabName, mergesName] = TRAINED_FILES["vocab-merges"];
    files.push(lazy(vocabName, () => trainedVocabJson(trained)));
    files.push(lazy(mergesName, () => trainedMergesTxt(trained)));
  }
  const { corpusSha256, seed, ...extras } = options.manifestExtras ?? {};
  let manifest = "";
  files.push({
    name: TRAINED_FILES.manifest,
    data: () => {
      manifest = trainedManifest(trained, {
        toklabVersion: toklabVersion(),
        files: records,
        corpusSha256: corpusSha256 ?? null,
        seed: seed ?? null,
        preTokenizer,
        tiktoken,
        extras,
      });
      return manifest;
    },
  });
  await writeFilesAtomically(dir, files, options.fileOps ?? nodeFileOps);
  return { dir, files: [...records, record(TRAINED_FILES.manifest, manifest)] };
}
