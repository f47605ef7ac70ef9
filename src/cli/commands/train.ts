import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import {
  findPretokenizerPreset,
  PRETOKENIZER_PRESETS,
  pretokenizerPresetChoices,
} from "../../core/pretokenize/presets.js";
import { emptyRecord } from "../../core/record.js";
import { didYouMean } from "../../core/suggest.js";
import { type CountCorpusPiecesOptions, countCorpusPieces, resolveInputs } from "../../node/ingest/index.js";
import { jsonProgress, type ProgressRenderer, ttyProgress } from "../../node/ingest/progress.js";
import { checkOutputDir, type TrainedFormat, writeTrainedBpe } from "../../node/train-output.js";
import { BpeRun, type BpeTrainOptions, trainBpe } from "../../train/bpe-trainer.js";
import { importVocabulary } from "../../train/import.js";
import { KL3M_SPECIAL_TOKENS, kl3mCharCap, kl3mReservedTokens } from "../../train/kl3m.js";
import { type ParityMode, trainParityBpe } from "../../train/parity-bpe.js";
import { pieceSplitter } from "../../train/pieces.js";
import { superbpeStage1PieceConfig, superwordPieceConfig, trainSuperBpe } from "../../train/superbpe.js";
import type { NumberPolicy, PieceConfig, PieceCounts, TrainedBpe } from "../../train/types.js";
import { intOption, oneOf, parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { writeOut } from "../io.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";
import { trainUnigramCommand } from "./train-unigram.js";
import { trainWordPieceCommand } from "./train-wordpiece.js";

const ALGOS = ["bpe", "superbpe", "parity", "char", "unigram", "wordpiece"] as const;

/**
 * `toklab train --input PATH... --vocab-size N --out DIR [--preset o200k] [--algo
 * bpe|superbpe|parity|char] [...]`: count the corpus in worker threads, learn merges, and write
 * tokenizer.json, tokenizer.tiktoken, vocab.json + merges.txt and manifest.json atomically.
 */
export async function trainCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("train"));
  const started = performance.now();
  const algo = oneOf("--algo", (values.algo as string | undefined) ?? "bpe", ALGOS);
  const out = values.out as string | undefined;
  if (!out) throw new CliError("train: give --out DIR (where the tokenizer files go)", 2);
  try {
    await checkOutputDir(out, { force: values.force === true });
  } catch (e) {
    throw new CliError(`train: ${(e as Error).message}`, 2);
  }
  const vocabSize = intOption("--vocab-size", values["vocab-size"], {
    required: true,
    min: 1,
    command: "train",
  }) as number;
  const inputs = [...((values.input as string[] | undefined) ?? []), ...positionals];
  const countShards = values.counts as string[] | undefined;
  const languages = pairs("--lang", values.lang as string[] | undefined);
  const devs = pairs("--dev", values.dev as string[] | undefined);
  if (algo === "parity") {
    if (languages.size < 1)
      throw new CliError("train --algo parity: give --lang CODE=PATH for each language", 2);
    if (inputs.length > 0)
      throw new CliError("train --algo parity: give the corpora as --lang CODE=PATH, not --input", 2);
  } else if (countShards !== undefined) {
    checkCountsUsage(algo, inputs, values);
  } else if (inputs.length === 0) {
    throw new CliError(
      "train: give --input PATH... (files, directories, globs; .txt, .jsonl, .gz) or --counts SHARDS",
      2,
    );
  }
  if (algo === "unigram") {
    await trainUnigramCommand(values, inputs, vocabSize, out, argv);
    return;
  }
  if (algo === "wordpiece") {
    await trainWordPieceCommand(values, inputs, vocabSize, out, argv);
    return;
  }
  for (const only of ["character-coverage", "byte-fallback", "keep-whitespace"]) {
    if (values[only] !== undefined) throw new CliError(`--${only} applies to --algo unigram only`, 2);
  }
  if (values.cased !== undefined) throw new CliError("--cased applies to --algo wordpiece only", 2);
  if (countShards === undefined) {
    const shardOnly = ["memory-limit", "temp-dir"].filter((o) => values[o] !== undefined);
    if (shardOnly.length > 0) throw new CliError(`train: --${shardOnly[0]} goes with --counts`, 2);
  }
  // --counts: the shards say how their text was cut; read their footers before anything else.
  let shardInfo: Awaited<ReturnType<typeof inspectShards>> | null = null;
  if (countShards !== undefined) shardInfo = await inspectShards(countShards);

  const extend = values.extend as string | undefined;
  const specials = [
    ...(algo === "char" ? KL3M_SPECIAL_TOKENS : []),
    ...((values.special as string[] | undefined) ??
      // --counts without --special/--reserved: the shards' cut-out tokens become the special tokens.
      // (--algo char adds KL3M's own first: count them with --special in that order.)
      (shardInfo !== null && values.reserved === undefined && values["kl3m-reserved"] === undefined
        ? shardInfo.pieces.specialTokens.filter((t) => algo !== "char" || !KL3M_SPECIAL_TOKENS.includes(t))
        : [])),
  ];
  const uncased =
    values.uncased === true || (values.uncased === undefined && shardInfo?.pieces.lowercase === true);
  const reserved = [
    ...(values["kl3m-reserved"] === true ? kl3mReservedTokens(!uncased) : []),
    ...((values.reserved as string[] | undefined) ?? []),
  ];
  // Any name or alias of the pretokenizer table (src/core/pretokenize/presets.ts); the pieces and
  // the manifest record the canonical name.
  const presetArg = (values.preset as string | undefined) ?? shardInfo?.pieces.preset ?? "gpt2";
  const preset = findPretokenizerPreset(presetArg);
  if (preset === undefined) {
    const names = PRETOKENIZER_PRESETS.flatMap((p) => [p.name, ...p.aliases]);
    throw new CliError(
      `--preset ${JSON.stringify(presetArg)}: expected one of ${pretokenizerPresetChoices()}${didYouMean(presetArg, names)}`,
      2,
    );
  }
  const numbers = oneOf(
    "--numbers",
    (values.numbers as string | undefined) ?? shardInfo?.pieces.numbers ?? "none",
    ["none", "single", "ltr3", "rtl3"] as const,
  ) as NumberPolicy;
  // Special and reserved tokens are both cut out of the text before counting: they are matched
  // whole at inference (added tokens) and never learned from pieces.
  const pieces: PieceConfig = {
    preset: preset.name,
    numbers,
    specialTokens: [...specials, ...reserved],
    lowercase: uncased,
  };
  if (shardInfo !== null) checkShardPieces(shardInfo, pieces);

  const hfCompat = values["hf-compat"] === true;
  const maxChars = intOption("--max-token-chars", values["max-token-chars"], { min: 1 });
  const maxBytes = intOption("--max-token-bytes", values["max-token-bytes"], { min: 1 });
  if (maxChars !== undefined && maxBytes !== undefined) {
    throw new CliError("give --max-token-chars or --max-token-bytes, not both", 2);
  }
  // KL3M's character tokenizers cap tokens in bytes, as the released vocabularies do (kl3m.ts).
  const kl3mCap =
    algo === "char" && maxChars === undefined && maxBytes === undefined ? kl3mCharCap(vocabSize) : undefined;
  const base = oneOf("--base", (values.base as string | undefined) ?? "byte", ["byte", "char"] as const);
  const askedFormats = parseFormats(values.format as string | undefined, base);
  // A preset no tokenizer.json component reproduces (script) can only be written as the other
  // formats: say so before counting, not after training. SuperBPE's final pieces are superword.
  if (
    algo !== "superbpe" &&
    preset.hfPreTokenizer === null &&
    (askedFormats === undefined || askedFormats.includes("tokenizer.json"))
  ) {
    throw new CliError(
      `--preset ${preset.name} has no tokenizer.json form (no Hugging Face pre-tokenizer cuts the same way); ` +
        `give --format ${base === "byte" ? "tiktoken,vocab-merges" : "vocab-merges"}`,
      2,
    );
  }
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
  const mergeProgress = mergeProgressRenderer(progressKind);

  const options: BpeTrainOptions = {
    vocabSize,
    base,
    byteAlphabet: hfCompat
      ? "seen"
      : oneOf("--alphabet", (values.alphabet as string | undefined) ?? "full", ["full", "seen"] as const),
    minFrequency: intOption("--min-frequency", values["min-frequency"], { min: 0 }),
    specialTokens: specials,
    reservedTokens: reserved,
    alphabetLimit: intOption("--alphabet-limit", values["alphabet-limit"], { min: 0 }),
    initialAlphabet: values["initial-alphabet"] ? [...(values["initial-alphabet"] as string)] : undefined,
    maxTokenLength:
      maxChars !== undefined
        ? { value: maxChars, unit: "chars" }
        : (maxBytes ?? kl3mCap) !== undefined
          ? { value: (maxBytes ?? kl3mCap) as number, unit: "bytes" }
          : undefined,
    tieBreak: hfCompat
      ? "id"
      : oneOf("--tie-break", (values["tie-break"] as string | undefined) ?? "bytes", [
          "bytes",
          "id",
        ] as const),
    pieces,
    onProgress: mergeProgress,
    record: { algorithm: algo },
  };

  const countOptions: CountCorpusPiecesOptions = {
    pieces,
    field: values.field as string | undefined,
    maxChars: intOption("--max-chars", values["max-chars"], { min: 1 }),
    sampleBytes: sizeOption("--sample-bytes", values["sample-bytes"] as string | undefined),
    seed: intOption("--seed", values.seed, { min: 0 }),
    workers: intOption("--workers", values.workers, { min: 0 }),
    onProgress: renderer?.onProgress,
    onWarning: (m) => process.stderr.write(`toklab: warning: ${m}\n`),
  };
  const minPieceCount = intOption("--min-piece-count", values["min-piece-count"], { min: 0 });
  const count = async (paths: readonly string[], config: PieceConfig = pieces) => {
    let r: Awaited<ReturnType<typeof countCorpusPieces>>;
    try {
      r = await countCorpusPieces(paths, { ...countOptions, pieces: config });
      renderer?.done();
    } catch (e) {
      renderer?.done();
      throw new CliError(`train: ${(e as Error).message}`, 1);
    }
    // A vocabulary of the bare alphabet from no text is never what was wanted: say so instead.
    if (r.stats.distinct === 0) {
      throw new CliError(
        `train: no text in ${paths.join(", ")} (${r.stats.bytes} bytes, ${r.stats.documents} documents` +
          `${countOptions.field === undefined ? "" : `, field ${JSON.stringify(countOptions.field)}`}); nothing to train on`,
        1,
      );
    }
    return r;
  };

  let trained: TrainedBpe;
  let stats: { bytes: number; documents: number; distinct: number };
  let shardRecord: { files: string[]; inputs: Array<{ name: string; sha256: string }> } | null = null;
  const corpusFiles: string[] = [];
  try {
    if (algo === "parity") {
      const perLanguage = new Map<string, PieceCounts>();
      const dev = new Map<string, PieceCounts>();
      let bytes = 0;
      let documents = 0;
      let distinct = 0;
      for (const [lang, path] of languages) {
        const r = await count([path]);
        perLanguage.set(lang, r.counts);
        bytes += r.stats.bytes;
        documents += r.stats.documents;
        distinct += r.stats.distinct;
        corpusFiles.push(...(await resolveInputs([path])).map((f) => f.path));
      }
      for (const [lang, path] of devs) {
        if (!perLanguage.has(lang))
          throw new CliError(`--dev ${lang}: no --lang ${lang}=PATH to go with it`, 2);
        dev.set(lang, (await count([path])).counts);
      }
      stats = { bytes, documents, distinct };
      const mode = oneOf("--parity-mode", (values["parity-mode"] as string | undefined) ?? "base", [
        "base",
        "window",
        "ratio",
        "hybrid",
      ] as const) as ParityMode;
      // Without --dev, every mode but ratio measures parity on the UDHR (decision 0035): ratio
      // mode with equal ratios equalizes compression against bytes, which widened the spread.
      let devSource = "files";
      if (mode !== "ratio" && devs.size === 0) {
        const udhr = await udhrDev([...languages.keys()], pieces);
        for (const [lang, counts] of udhr.counts) dev.set(lang, counts);
        devSource = `udhr:${udhr.codes.join(",")}`;
        process.stderr.write(
          `toklab: warning: no --dev: the UDHR (${udhr.codes.join(", ")}) is the parallel dev set ` +
            "that parity is balanced on, so parity measured on the UDHR afterwards is not held-out\n",
        );
      }
      const ratios = ratioOptions(values.ratio as string[] | undefined, perLanguage, mode);
      trained = trainParityBpe(perLanguage, dev, {
        ...options,
        ratios,
        record: { ...options.record, ...(mode === "ratio" ? {} : { dev: devSource }) },
        mode,
        globalMerges: intOption("--global-merges", values["global-merges"], { min: 0 }),
        windowSize: intOption("--window", values.window, { min: 1 }),
      });
    } else if (countShards !== undefined) {
      const r = await readShards(countShards, values, minPieceCount);
      corpusFiles.push(...r.files);
      stats = { bytes: r.bytes, documents: r.documents, distinct: r.distinctBeforeFilter };
      shardRecord = {
        files: [...r.files],
        inputs: r.inputs.map((i) => ({ name: i.name, sha256: i.sha256 })),
      };
      if (extend !== undefined) {
        const previous = await importExisting(extend, pieces, values);
        if (vocabSize <= previous.tokens.length) {
          throw new CliError(
            `--vocab-size ${vocabSize} must exceed ${extend}'s ${previous.tokens.length} tokens to extend it`,
            2,
          );
        }
        const run = BpeRun.resume(previous, r.counts, { ...options, releaseCounts: true });
        run.mergeUntilBudget();
        trained = run.result();
      } else trained = trainBpe(r.counts, { ...options, releaseCounts: true });
    } else {
      corpusFiles.push(...(await resolveInputs(inputs)).map((f) => f.path));
      // SuperBPE's stage 1 is counted inside the stage-2 pieces, so every token it learns is one
      // the written tokenizer can produce (issue 18).
      const stage1 = algo === "superbpe" ? superbpeStage1PieceConfig(pieces) : pieces;
      const r = await count(inputs, stage1);
      stats = r.stats;
      if (minPieceCount !== undefined) dropRarePieces(r.counts, minPieceCount);
      if (algo === "superbpe") {
        const stage2 = superwordPieceConfig(pieces.specialTokens);
        const r2 = await count(inputs, { ...stage2, lowercase: uncased });
        const transition =
          intOption("--transition", values.transition, { min: 1 }) ?? Math.round(vocabSize * 0.8);
        trained = trainSuperBpe(r.counts, r2.counts, {
          ...options,
          transition,
          stage1Pieces: stage1,
          pieces: { ...stage2, lowercase: uncased },
          onProgress: mergeProgress,
        });
      } else if (extend !== undefined) {
        const previous = await importExisting(extend, pieces, values);
        if (vocabSize <= previous.tokens.length) {
          throw new CliError(
            `--vocab-size ${vocabSize} must exceed ${extend}'s ${previous.tokens.length} tokens to extend it`,
            2,
          );
        }
        const run = BpeRun.resume(previous, r.counts, { ...options, releaseCounts: true });
        run.mergeUntilBudget();
        trained = run.result();
      } else {
        trained = trainBpe(r.counts, { ...options, releaseCounts: true });
      }
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`train: ${(e as Error).message}`, 1);
  } finally {
    mergeProgress.finish();
  }

  // A corpus too small for the vocabulary asked for runs out of pairs: the result is smaller
  // than asked, which a user must hear about (it is still a valid tokenizer, so it is written).
  if (trained.tokens.length < vocabSize) {
    process.stderr.write(
      `toklab: warning: the vocabulary has ${trained.tokens.length.toLocaleString("en-US")} tokens, not the ` +
        `${vocabSize.toLocaleString("en-US")} asked for: the corpus has no more pairs to merge` +
        `${options.minFrequency === undefined ? "" : ` seen at least ${options.minFrequency} times`}; give more text\n`,
    );
  }

  // A `seen` byte alphabet may lack bytes, which a tiktoken rank file cannot (it would fail on
  // them): by default write the other formats only.
  const formats =
    askedFormats ??
    (options.byteAlphabet === "seen" && trained.base === "byte"
      ? (["tokenizer.json", "vocab-merges"] as TrainedFormat[])
      : undefined);
  let written: Awaited<ReturnType<typeof writeTrainedBpe>>;
  try {
    written = await writeTrainedBpe(out, trained, {
      formats,
      manifestExtras: {
        corpusSha256: await hashFiles(corpusFiles),
        seed: intOption("--seed", values.seed, { min: 0 }) ?? null,
        corpus: {
          files: corpusFiles,
          bytes: stats.bytes,
          documents: stats.documents,
          distinctPieces: stats.distinct,
          ...(minPieceCount === undefined ? {} : { minPieceCount }),
        },
        ...(shardRecord === null ? {} : { countShards: shardRecord }),
        command: ["toklab", "train", ...argv],
      },
    });
  } catch (e) {
    throw new CliError(`train: ${(e as Error).message}`, 1);
  }
  const summary = {
    out,
    algorithm: algo,
    vocab_size: trained.tokens.length,
    requested_vocab_size: vocabSize,
    merges: trained.merges.length,
    corpus_bytes: stats.bytes,
    documents: stats.documents,
    distinct_pieces: stats.distinct,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    files: written.files.map((f) => f.name),
  };
  if (values.json === true) await writeOut(`${JSON.stringify(summary)}\n`);
  else if (!quiet) {
    // Where the files went is a message (stderr), as for every command that writes files.
    process.stderr.write(
      `trained ${summary.vocab_size.toLocaleString("en-US")} tokens (${summary.merges.toLocaleString("en-US")} merges) ` +
        `on ${(stats.bytes / 1e6).toFixed(1)} MB in ${summary.seconds} s → ${summary.files.map((f) => `${out}/${f}`).join(", ")}\n`,
    );
  }
}

