/**
 * The trainers of the 30,000-token comparison: how each is started, where its result lands, and
 * how many tokens that result spends on the held-out text.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadTokenizerJson } from "../src/formats/hf/tokenizer-json.js";
import type { Command } from "./train-measure.js";
import type { TrainerName } from "./train-results.js";

/** The size is 32k; the binding's default BpeTrainer (no options in JS) makes 30,000. */
export const VOCAB = 30_000;
const TOKLAB_CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const HF_CHILD = fileURLToPath(new URL("./train-hf-child.mjs", import.meta.url));
/**
 * The longest line spm_train is given. Its BPE trainer (0.1.97) dies with signal 11 on the
 * corpus's 64,902-byte line (one 64,875-byte word; upstream issue #340: positions are 16-bit)
 * and trains fine with the 33,001-byte ones, so lines above this are skipped (and counted).
 */
export const SPM_MAX_LINE = 40_000;

export interface Trainer {
  name: TrainerName;
  /** What is run to train on `input`, writing into `out` (a fresh directory). */
  command(input: string, out: string, maxLineBytes: number): Command;
  /** The file the result is in. */
  result(out: string): string;
  kind: "tokenizer.json" | "sentencepiece";
}

const toklab = (extra: string[]) => (input: string, out: string) => ({
  file: TOKLAB_CLI,
  args: [
    "train",
    "--input",
    input,
    "--vocab-size",
    String(VOCAB),
    "--preset",
    "gpt2",
    ...extra,
    "--out",
    out,
    "--quiet",
  ],
  node: true,
});

export const TRAINERS: readonly Trainer[] = [
  { name: "toklab", command: toklab([]), result: (out) => `${out}/tokenizer.json`, kind: "tokenizer.json" },
  {
    name: "toklab --hf-compat",
    command: toklab(["--hf-compat"]),
    result: (out) => `${out}/tokenizer.json`,
    kind: "tokenizer.json",
  },
  {
    name: "hf-tokenizers",
    command: (input, out) => ({ file: HF_CHILD, args: [input, `${out}/tokenizer.json`], node: true }),
    result: (out) => `${out}/tokenizer.json`,
    kind: "tokenizer.json",
  },
  {
    name: "sentencepiece",
    command: (input, out, maxLineBytes) => ({
      file: "/usr/bin/spm_train",
      args: [
        `--input=${input}`,
        `--model_prefix=${out}/spm`,
        "--model_type=bpe",
        `--vocab_size=${VOCAB}`,
        "--num_threads=2",
        "--byte_fallback=true",
        "--character_coverage=1.0",
        // Read the whole file: every line (0 = no sampling) up to SPM_MAX_LINE bytes (the
        // default 4192 would drop the long ones).
        "--input_sentence_size=0",
        `--max_sentence_length=${Math.min(SPM_MAX_LINE, Math.max(4192, maxLineBytes + 16))}`,
        // Lossless, like the byte-level trainers: no NFKC, no whitespace collapsing; runs of
        // spaces may become pieces, as GPT-2's pattern makes them (Llama's settings).
        "--normalization_rule_name=identity",
        "--remove_extra_whitespaces=false",
        "--allow_whitespace_only_pieces=true",
        "--minloglevel=1",
      ],
      node: false,
    }),
    result: (out) => `${out}/spm.model`,
    kind: "sentencepiece",
  },
];

/** The command line as the report shows it, with {input} and {out} placeholders. */
export function commandLine(trainer: Trainer, maxLineBytes: number): string {
  const c = trainer.command("{input}", "{out}", maxLineBytes);
  const program = c.node ? `node ${c.file.replace(/^.*\/(bench|dist)\//, "$1/")}` : c.file;
  return [program, ...c.args].join(" ");
}

/** A tokenizer.json's vocabulary size and merge list (each merge as "left right"). */
export function readMerges(path: string): { vocab: number; merges: string[] } {
  const model = JSON.parse(readFileSync(path, "utf8")).model as {
    vocab: Record<string, number>;
    merges: Array<string | [string, string]>;
  };
  return {
    vocab: Object.keys(model.vocab).length,
    merges: model.merges.map((m) => (Array.isArray(m) ? m.join(" ") : m)),
  };
}

/**
 * Tokens of the held-out lines (each with its newline) under a byte-level tokenizer.json, line
 * by line, and the bytes its tokens do not stand for: a byte the tokenizer cannot encode (the
 * binding's alphabet keeps only bytes seen in training) is dropped; any other shortfall would
 * mean wrong ids, so this doubles as a check of the encoder.
 */
export function tokenizerJsonTokens(
  path: string,
  lines: readonly string[],
): { tokens: number; lostBytes: number } {
  const tok = loadTokenizerJson(readFileSync(path, "utf8"));
  // Byte-level: each character of a token's string is one byte.
  const lengths = new Map<number, number>();
  const length = (id: number) => {
    let n = lengths.get(id);
    if (n === undefined) {
      n = [...(tok.idToToken(id) ?? "")].length;
      lengths.set(id, n);
    }
    return n;
  };
  let tokens = 0;
  let lostBytes = 0;
  for (const line of lines) {
    const ids = tok.encode(line, { allowedSpecial: "all" });
    tokens += ids.length;
    let covered = 0;
    for (const id of ids) covered += length(id);
    lostBytes += Buffer.byteLength(line) - covered;
  }
  return { tokens, lostBytes };
}

/**
 * Tokens of the held-out file under a SentencePiece model: `spm_encode` reads it line by line
 * and cannot see line ends, so each newline adds one token (the byte-fallback token `<0x0A>` the
 * model would give it inside a text).
 */
export function sentencePieceTokens(model: string, heldOutPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "/usr/bin/spm_encode",
      [`--model=${model}`, "--output_format=id", `--input=${heldOutPath}`],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let ids = 0;
    let inNumber = false;
    child.stdout.on("data", (chunk: Buffer) => {
      for (const b of chunk) {
        const digit = b >= 48 && b <= 57;
        if (digit && !inNumber) ids++;
        inNumber = digit;
      }
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-2000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`spm_encode exited with ${code}: ${stderr.trim()}`));
      let newlines = 0;
      for (const b of readFileSync(heldOutPath)) if (b === 10) newlines++;
      resolve(ids + newlines);
    });
  });
}

/** spm_train's version line ("sentencepiece 0.1.97"). */
export function sentencePieceVersion(): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn("/usr/bin/spm_train", ["--version"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.on("error", () => resolve("not installed"));
    child.on("close", () => resolve(out.trim().split("\n")[0] || "unknown"));
  });
}
