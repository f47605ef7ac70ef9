/**
 * `toklab train --algo unigram`: SentencePiece's Unigram trainer (src/train/unigram/) on the
 * sentences (lines) of the inputs; writes tokenizer.model (SentencePiece), tokenizer.json (the
 * Unigram model with Metaspace, as Hugging Face converts SentencePiece) and manifest.json, all
 * or none.
 */
import { serializeModelProto } from "../../formats/sentencepiece/model-writer.js";
import { sentencePieceToTokenizerJson } from "../../formats/sentencepiece/tokenizer-json.js";
import { MANIFEST_FORMAT } from "../../formats/trained/manifest.js";
import { unigramModelProto } from "../../formats/trained/unigram-model.js";
import { writeFilesAtomically } from "../../node/atomic-files.js";
import { trainUnigramOnThreads } from "../../node/unigram-train.js";
import { WordCounter } from "../../train/unigram/sentences.js";
import { intOption } from "../args.js";
import { CliError } from "../errors.js";
import { writeOut } from "../io.js";
import { type DocumentsRead, forEachDocument } from "./train-documents.js";

/** The options `--algo unigram` reads; any other training option is an error, not ignored. */
const UNIGRAM_OPTIONS = new Set([
  "input",
  "vocab-size",
  "out",
  "force",
  "algo",
  "field",
  "format",
  "character-coverage",
  "byte-fallback",
  "keep-whitespace",
  "quiet",
  "progress",
  "json",
  "workers",
]);

const UNIGRAM_FORMATS = ["model", "tokenizer.json"] as const;

/** Refuses options that do not apply to the algorithm, naming them. */
export function rejectOptions(
  algo: string,
  values: Record<string, unknown>,
  allowed: ReadonlySet<string>,
): void {
  const wrong = Object.keys(values).filter((k) => values[k] !== undefined && !allowed.has(k));
  if (wrong.length > 0) {
    throw new CliError(
      `train --algo ${algo}: ${wrong.map((k) => `--${k}`).join(", ")} ${wrong.length === 1 ? "does" : "do"} not apply ` +
        `(it takes ${[...allowed]
          .filter((k) => k !== "algo")
          .map((k) => `--${k}`)
          .join(", ")})`,
      2,
    );
  }
}