/** Options that count text, which shards have already done: refused with --counts. */
const COUNTING_OPTIONS = ["field", "max-chars", "sample-bytes", "seed", "workers"] as const;

function checkCountsUsage(algo: string, inputs: readonly string[], values: Record<string, unknown>): void {
  if (inputs.length > 0)
    throw new CliError("train: give --input (text) or --counts (count shards), not both", 2);
  if (algo === "unigram" || algo === "wordpiece")
    throw new CliError(
      `train --algo ${algo} learns from sentences, not piece counts: give --input, not --counts`,
      2,
    );
  if (algo !== "bpe" && algo !== "char") {
    throw new CliError(
      `train --algo ${algo} counts its text more than once (per stage or language): it cannot start from --counts`,
      2,
    );
  }
  const counting = COUNTING_OPTIONS.filter((o) => values[o] !== undefined);
  if (counting.length > 0) {
    throw new CliError(
      `train --counts: ${counting.map((o) => `--${o}`).join(", ")} ${counting.length === 1 ? "is a counting option" : "are counting options"}: give ${counting.length === 1 ? "it" : "them"} to toklab count-pieces`,
      2,
    );
  }
}

/** The shards' shared contract (footers only); errors become usage errors naming the shard. */
async function inspectShards(patterns: readonly string[]) {
  // Loaded only here: DuckDB is an optional dependency that in-memory training never needs.
  const { inspectCountShards } = await import("../../node/shards/read-shards.js");
  try {
    return await inspectCountShards(patterns);
  } catch (e) {
    throw new CliError(`train: ${(e as Error).message}`, 1);
  }
}

