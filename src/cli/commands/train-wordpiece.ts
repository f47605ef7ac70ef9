/**
 * `toklab train --algo wordpiece`: Hugging Face's WordPieceTrainer (src/train/wordpiece/) on the
 * words of BERT's normalizer and pre-tokenizer, line by line; writes tokenizer.json and
 * manifest.json, all or none.
 */
import { loadTokenizerJson } from "../../formats/hf/tokenizer-json.js";
import { MANIFEST_FORMAT } from "../../formats/trained/manifest.js";
import { bertPipelineJson, wordPieceTokenizerJson } from "../../formats/trained/wordpiece-json.js";
import { writeFilesAtomically } from "../../node/atomic-files.js";
import { trainWordPiece } from "../../train/wordpiece/trainer.js";
import { addWords } from "../../train/wordpiece/words.js";
import { CliError } from "../errors.js";
import { writeOut } from "../io.js";
import { type DocumentsRead, forEachDocument } from "./train-documents.js";
import { rejectOptions } from "./train-unigram.js";

const WORDPIECE_OPTIONS = new Set([
  "input",
  "vocab-size",
  "out",
  "force",
  "algo",
  "field",
  "format",
  "special",
  "min-frequency",
  "alphabet-limit",
  "initial-alphabet",
  "cased",
  "quiet",
  "progress",
  "json",
]);

/** BERT's special tokens, in the order Hugging Face's WordPiece examples give them. */
export const BERT_SPECIAL_TOKENS = ["[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]"];

function count(flag: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(String(raw).replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 0)
    throw new CliError(`${flag} ${JSON.stringify(raw)}: expected an integer ≥ 0`, 2);
  return n;
}

/** Runs `train --algo wordpiece` with the parsed options. */
export async function trainWordPieceCommand(
  values: Record<string, unknown>,
  inputs: readonly string[],
  vocabSize: number,
  out: string,
  argv: readonly string[],
): Promise<void> {
  const started = performance.now();
  rejectOptions("wordpiece", values, WORDPIECE_OPTIONS);
  const format = values.format as string | undefined;
  if (format !== undefined && format !== "tokenizer.json") {
    throw new CliError(`--format ${JSON.stringify(format)}: --algo wordpiece writes tokenizer.json only`, 2);
  }
  const specials = (values.special as string[] | undefined) ?? BERT_SPECIAL_TOKENS;
  if (!specials.includes("[UNK]")) {
    throw new CliError(
      "train --algo wordpiece: the special tokens must include [UNK] (WordPiece's unknown token)",
      2,
    );
  }
  const quiet = values.quiet === true;
  const lowercase = values.cased !== true;
  const bert = loadTokenizerJson({
    ...bertPipelineJson(lowercase),
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: { "[UNK]": 0 },
    },
  });
  const counts = new Map<string, number>();
  let read: DocumentsRead;
  try {
    read = await forEachDocument(inputs, (values.field as string | undefined) ?? "text", (text) =>
      addWords(counts, bert, text),
    );
  } catch (e) {
    throw new CliError(`train: ${(e as Error).message}`, 1);
  }
  if (counts.size === 0) throw new CliError(`train: no text in ${inputs.join(", ")}; nothing to train on`, 1);
  const initial = values["initial-alphabet"] as string | undefined;
  const trained = trainWordPiece(counts, {
    vocabSize,
    minFrequency: count("--min-frequency", values["min-frequency"]),
    specialTokens: specials,
    limitAlphabet: count("--alphabet-limit", values["alphabet-limit"]),
    initialAlphabet: initial === undefined ? undefined : [...initial],
  });
  const json = wordPieceTokenizerJson(trained, { lowercase });
  const manifest = {
    format: MANIFEST_FORMAT,
    algorithm: "wordpiece",
    vocabSize: trained.tokens.length,
    specialTokens: specials,
    options: { lowercase, minFrequency: values["min-frequency"] ?? 0 },
    corpus: { files: read.files, sha256: read.sha256, documents: read.documents, distinctWords: counts.size },
    files: ["tokenizer.json"],
    command: ["toklab", "train", ...argv],
  };
  try {
    await writeFilesAtomically(out, [
      { name: "tokenizer.json", data: json },
      { name: "manifest.json", data: `${JSON.stringify(manifest, null, 2)}\n` },
    ]);
  } catch (e) {
    throw new CliError(`train: ${(e as Error).message}`, 1);
  }
  if (trained.tokens.length < vocabSize && !quiet) {
    process.stderr.write(
      `toklab: warning: the vocabulary has ${trained.tokens.length} tokens, not the ${vocabSize} asked for: the corpus has no more pairs to merge; give more text\n`,
    );
  }
  const summary = {
    out,
    algorithm: "wordpiece",
    vocab_size: trained.tokens.length,
    requested_vocab_size: vocabSize,
    merges: trained.merges,
    distinct_words: counts.size,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    files: ["tokenizer.json", "manifest.json"],
  };
  if (values.json === true) await writeOut(`${JSON.stringify(summary)}\n`);
  else if (!quiet) {
    process.stderr.write(
      `toklab: wrote tokenizer.json, manifest.json to ${out} (WordPiece, ${trained.tokens.length} tokens, ${summary.seconds} s)\n`,
    );
  }
}
