/**
 * A GGUF written from a byte-level BPE tokenizer.json (as llama.cpp's converter writes it) runs
 * as that tokenizer.json does on ordinary text: llama.cpp's tokenizer tests hold it to the
 * Hugging Face tokenizer there, so a difference here would be toklab's. Only 46 reference
 * texts per vocabulary come from llama.cpp itself (llama-cpp.test.ts); these are many more.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseGgufTokenizer } from "../../../src/formats/gguf/index.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { adversarialStrings, toWellFormed } from "../../support/adversarial.js";
import { ggufFromTokenizerJson } from "../../support/gguf/from-tokenizer-json.js";
import { lenmlModelDir, ROOT } from "../../support/paths.js";

const texts: string[] = [];
for (const name of ["prose.txt", "code.txt", "multilingual.txt", "multilingual-scripts.txt"]) {
  texts.push(
    ...readFileSync(join(ROOT, "test", "fixtures", name), "utf8")
      .split("\n")
      .filter((t) => t !== ""),
  );
}
// Seeded strings of mixed scripts, digits, whitespace runs and punctuation, well-formed as
// llama.cpp's UTF-8 input is.
texts.push(...adversarialStrings(38, 300).map(toWellFormed));

/** The texts on which the GGUF (given `prepare(text)`) and the tokenizer.json (given `text`) differ. */
function differing(
  model: string,
  pre: string,
  bos: number,
  eos: number,
  prepares: ((t: string) => string)[],
): string[][] {
  const path = join(lenmlModelDir(model), "tokenizer.json");
  const gguf = parseGgufTokenizer(ggufFromTokenizerJson(path, { pre, bos, eos }));
  const hf = loadTokenizerJson(readFileSync(path, "utf8"));
  return prepares.map((prepare) =>
    texts
      .filter((text) => {
        const a = gguf.encode(prepare(text), { disallowedSpecial: [] });
        const b = hf.encode(text, { disallowedSpecial: [] });
        return a.join(" ") !== b.join(" ");
      })
      .map((text) => JSON.stringify(text)),
  );
}

describe("GGUF from a tokenizer.json encodes as the tokenizer.json", () => {
  it("llama3 (pre llama-bpe): every text the same", () => {
    assert.ok(texts.length > 350, `${texts.length} texts`);
    assert.deepEqual(differing("llama3", "llama-bpe", 128000, 128001, [(t) => t]), [[]]);
  });

  it("qwen3 (pre qwen2): the same once the text is NFC, which llama.cpp does not apply", () => {
    // Qwen's tokenizer.json normalizes to NFC; a GGUF has no normalizer and llama.cpp applies
    // none, so decomposed accents differ (docs/decisions/0038).
    const [nfc, raw] = differing("qwen3", "qwen2", 151643, 151645, [(t) => t.normalize("NFC"), (t) => t]);
    assert.deepEqual(nfc, []);
    assert.ok(raw.length > 0);
  });
});
