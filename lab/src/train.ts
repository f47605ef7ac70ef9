/**
 * Training in the page, done as `toklab train` does it: each line of the text (with its "\n")
 * is a document, cut into pieces by the same piece walker, counted, and trained by the same
 * trainer with the CLI's defaults; the tokenizer.json is written with the CLI's pre-tokenizer.
 * So a model trained here with some settings encodes as `toklab train` with the same options on
 * the same text (test/lab checks it).
 */
import { findPretokenizerPreset } from "../../src/core/pretokenize/presets.js";
import { withoutByteLevel } from "../../src/formats/trained/pre-tokenizer.js";
import { trainedTokenizerJson } from "../../src/formats/trained/tokenizer-json.js";
import { type BpeTrainOptions, trainBpe } from "../../src/train/bpe-trainer.js";
import { pieceWalker } from "../../src/train/pieces.js";
import { hfPreTokenizerFor } from "../../src/train/pieces-hf.js";
import { superbpeStage1PieceConfig, superwordPieceConfig, trainSuperBpe } from "../../src/train/superbpe.js";
import type { NumberPolicy, PieceConfig, PieceCounts, TrainedBpe } from "../../src/train/types.js";

/** The options the page offers; each maps to the `toklab train` option of the same name. */
export interface TrainSettings {
  /** `--algo`: plain BPE, or SuperBPE (superword merges after the transition). */
  readonly algorithm: "bpe" | "superbpe";
  /** `--transition` (SuperBPE; default 80% of the vocabulary, as the CLI's). */
  readonly transition?: number;
  /** `--vocab-size`. */
  readonly vocabSize: number;
  /** `--preset` (default gpt2). */
  readonly preset: string;
  /** `--numbers`. */
  readonly numbers: NumberPolicy;
  /** `--min-frequency`. */
  readonly minFrequency?: number;
  /** `--special`, one per entry. */
  readonly specialTokens: readonly string[];
  /** `--base`. */
  readonly base: "byte" | "char";
}

/** The counting workers' cap on a piece's length (src/node/ingest/chunk-counter.ts, MAX_PIECE_LENGTH). */
const MAX_PIECE_LENGTH = 4096;

/** The `toklab train` command line these settings stand for (shown in the page). */
export function trainCommandLine(s: TrainSettings, input = "corpus.txt"): string {
  return [
    "toklab train",
    `--input ${input}`,
    `--vocab-size ${s.vocabSize}`,
    ...(s.algorithm === "bpe" ? [] : [`--algo ${s.algorithm}`]),
    ...(s.algorithm === "superbpe" && s.transition !== undefined ? [`--transition ${s.transition}`] : []),
    `--preset ${s.preset}`,
    ...(s.numbers === "none" ? [] : [`--numbers ${s.numbers}`]),
    ...(s.minFrequency === undefined ? [] : [`--min-frequency ${s.minFrequency}`]),
    ...s.specialTokens.map((t) => `--special '${t}'`),
    ...(s.base === "byte" ? [] : ["--base char"]),
    "--out out",
  ].join(" ");
}

/** Piece counts of `text` as the CLI's counter makes them: documents are lines. */
export function countPieces(text: string, pieces: PieceConfig): PieceCounts {
  const walk = pieceWalker(pieces);
  const counts: PieceCounts = new Map();
  const add = (t: string, s: number, e: number) => {
    const piece = t.slice(s, e);
    counts.set(piece, (counts.get(piece) ?? 0) + 1);
  };
  const visit = (t: string, s: number, e: number) => {
    if (e - s <= MAX_PIECE_LENGTH) return add(t, s, e);
    for (let a = s; a < e; ) {
      let b = Math.min(e, a + MAX_PIECE_LENGTH);
      if (b < e && (t.charCodeAt(b - 1) & 0xfc00) === 0xd800) b--;
      add(t, a, b);
      a = b;
    }
  };
  for (let s = 0; s < text.length; ) {
    const nl = text.indexOf("\n", s);
    const e = nl < 0 ? text.length : nl + 1;
    walk(text, visit, s, e);
    s = e;
  }
  return counts;
}

/** Trains and writes tokenizer.json; `onProgress` gets (merges done, merges planned). */
export function trainInPage(
  text: string,
  s: TrainSettings,
  onProgress?: (done: number, total: number) => void,
): { trained: TrainedBpe; json: string } {
  const preset = findPretokenizerPreset(s.preset);
  if (preset === undefined) throw new Error(`unknown preset ${JSON.stringify(s.preset)}`);
  if (preset.hfPreTokenizer === null) throw new Error(`preset ${preset.name} has no tokenizer.json form`);
  const pieces: PieceConfig = {
    preset: preset.name,
    numbers: s.numbers,
    specialTokens: [...s.specialTokens],
    lowercase: false,
  };
  const options: BpeTrainOptions = {
    vocabSize: s.vocabSize,
    base: s.base,
    byteAlphabet: "full",
    minFrequency: s.minFrequency,
    specialTokens: [...s.specialTokens],
    reservedTokens: [],
    tieBreak: "bytes",
    pieces,
    onProgress,
    record: { algorithm: s.algorithm },
  };
  let trained: TrainedBpe;
  if (s.algorithm === "superbpe") {
    // As the CLI: stage 1 counted inside the stage-2 pieces, stage 2 by the superword preset.
    const stage1 = superbpeStage1PieceConfig(pieces);
    const counts = countPieces(text, stage1);
    if (counts.size === 0) throw new Error("no text to train on");
    const stage2 = { ...superwordPieceConfig(pieces.specialTokens), lowercase: false };
    trained = trainSuperBpe(counts, countPieces(text, stage2), {
      ...options,
      transition: s.transition ?? Math.round(s.vocabSize * 0.8),
      stage1Pieces: stage1,
      pieces: stage2,
      onProgress,
    });
  } else {
    const counts = countPieces(text, pieces);
    if (counts.size === 0) throw new Error("no text to train on");
    trained = trainBpe(counts, { ...options, releaseCounts: true });
  }
  const pre = hfPreTokenizerFor(trained.pieces);
  const preTokenizer = trained.base === "byte" ? pre : withoutByteLevel(pre);
  return { trained, json: trainedTokenizerJson(trained, { preTokenizer }) };
}