/** The pieces train asks for must be the shards' (the options that decide the cut agree). */
function checkShardPieces(shards: { files: string[]; pieces: PieceConfig }, asked: PieceConfig): void {
  const had = shards.pieces;
  const differ = (what: string, a: unknown, b: unknown) =>
    new CliError(
      `train --counts: the shards (${shards.files[0]}${shards.files.length > 1 ? ", ..." : ""}) were counted with ` +
        `${what} ${JSON.stringify(a)}, but this run asks for ${JSON.stringify(b)}; count them again or drop the option`,
      2,
    );
  if (had.preset !== asked.preset) throw differ("--preset", had.preset, asked.preset);
  if (had.numbers !== asked.numbers) throw differ("--numbers", had.numbers, asked.numbers);
  if ((had.lowercase === true) !== (asked.lowercase === true))
    throw differ("--uncased", had.lowercase === true, asked.lowercase === true);
  if (JSON.stringify(had.specialTokens) !== JSON.stringify(asked.specialTokens))
    throw differ("special and reserved tokens", had.specialTokens, asked.specialTokens);
  if (had.within !== undefined) throw differ("an inner preset", had.within, undefined);
}

/** Merges the shards with DuckDB under the memory limit. */
async function readShards(
  patterns: readonly string[],
  values: Record<string, unknown>,
  minPieceCount?: number,
) {
  const { readCountShards } = await import("../../node/shards/read-shards.js");
  const { DEFAULT_MEMORY_LIMIT } = await import("./count-pieces.js");
  let r: Awaited<ReturnType<typeof readCountShards>>;
  try {
    r = await readCountShards(patterns, {
      memoryLimit: (values["memory-limit"] as string | undefined) ?? DEFAULT_MEMORY_LIMIT,
      tempDir: values["temp-dir"] as string | undefined,
      minPieceCount,
      onWarning: (m) => process.stderr.write(`toklab: warning: ${m}\n`),
    });
  } catch (e) {
    throw new CliError(`train: ${(e as Error).message}`, 1);
  }
  if (r.counts.size === 0) {
    throw new CliError(
      `train: no pieces in ${r.files.join(", ")}${minPieceCount === undefined ? "" : ` seen at least ${minPieceCount} times`}; nothing to train on`,
      1,
    );
  }
  return r;
}