/** Runs `train --algo unigram` with the parsed options. */
export async function trainUnigramCommand(
  values: Record<string, unknown>,
  inputs: readonly string[],
  vocabSize: number,
  out: string,
  argv: readonly string[],
): Promise<void> {
  const started = performance.now();
  rejectOptions("unigram", values, UNIGRAM_OPTIONS);
  const coverageRaw = values["character-coverage"] as string | undefined;
  const coverage = coverageRaw === undefined ? 0.9995 : Number(coverageRaw);
  if (!(coverage > 0 && coverage <= 1)) {
    throw new CliError(`--character-coverage ${JSON.stringify(coverageRaw)}: expected a number in (0, 1]`, 2);
  }
  const formats = parseUnigramFormats(values.format as string | undefined);
  const quiet = values.quiet === true;
  const progress = (values.progress as string | undefined) ?? (quiet ? "none" : "tty");
  if (!["tty", "json", "none"].includes(progress)) {
    throw new CliError(`--progress ${JSON.stringify(progress)}: expected one of tty, json, none`, 2);
  }
  // EM's threads (the model is the same on any number); checked before the input is read.
  const threads = intOption("--workers", values.workers, { min: 0 });
  const keepWhitespace = values["keep-whitespace"] === true;
  const words = new WordCounter({ removeExtraWhitespaces: !keepWhitespace });
  const field = (values.field as string | undefined) ?? "text";
  let read: DocumentsRead;
  try {
    read = await forEachDocument(inputs, field, (text) => words.addText(text));
  } catch (e) {
    throw new CliError(`train: ${(e as Error).message}`, 1);
  }
  if (words.counts.size === 0) {
    throw new CliError(
      `train: no text in ${inputs.join(", ")} (${words.stats.bytes} bytes); nothing to train on`,
      1,
    );
  }
  if (words.stats.skippedTooLong > 0 && !quiet) {
    process.stderr.write(
      `toklab: warning: ${words.stats.skippedTooLong} sentences longer than 4192 bytes were skipped, as spm_train skips them\n`,
    );
  }
  const trained = await (async () => {
    try {
      return await trainUnigramOnThreads(words.counts, {
        vocabSize,
        threads,
        onThreadError: (m) => {
          if (!quiet) process.stderr.write(`toklab: warning: ${m}; its work goes to the other threads\n`);
        },
        characterCoverage: coverage,
        byteFallback: values["byte-fallback"] === true,
        releaseCounts: true,
        onProgress:
          progress === "json"
            ? (p) => process.stderr.write(`${JSON.stringify({ stage: "em", ...p })}\n`)
            : progress === "tty" && process.stderr.isTTY
              ? (p) => process.stderr.write(`\r\x1b[Kunigram: round ${p.round}, ${p.pieces} pieces`)
              : undefined,
      });
    } catch (e) {
      throw new CliError(`train: ${(e as Error).message}`, e instanceof RangeError ? 2 : 1);
    } finally {
      if (progress === "tty" && process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    }
  })();
  const proto = unigramModelProto(trained, { removeExtraWhitespaces: !keepWhitespace });
  const written: { name: string; data: string | Uint8Array }[] = [];
  if (formats.includes("model")) written.push({ name: "tokenizer.model", data: serializeModelProto(proto) });
  if (formats.includes("tokenizer.json")) {
    written.push({ name: "tokenizer.json", data: sentencePieceToTokenizerJson(proto, { pretty: true }) });
  }
  const vocab = proto.pieces.length;
  const manifest = {
    format: MANIFEST_FORMAT,
    algorithm: "unigram",
    vocabSize: vocab,
    options: { characterCoverage: coverage, byteFallback: trained.byteFallback, keepWhitespace },
    alphabet: { size: trained.alphabetSize, coverage: trained.coverage },
    seedPieces: trained.seedPieces,
    corpus: {
      files: read.files,
      sha256: read.sha256,
      bytes: words.stats.bytes,
      documents: read.documents,
      sentences: words.stats.sentences,
    },
    files: written.map((f) => f.name),
    command: ["toklab", "train", ...argv],
  };
  written.push({ name: "manifest.json", data: `${JSON.stringify(manifest, null, 2)}\n` });
  try {
    await writeFilesAtomically(out, written);
  } catch (e) {
    throw new CliError(`train: ${(e as Error).message}`, 1);
  }
  if (vocab < vocabSize && !quiet) {
    process.stderr.write(
      `toklab: warning: the vocabulary has ${vocab} pieces, not the ${vocabSize} asked for: the corpus has no more substrings; give more text\n`,
    );
  }
  const summary = {
    out,
    algorithm: "unigram",
    vocab_size: vocab,
    requested_vocab_size: vocabSize,
    alphabet: trained.alphabetSize,
    corpus_bytes: words.stats.bytes,
    sentences: words.stats.sentences,
    distinct_words: trained.distinctWords,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    files: written.map((f) => f.name),
  };
  if (values.json === true) await writeOut(`${JSON.stringify(summary)}\n`);
  else if (!quiet) {
    process.stderr.write(
      `toklab: wrote ${summary.files.join(", ")} to ${out} (Unigram, ${vocab} pieces, ${summary.seconds} s)\n`,
    );
  }
}

function parseUnigramFormats(spec: string | undefined): readonly string[] {
  if (spec === undefined) return UNIGRAM_FORMATS;
  const asked = spec.split(",").map((s) => s.trim());
  for (const f of asked) {
    if (!(UNIGRAM_FORMATS as readonly string[]).includes(f)) {
      throw new CliError(
        `--format ${JSON.stringify(f)}: --algo unigram writes ${UNIGRAM_FORMATS.join(", ")} (no merges, so no tiktoken or vocab-merges)`,
        2,
      );
    }
  }
  return asked;
}
