/**
 * SuperBPE's defining number (issue 4 §6): bytes per token on held-out text against plain BPE at
 * the same vocabulary size. Used by `npm run bench:train` and by experiments/train-variants.ts.
 *
 * Counting is one simple loop on one thread: every line (with its newline, as the Hugging Face
 * trainer reads files) is cut by the GPT-2 pretokenizer for BPE, by the GPT-2 pretokenizer inside
 * the superword pieces for SuperBPE's stage 1, and by the stage-2 (superword) pretokenizer for
 * SuperBPE's stage 2. Held-out lines are encoded through
 * the trained tokenizer.json (toklab's exact Hugging Face pipeline), one line at a time.
 */
import { readFileSync } from "node:fs";
import { nextGpt2Piece } from "../src/core/pretokenize/gpt2.js";
import { hfSuperwordPreTokenizer, nextSuperwordPiece } from "../src/core/pretokenize/superword.js";
import type { PieceScanner } from "../src/core/pretokenize/types.js";
import { loadTokenizerJson } from "../src/formats/hf/tokenizer-json.js";
import { trainedTokenizerJson } from "../src/formats/trained/tokenizer-json.js";
import { trainBpe } from "../src/train/bpe-trainer.js";
import { pieceWalker } from "../src/train/pieces.js";
import { superbpeStage1PieceConfig, trainSuperBpe } from "../src/train/superbpe.js";
import type { PieceCounts, TrainedBpe } from "../src/train/types.js";

/** One trained tokenizer of the comparison. */
export interface SuperBpeRow {
  vocab: number;
  tokenizer: "BPE" | "SuperBPE";
  /** SuperBPE's transition point (a vocabulary size) and the fraction of `vocab` it is. */
  transition?: number;
  fraction?: number;
  bytesPerToken: number;
  /** Relative to plain BPE at the same vocabulary (0 for BPE itself). */
  gain: number;
  /** Share of learned tokens with a space between two non-space bytes (SuperBPE only). */
  superwordShare?: number;
  /** Training time of the merge loop, counting excluded. */
  seconds: number;
  /** Bytes/token and gain over BPE on each held-out category, when categories were given. */
  categories?: Record<string, { bytesPerToken: number; gain: number }>;
}

/** Held-out text of one category (e.g. bench.jsonl's `code`), measured on its own. */
export interface HeldOutCategory {
  name: string;
  /** Lines, each with its newline, and their UTF-8 bytes in total. */
  lines: readonly string[];
  bytes: number;
}

export interface SuperBpeInput {
  /** Training lines, each with its newline. */
  trainLines: readonly string[];
  /** Held-out lines, each with its newline, and their UTF-8 bytes in total. */
  heldLines: readonly string[];
  heldBytes: number;
  vocabs: readonly number[];
  /** Transition points as fractions of each vocabulary (0.8: 80%). */
  transitions: readonly number[];
  /** Per-category held-out text, each reported on its own besides `heldLines`. */
  categories?: readonly HeldOutCategory[];
  log?: (line: string) => void;
}

const GPT2_BYTE_LEVEL = { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true };

/**
 * Plain BPE and SuperBPE at each vocabulary size, with bytes per token on the held-out lines.
 *
 * @example
 * ```ts
 * const rows = compareSuperBpe({ trainLines, heldLines, heldBytes, vocabs: [16000], transitions: [0.8] });
 * rows[1].gain; // e.g. 0.2: SuperBPE has 20% more bytes per token than BPE at 16k
 * ```
 */