/**
 * `--min-piece-count N`: drops pieces seen fewer than N times before the merge loop, as
 * `train --counts` does in SQL, so the two paths train on the same counts.
 */
function dropRarePieces(counts: PieceCounts, min: number): void {
  for (const [piece, n] of counts) if (n < min) counts.delete(piece);
}

/**
 * `--ratio CODE=R...`: the desired compression ratio of each language, for `--parity-mode ratio`
 * only. The authors' tool runs that mode only with ratios given; toklab's default of 1 for every
 * language equalizes compression against bytes, which can widen the spread, so say so.
 */
function ratioOptions(
  raw: readonly string[] | undefined,
  perLanguage: ReadonlyMap<string, PieceCounts>,
  mode: ParityMode,
): Record<string, number> | undefined {
  const given = pairs("--ratio", raw);
  if (given.size > 0 && mode !== "ratio") throw new CliError("--ratio goes with --parity-mode ratio", 2);
  if (mode !== "ratio") return undefined;
  if (given.size === 0) {
    process.stderr.write(
      "toklab: warning: --parity-mode ratio without --ratio: every language's ratio is 1, which equalizes " +
        "compression against bytes, not tokens across languages (decision 0035)\n",
    );
    return undefined;
  }
  const ratios = emptyRecord<number>();
  for (const [lang, r] of given) {
    if (!perLanguage.has(lang))
      throw new CliError(`--ratio ${lang}: no --lang ${lang}=PATH to go with it`, 2);
    const n = Number(r);
    if (!(n > 0 && Number.isFinite(n)))
      throw new CliError(`--ratio ${lang}=${r}: expected a positive number`, 2);
    ratios[lang] = n;
  }
  return ratios;
}

