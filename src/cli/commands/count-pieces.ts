/**
 * `toklab count-pieces --preset P [--numbers N] INPUT... --out SHARD.parquet`: the map step of
 * training past one machine. Counts the pieces of some inputs into one Parquet count shard in
 * bounded memory (src/node/shards/write-shard.ts); `toklab train --counts` merges shards.
 */
import {
  findPretokenizerPreset,
  PRETOKENIZER_PRESETS,
  pretokenizerPresetChoices,
} from "../../core/pretokenize/presets.js";
import { didYouMean } from "../../core/suggest.js";
import { jsonProgress, type ProgressRenderer, ttyProgress } from "../../node/ingest/progress.js";
import { DEFAULT_SPILL_AT, writeCountShard } from "../../node/shards/write-shard.js";
import type { NumberPolicy, PieceConfig } from "../../train/types.js";
import { oneOf, parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { writeOut } from "../io.js";
import { commandSpec } from "../spec.js";

/** DuckDB's memory limit when none is given: room for the merge on a small machine. */
export const DEFAULT_MEMORY_LIMIT = "2GB";

export async function countPiecesCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("count-pieces"));
  const out = values.out as string | undefined;
  if (!out) throw new CliError("count-pieces: give --out SHARD.parquet (the count shard to write)", 2);
  if (positionals.length === 0)
    throw new CliError("count-pieces: give INPUT... (files, directories, globs; .txt, .jsonl, .gz)", 2);
  const pieces = pieceConfigOf(values);
  const quiet = values.quiet === true;
  const progressKind = oneOf(
    "--progress",
    (values.progress as string | undefined) ?? (quiet ? "none" : "tty"),
    ["tty", "json", "none"] as const,
  );
  const renderer: ProgressRenderer | null =
    progressKind === "json"
      ? jsonProgress()
      : progressKind === "tty" && process.stderr.isTTY
        ? ttyProgress()
        : null;
  let result: Awaited<ReturnType<typeof writeCountShard>>;
  try {
    result = await writeCountShard(positionals, out, {
      pieces,
      field: values.field as string | undefined,
      maxChars: wholeNumber("--max-chars", values["max-chars"], 1),
      workers: wholeNumber("--workers", values.workers, 0),
      spillAt: wholeNumber("--spill-at", values["spill-at"], 1) ?? DEFAULT_SPILL_AT,
      memoryLimit: (values["memory-limit"] as string | undefined) ?? DEFAULT_MEMORY_LIMIT,
      tempDir: values["temp-dir"] as string | undefined,
      onProgress: renderer?.onProgress,
      onWarning: (m) => process.stderr.write(`toklab: warning: ${m}\n`),
    });
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`count-pieces: ${(e as Error).message}`, 1);
  } finally {
    renderer?.done();
  }
  const summary = {
    out: result.out,
    distinct_pieces: result.distinct,
    pieces: result.pieces,
    documents: result.documents,
    bytes: result.bytes,
    spills: result.spills,
    seconds: Math.round(result.ms / 10) / 100,
  };
  if (values.json === true) await writeOut(`${JSON.stringify(summary)}\n`);
  else if (!quiet) {
    process.stderr.write(
      `counted ${result.distinct.toLocaleString("en-US")} distinct pieces (${result.pieces.toLocaleString("en-US")} in all) ` +
        `in ${(result.bytes / 1e6).toFixed(1)} MB in ${summary.seconds} s → ${out}\n`,
    );
  }
}

/**
 * The piece config of `--preset`, `--numbers`, `--special`, `--reserved` and `--uncased`, as
 * `toklab train` builds it (special and reserved tokens are both cut out before counting).
 */
export function pieceConfigOf(
  values: Record<string, unknown>,
  extraSpecials: readonly string[] = [],
): PieceConfig {
  const presetArg = (values.preset as string | undefined) ?? "gpt2";
  const preset = findPretokenizerPreset(presetArg);
  if (preset === undefined) {
    const names = PRETOKENIZER_PRESETS.flatMap((p) => [p.name, ...p.aliases]);
    throw new CliError(
      `--preset ${JSON.stringify(presetArg)}: expected one of ${pretokenizerPresetChoices()}${didYouMean(presetArg, names)}`,
      2,
    );
  }
  const numbers = oneOf("--numbers", (values.numbers as string | undefined) ?? "none", [
    "none",
    "single",
    "ltr3",
    "rtl3",
  ] as const) as NumberPolicy;
  return {
    preset: preset.name,
    numbers,
    specialTokens: [
      ...extraSpecials,
      ...((values.special as string[] | undefined) ?? []),
      ...((values.reserved as string[] | undefined) ?? []),
    ],
    lowercase: values.uncased === true,
  };
}

function wholeNumber(flag: string, raw: unknown, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(String(raw).replace(/_/g, ""));
  if (!Number.isInteger(n) || n < min)
    throw new CliError(`${flag} ${JSON.stringify(raw)}: expected an integer ≥ ${min}`, 2);
  return n;
}
