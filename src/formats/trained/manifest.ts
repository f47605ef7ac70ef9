/**
 * manifest.json of a trained tokenizer: what was trained (options, piece config, base), on what
 * (corpus hash, seed), by which toklab, the id layout, and the files written with their sha256.
 * It carries no time stamp, so the same run writes the same bytes. Browser-safe: hashes and the
 * toklab version come from the caller.
 */

import { type JsonLike, jsonText } from "./json-text.js";
import { TrainedBpeError, trainedLayout } from "./layout.js";
import type { PreTokenizerJson } from "./pre-tokenizer.js";
import type { TrainedBpe } from "./types.js";

/** Value of the manifest's `format` field. */
export const MANIFEST_FORMAT = "toklab-trained-bpe";
/** Value of the manifest's `formatVersion` field; bumped when a field changes meaning. */
export const MANIFEST_FORMAT_VERSION = 1;

/** One written file. */
export interface TrainedFileRecord {
  readonly name: string;
  readonly bytes: number;
  /** Lower-case hex sha256 of the file's bytes. */
  readonly sha256: string;
}

/** What {@link trainedManifest} records besides the {@link TrainedBpe} itself. */
export interface TrainedManifestInput {
  readonly toklabVersion: string;
  readonly files: readonly TrainedFileRecord[];
  /** sha256 (hex) of the training input bytes; `null` when unknown. */
  readonly corpusSha256?: string | null;
  /** Seed of any sampling or randomness in the run; `null` when none. */
  readonly seed?: number | string | null;
  /** The tokenizer.json pre-tokenizer, for loaders of vocab.json + merges.txt. */
  readonly preTokenizer?: PreTokenizerJson | null;
  /** Present when a tiktoken file was written: its name and the split pattern to pair with it. */
  readonly tiktoken?: { readonly file: string; readonly pattern: string | null };
  /** Anything else the caller records (command line, timings...), under `extras`. */
  readonly extras?: Readonly<Record<string, unknown>>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * manifest.json text for `trained`. Token maps are written in id order; `counts` splits the
 * vocabulary by kind (`mergeTokens` < `merges` when merges repeated a result or made a reserved
 * token; see `TrainedLayout`). Throws a
 * `TrainedBpeError` for a malformed `trained` or hash, and a `TypeError` naming the field when
 * `config` or `extras` holds a value with no JSON form.
 *
 * @example
 * ```ts
 * const text = trainedManifest(trained, { toklabVersion: "0.1.0", files, corpusSha256, seed: 1 });
 * JSON.parse(text).counts.merges; // trained.merges.length
 * ```
 */
export function trainedManifest(trained: TrainedBpe, input: TrainedManifestInput): string {
  const layout = trainedLayout(trained);
  const corpus = input.corpusSha256 ?? null;
  if (corpus !== null && !SHA256.test(corpus)) {
    throw new TrainedBpeError(`corpusSha256 must be 64 lower-case hex digits, got ${JSON.stringify(corpus)}`);
  }
  for (const f of input.files) {
    if (!SHA256.test(f.sha256)) throw new TrainedBpeError(`sha256 of ${f.name} is not 64 hex digits`);
  }
  const byKind = (kind: string) => {
    const m = new Map<string, JsonLike>();
    layout.kinds.forEach((k, id) => {
      if (k === kind) m.set(layout.strings[id], id);
    });
    return m;
  };
  const doc = new Map<string, JsonLike>([
    ["format", MANIFEST_FORMAT],
    ["formatVersion", MANIFEST_FORMAT_VERSION],
    ["toklabVersion", input.toklabVersion],
    ["base", trained.base],
    ["vocabSize", trained.tokens.length],
    [
      "counts",
      new Map<string, JsonLike>([
        ["special", layout.counts.special],
        ["reserved", layout.counts.reserved],
        ["base", layout.counts.base],
        ["byteFallback", layout.counts.byteFallback],
        ["mergeTokens", layout.counts.merge],
        ["merges", trained.merges.length],
        ["repeatedMerges", layout.repeatedMerges],
        ["reservedMerges", layout.reservedMerges],
        ["missingBytes", layout.missingBytes],
      ]),
    ],
    ["firstMergeId", trained.firstMergeId],
    ["specialTokens", byKind("special")],
    ["reservedTokens", byKind("reserved")],
    ["pieces", trained.pieces as unknown as JsonLike],
    ["preTokenizer", (input.preTokenizer ?? null) as JsonLike],
    ["config", trained.config as JsonLike],
    ["corpusSha256", corpus],
    ["seed", input.seed ?? null],
    [
      "tiktoken",
      input.tiktoken === undefined
        ? null
        : new Map<string, JsonLike>([
            ["file", input.tiktoken.file],
            ["pattern", input.tiktoken.pattern],
            ["specialTokens", byKind("special")],
          ]),
    ],
    [
      "files",
      input.files.map(
        (f) =>
          new Map<string, JsonLike>([
            ["name", f.name],
            ["bytes", f.bytes],
            ["sha256", f.sha256],
          ]),
      ),
    ],
    ["extras", (input.extras ?? {}) as JsonLike],
  ]);
  return jsonText(doc);
}