/** The UDHR translation of each language, cut into pieces as the training text is. */
async function udhrDev(
  languages: readonly string[],
  pieces: PieceConfig,
): Promise<{ counts: Map<string, PieceCounts>; codes: string[] }> {
  // Loaded only here: the UDHR package is an optional peer dependency.
  const { udhrTextsFor } = await import("../../node/udhr-match.js");
  let texts: Awaited<ReturnType<typeof udhrTextsFor>>;
  try {
    texts = await udhrTextsFor(languages);
  } catch (e) {
    throw new CliError(
      `train --algo parity: ${(e as Error).message}; give --dev CODE=PATH (parallel text) for every ` +
        "language, or name the languages by UDHR code or BCP 47 tag",
      2,
    );
  }
  const split = pieceSplitter(pieces);
  const counts = new Map<string, PieceCounts>();
  const codes: string[] = [];
  for (const [lang, { code, text }] of texts) {
    const c: PieceCounts = new Map();
    for (const piece of split(text)) c.set(piece, (c.get(piece) ?? 0) + 1);
    counts.set(lang, c);
    codes.push(code);
  }
  return { counts, codes };
}

/** An existing byte-level tokenizer as the start of a run (`--extend`). */
async function importExisting(
  name: string,
  pieces: PieceConfig,
  values: Record<string, unknown>,
): Promise<TrainedBpe> {
  // Loaded only here: the analyzer is not needed for ordinary training.
  const { vocabularyBytes } = await import("../../analyze/token-bytes.js");
  const tok = await resolveTokenizer(name, tokenizerOptions(values));
  const vocab = vocabularyBytes(tok);
  const tokens: Array<Uint8Array | null> = [];
  const specialIds: number[] = [];
  for (const t of vocab) {
    tokens[t.id] = t.bytes;
    if (t.form === "special" || t.form === "added") specialIds.push(t.id);
    if (t.form === "byte")
      throw new CliError(`--extend ${name}: a byte-fallback vocabulary is not byte-level BPE`, 2);
  }
  for (let i = 0; i < tokens.length; i++) tokens[i] ??= null;
  return importVocabulary({ tokens, specialIds, pieces });
}