export function compareSuperBpe(input: SuperBpeInput): SuperBpeRow[] {
  const log = input.log ?? (() => {});
  let t = performance.now();
  const stage1 = countPieces(input.trainLines, nextGpt2Piece);
  // SuperBPE's stage 1: GPT-2 pieces inside the superword pieces (every token reachable).
  const inside = pieceWalker(
    superbpeStage1PieceConfig({ preset: "gpt2", numbers: "none", specialTokens: [] }),
  );
  const superStage1: PieceCounts = new Map();
  for (const line of input.trainLines) {
    inside(line, (text, s, e) => {
      const piece = text.slice(s, e);
      superStage1.set(piece, (superStage1.get(piece) ?? 0) + 1);
    });
  }
  const stage2 = countPieces(input.trainLines, nextSuperwordPiece);
  log(
    `SuperBPE: counted ${stage1.size} GPT-2 pieces, ${superStage1.size} inside superword pieces, ${stage2.size} superword pieces ` +
      `(${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );
  const rows: SuperBpeRow[] = [];
  for (const vocabSize of input.vocabs) {
    t = performance.now();
    const bpe = trainBpe(stage1, { vocabSize });
    const bpeSeconds = (performance.now() - t) / 1000;
    const bpeTok = tokenizer(bpe, GPT2_BYTE_LEVEL);
    const base = bytesPerToken(bpeTok, input.heldLines, input.heldBytes);
    const baseByCategory = byCategory(bpeTok, input.categories, undefined);
    log(`BPE ${vocabSize}: ${base.toFixed(3)} bytes/token, ${bpeSeconds.toFixed(1)} s`);
    rows.push({
      vocab: vocabSize,
      tokenizer: "BPE",
      bytesPerToken: base,
      gain: 0,
      seconds: bpeSeconds,
      categories: baseByCategory,
    });
    for (const fraction of input.transitions) {
      const transition = Math.round(fraction * vocabSize);
      t = performance.now();
      const sb = trainSuperBpe(superStage1, stage2, { vocabSize, transition });
      const seconds = (performance.now() - t) / 1000;
      const sbTok = tokenizer(sb, hfSuperwordPreTokenizer());
      const bpt = bytesPerToken(sbTok, input.heldLines, input.heldBytes);
      log(`SuperBPE ${vocabSize} t=${transition}: ${bpt.toFixed(3)} bytes/token, ${seconds.toFixed(1)} s`);
      rows.push({
        vocab: vocabSize,
        tokenizer: "SuperBPE",
        transition,
        fraction,
        bytesPerToken: bpt,
        gain: (bpt - base) / base,
        superwordShare: superwordShare(sb),
        seconds,
        categories: byCategory(sbTok, input.categories, baseByCategory),
      });
    }
  }
  return rows;
}

function countPieces(lines: readonly string[], scan: PieceScanner): PieceCounts {
  const counts: PieceCounts = new Map();
  for (const line of lines) {
    for (let p = 0; p < line.length; ) {
      const e = scan(line, p, line.length);
      const piece = line.slice(p, e);
      counts.set(piece, (counts.get(piece) ?? 0) + 1);
      p = e;
    }
  }
  return counts;
}

type Counter = { count(text: string): number };

function tokenizer(trained: TrainedBpe, preTokenizer: Record<string, unknown>): Counter {
  return loadTokenizerJson(trainedTokenizerJson(trained, { preTokenizer }));
}

function bytesPerToken(tok: Counter, lines: readonly string[], bytes: number): number {
  let tokens = 0;
  for (const line of lines) tokens += tok.count(line);
  return bytes / tokens;
}

/** Bytes/token on each category, and the gain over `base` (BPE's figures; 0 for BPE itself). */
function byCategory(
  tok: Counter,
  categories: readonly HeldOutCategory[] | undefined,
  base: SuperBpeRow["categories"],
): SuperBpeRow["categories"] {
  if (categories === undefined) return undefined;
  const out: NonNullable<SuperBpeRow["categories"]> = {};
  for (const c of categories) {
    const bpt = bytesPerToken(tok, c.lines, c.bytes);
    const b = base?.[c.name]?.bytesPerToken;
    out[c.name] = { bytesPerToken: bpt, gain: b === undefined ? 0 : (bpt - b) / b };
  }
  return out;
}

function superwordShare(trained: TrainedBpe): number {
  const learned = trained.tokens.slice(trained.firstMergeId);
  const crossing = learned.filter((b) => /[^ ] +[^ ]/.test(String.fromCharCode(...b))).length;
  return crossing / learned.length;
}

/** bench.jsonl dealt into training documents and held-out categories ({@link benchJsonlSplit}). */
export interface BenchJsonlSplit {
  trainLines: string[];
  trainBytes: number;
  /** Held-out documents by category, sorted by name. */
  categories: HeldOutCategory[];
  heldLines: string[];
  heldBytes: number;
}

/**
 * Documents the trainer never sees, by category: bench.jsonl's documents are dealt into five
 * parts by their order in the file; parts `trainParts` are training text and part 0 is held out.
 * (train-100m.txt holds bench.jsonl's texts, so no part of it is held out from them.) Each
 * document is read as lines with their newlines, plus a final newline.
 */
export function benchJsonlSplit(path: string, trainParts: readonly number[] = [1, 2]): BenchJsonlSplit {
  const utf8 = new TextEncoder();
  const linesOf = (text: string) => `${text}\n`.split(/(?<=\n)/).filter((l) => l !== "");
  const train = new Set(trainParts);
  const trainLines: string[] = [];
  let trainBytes = 0;
  const held = new Map<string, { name: string; lines: string[]; bytes: number }>();
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .forEach((row, i) => {
      const doc = JSON.parse(row) as { cat: string; text: string };
      const bytes = utf8.encode(doc.text).length + 1;
      if (i % 5 === 0) {
        let c = held.get(doc.cat);
        if (c === undefined) {
          c = { name: doc.cat, lines: [], bytes: 0 };
          held.set(doc.cat, c);
        }
        c.lines.push(...linesOf(doc.text));
        c.bytes += bytes;
      } else if (train.has(i % 5)) {
        trainLines.push(...linesOf(doc.text));
        trainBytes += bytes;
      }
    });
  const categories = [...held.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    trainLines,
    trainBytes,
    categories,
    heldLines: categories.flatMap((c) => c.lines),
    heldBytes: categories.reduce((n, c) => n + c.bytes, 0),
  };
}
