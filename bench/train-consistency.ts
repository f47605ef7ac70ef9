/**
 * The KL3M character tokenizers' defining number: boundary consistency between OCR-noisy and
 * clean text (bench/train-boundary.ts), for a character tokenizer (`toklab train --algo char`,
 * tokens of at most 3 characters) and plain BPE at the same vocabulary, trained on the same text.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadTokenizerJson } from "../src/formats/hf/tokenizer-json.js";
import { byteLevelCodePoint } from "../src/train/alphabet.js";
import {
  addCounts,
  BOUNDARY_WINDOWS,
  type BoundaryCount,
  boundaryConsistency,
  tokenBoundaries,
} from "./train-boundary.js";
import { noisyCopies } from "./train-noise.js";
import type { BoundaryResult, TrainingResults } from "./train-results.js";

const TOKLAB_CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));

export interface ConsistencyOptions {
  trainPath: string;
  trainLabel: string;
  heldLines: readonly string[];
  vocab: number;
  /** Share of characters edited. */
  rate: number;
  seed: number;
  maxSentences: number;
  dir: string;
  log?: (line: string) => void;
}

/**
 * Sentence-like held-out lines: trimmed, 40–1,000 characters, at least 6 words, and at least
 * 85% letters and spaces (the held-out text is mostly code; OCR noise is about prose).
 *
 * @example
 * ```ts
 * proseLines(["    x = f(y)\n", "The quick brown fox jumps over the lazy dog again.\n"]);
 * // ["The quick brown fox jumps over the lazy dog again."]
 * ```
 */
export function proseLines(lines: readonly string[], max = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    if (out.length >= max) break;
    const line = raw.trim();
    const chars = [...line];
    if (chars.length < 40 || chars.length > 1000) continue;
    if (line.split(/\s+/).length < 6) continue;
    const prose = chars.filter((c) => /[\p{L} ]/u.test(c)).length;
    if (prose / chars.length >= 0.85) out.push(line);
  }
  return out;
}

/** Trains both tokenizers through the CLI and measures them on a noisy copy of held-out prose. */
export function measureConsistency(o: ConsistencyOptions): NonNullable<TrainingResults["boundary"]> {
  const log = o.log ?? (() => {});
  const sentences = proseLines(o.heldLines, o.maxSentences);
  const noisy = noisyCopies(sentences, o.rate, o.seed);
  const edits = { substitutions: 0, deletions: 0, insertions: 0 };
  for (const n of noisy) {
    edits.substitutions += n.edits.substitutions;
    edits.deletions += n.edits.deletions;
    edits.insertions += n.edits.insertions;
  }
  const characters = noisy.reduce((s, n) => s + n.clean.length, 0);
  const trained: Array<[string, string[]]> = [
    [`KL3M char (--algo char, ≤ 3 chars)`, ["--algo", "char"]],
    ["BPE (GPT-2 pieces)", []],
  ];
  const results: BoundaryResult[] = [];
  for (const [name, extra] of trained) {
    const out = `${o.dir}/consistency-${extra.length ? "char" : "bpe"}`;
    const args = [
      "train",
      "--input",
      o.trainPath,
      "--vocab-size",
      String(o.vocab),
      ...extra,
      "--out",
      out,
      "--quiet",
    ];
    const r = spawnSync(process.execPath, [TOKLAB_CLI, ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`toklab ${args.join(" ")} failed: ${r.stderr.trim().slice(-300)}`);
    const json = JSON.parse(readFileSync(`${out}/tokenizer.json`, "utf8"));
    if (json.pre_tokenizer?.type !== "ByteLevel") throw new Error(`${name}: expected a byte-level tokenizer`);
    const tok = loadTokenizerJson(json);
    // Byte-level: each character of a token's string stands for one byte.
    const tokenBytes = (text: string) =>
      tok.encode(text, { allowedSpecial: "all" }).map((id) => [...(tok.idToToken(id) ?? "")].length);
    const counts: BoundaryCount[] = BOUNDARY_WINDOWS.map((window) => ({ window, evaluated: 0, kept: 0 }));
    let tokens = 0;
    let bytes = 0;
    for (const n of noisy) {
      const clean = tokenBytes(n.clean.join(""));
      tokens += clean.length;
      bytes += clean.reduce((a, b) => a + b, 0);
      const cleanCuts = tokenBoundaries(n.clean, clean);
      const noisyCuts = tokenBoundaries(n.noisy, tokenBytes(n.noisy.join("")));
      addCounts(counts, boundaryConsistency(n, cleanCuts, noisyCuts, BOUNDARY_WINDOWS));
    }
    const vocab = Object.keys(json.model.vocab).length;
    // Special tokens are matched whole, never learned: only the model's own tokens count.
    const added = new Set((json.added_tokens as Array<{ content: string }>).map((t) => t.content));
    const maxTokenChars = Math.max(
      ...Object.keys(json.model.vocab)
        .filter((t) => !added.has(t))
        .map((t) => [...new TextDecoder().decode(byteLevelBytes(t))].length),
    );
    results.push({ tokenizer: name, vocab, maxTokenChars, bytesPerToken: bytes / tokens, counts });
    log(
      `consistency ${name}: ${counts.map((c) => `w=${c.window} ${((100 * c.kept) / c.evaluated).toFixed(1)}%`).join(", ")}`,
    );
  }
  return {
    trainHead: o.trainLabel,
    sentences: sentences.length,
    characters,
    rate: o.rate,
    seed: o.seed,
    edits,
    results,
  };
}

/** A byte-level token string back to its bytes (GPT-2's byte-to-unicode table, inverted). */
function byteLevelBytes(token: string): Uint8Array {
  return Uint8Array.from([...token], (c) => BYTE_OF.get(c.codePointAt(0) ?? -1) ?? 0);
}

const BYTE_OF = new Map(Array.from({ length: 256 }, (_, b) => [byteLevelCodePoint(b), b]));