function mergeProgressRenderer(
  kind: "tty" | "json" | "none",
): ((done: number, total: number) => void) & { finish(): void } {
  const started = performance.now();
  let last = 0;
  let drawn = false;
  const f = ((done: number, total: number) => {
    if (kind === "none" || (kind === "tty" && !process.stderr.isTTY)) return;
    const now = performance.now();
    if (now - last < (kind === "json" ? 1000 : 100) && done < total) return;
    last = now;
    const secs = (now - started) / 1000;
    const rate = done / Math.max(secs, 1e-3);
    const eta = rate > 0 ? Math.max(0, (total - done) / rate) : null;
    if (kind === "json") {
      process.stderr.write(
        `${JSON.stringify({ phase: "train", done, total, rate: Math.round(rate), etaSeconds: eta === null ? null : Math.round(eta) })}\n`,
      );
    } else {
      const pct = total > 0 ? ((100 * done) / total).toFixed(1) : "100";
      process.stderr.write(
        `\rtrain ${pct}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} merges ${Math.round(rate).toLocaleString("en-US")}/s${eta === null ? "" : ` ETA ${Math.ceil(eta)} s`}\x1b[K`,
      );
      drawn = true;
    }
  }) as ((done: number, total: number) => void) & { finish(): void };
  f.finish = () => {
    if (drawn) process.stderr.write("\r\x1b[K");
    drawn = false;
  };
  return f;
}

