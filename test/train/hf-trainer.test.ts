import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { BPE, byteLevelPreTokenizer, Tokenizer } from "tokenizers";
import { gpt2Pretokenizer, splitPieces } from "../../src/core/pretokenize/index.js";
import { seededRandom } from "../../src/core/random.js";
import { byteLevelCodePoint } from "../../src/train/alphabet.js";
import { trainBpe } from "../../src/train/bpe-trainer.js";
import { adversarialStrings } from "../support/adversarial.js";

/**
 * The Hugging Face BpeTrainer (the binding's default: vocab 30,000, min frequency 0, no initial
 * alphabet) on a byte-level GPT-2 pipeline learns exactly our merges when we use its
 * conventions: only the bytes seen, ties by smaller (left, right) id. Its trainer reads files
 * line by line, keeping the line ending, so we count pieces per line too.
 */

const byteLevel = (bytes: Uint8Array) => String.fromCodePoint(...Array.from(bytes, byteLevelCodePoint));

function lines(seed: number, n: number): string[] {
  const rnd = seededRandom(seed);
  const words = [
    "the",
    " cat",
    " sat",
    " on",
    " mat",
    ",",
    " 2024",
    " naïve",
    " 東京",
    " 😀",
    "  ",
    "\t",
    " the",
    "!",
  ];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let line = "";
    const len = 1 + Math.floor(rnd() * 12);
    for (let k = 0; k < len; k++) line += words[Math.floor(rnd() * words.length)];
    out.push(`${line}\n`);
  }
  for (const s of adversarialStrings(seed, 40)) out.push(`${s.replace(/\n/g, " ")}\n`);
  return out;
}

describe("trainBpe against the Hugging Face BpeTrainer", () => {
  for (const seed of [11, 12]) {
    test(`same merges, in order (seed ${seed})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "toklab-hftrain-"));
      try {
        const text = lines(seed, 400);
        const file = join(dir, "corpus.txt");
        writeFileSync(file, text.join(""));
        const hf = new Tokenizer(BPE.empty());
        hf.setPreTokenizer(byteLevelPreTokenizer(false, true));
        hf.train([file]);
        hf.save(join(dir, "tokenizer.json"));
        const model = JSON.parse(readFileSync(join(dir, "tokenizer.json"), "utf8")).model;
        const hfMerges: string[] = model.merges.map((m: string | string[]) =>
          Array.isArray(m) ? m.join(" ") : m,
        );

        // The same text as HF reads it: lines with their ending, valid UTF-8 (lone surrogates
        // were written as U+FFFD).
        const decoded = readFileSync(file, "utf8").split(/(?<=\n)/);
        const counts = new Map<string, number>();
        for (const line of decoded)
          for (const p of splitPieces(gpt2Pretokenizer, line)) counts.set(p, (counts.get(p) ?? 0) + 1);
        const ours = trainBpe(counts, { vocabSize: 30000, byteAlphabet: "seen", tieBreak: "id" });
        const ourMerges = ours.merges.map(
          ([a, b]) => `${byteLevel(ours.tokens[a])} ${byteLevel(ours.tokens[b])}`,
        );
        assert.ok(hfMerges.length > 100, `HF learned ${hfMerges.length} merges`);
        assert.equal(ourMerges.length, hfMerges.length);
        for (let i = 0; i < hfMerges.length; i++) assert.equal(ourMerges[i], hfMerges[i], `merge ${i}`);
        assert.equal(ours.tokens.length, Object.keys(model.vocab).length);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