function parseFormats(spec: string | undefined, base: TrainedBpe["base"]): TrainedFormat[] | undefined {
  if (spec === undefined) return undefined;
  const all = ["tokenizer.json", "tiktoken", "vocab-merges"] as const;
  const formats = spec.split(",").map((f) => oneOf("--format", f.trim(), all));
  if (base === "char" && formats.includes("tiktoken")) {
    throw new CliError("--format tiktoken needs a byte-level base (--base byte)", 2);
  }
  return formats;
}

/** sha256 over the input files' bytes, in order, each prefixed by its length (so boundaries count). */
async function hashFiles(paths: readonly string[]): Promise<string> {
  const h = createHash("sha256");
  for (const path of paths) {
    h.update(`${path.length}:${path}\n`);
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  }
  return h.digest("hex");
}

/** `100M`, `2G`, `500k` or plain bytes. */
function sizeOption(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)([kKmMgG]?)[bB]?$/.exec(raw.trim());
  if (!m) throw new CliError(`${flag} ${JSON.stringify(raw)}: expected a size like 500M or 2G`, 2);
  const unit = { "": 1, k: 1e3, m: 1e6, g: 1e9 }[m[2].toLowerCase() as "" | "k" | "m" | "g"];
  return Math.round(Number(m[1]) * unit);
}

function pairs(flag: string, raw: readonly string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of raw ?? []) {
    const i = r.indexOf("=");
    if (i <= 0 || i === r.length - 1)
      throw new CliError(
        `${flag} ${JSON.stringify(r)}: expected CODE=${flag === "--ratio" ? "R" : "PATH"}`,
        2,
      );
    out.set(r.slice(0, i), r.slice(i + 1));
  }
  return out;
}
