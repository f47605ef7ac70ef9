import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { MODEL_NAMES, modelsOfEncoding } from "../../src/encodings/models.js";
import { encodingNameForModel, listEncodings, UnknownModelError } from "../../src/encodings/spec.js";
import { ROOT } from "../support/paths.js";

describe("model → encoding", () => {
  it("agrees with every entry of tiktoken's model_to_encoding.json", () => {
    const table: Record<string, string> = JSON.parse(
      readFileSync(join(ROOT, "node_modules/tiktoken/model_to_encoding.json"), "utf8"),
    );
    assert.ok(Object.keys(table).length > 100);
    for (const [model, encoding] of Object.entries(table)) {
      assert.equal(encodingNameForModel(model), encoding, model);
    }
  });

  const cases: Array<[string, string]> = [
    ["gpt-4o", "o200k_base"],
    ["gpt-4o-2030-01-01", "o200k_base"],
    ["chatgpt-4o-latest", "o200k_base"],
    ["o1", "o200k_base"],
    ["o1-mini", "o200k_base"],
    ["o3-pro", "o200k_base"],
    ["o4-mini-deep-research", "o200k_base"],
    ["gpt-4.1-nano", "o200k_base"],
    ["gpt-4.5-preview", "o200k_base"],
    ["gpt-5", "o200k_base"],
    ["gpt-5.1-codex", "o200k_base"],
    ["gpt-oss-20b", "o200k_harmony"],
    ["gpt-oss-120b", "o200k_harmony"],
    ["gpt-oss", "o200k_harmony"],
    ["gpt-4", "cl100k_base"],
    ["gpt-4-32k-0613", "cl100k_base"],
    ["gpt-3.5", "cl100k_base"],
    ["gpt-3.5-turbo-16k", "cl100k_base"],
    ["gpt-35-turbo-16k", "cl100k_base"],
    ["text-embedding-3-large", "cl100k_base"],
    ["ft:gpt-4o-mini-2024-07-18:org::abc", "o200k_base"],
    ["ft:gpt-4-0613:org::abc", "cl100k_base"],
    ["ft:gpt-3.5-turbo-0125:org::abc", "cl100k_base"],
    ["ft:davinci-002:org::abc", "cl100k_base"],
    ["text-davinci-003", "p50k_base"],
    ["code-davinci-edit-001", "p50k_edit"],
    ["davinci", "r50k_base"],
    ["gpt2", "gpt2"],
    ["gpt-2", "gpt2"],
  ];
  for (const [model, encoding] of cases) {
    it(`${model} → ${encoding}`, () => assert.equal(encodingNameForModel(model), encoding));
  }

  it("maps only to built-in encodings", () => {
    for (const [, encoding] of cases) assert.ok(listEncodings().includes(encoding));
  });

  it("throws UnknownModelError listing the encodings for an unknown model", () => {
    for (const model of ["llama-3", "", "GPT-4o", "davinci-003x"]) {
      // "davinci-003x" is no exact name and tiktoken has no "davinci" prefix rule.
      assert.throws(
        () => encodingNameForModel(model),
        (error: unknown) => {
          assert.ok(error instanceof UnknownModelError);
          assert.deepEqual(error.available, listEncodings());
          assert.match(error.message, /o200k_base/);
          return true;
        },
        model,
      );
    }
  });
});

describe("the models of each encoding", () => {
  it("every exact name and prefix maps back to the encoding that lists it", () => {
    let names = 0;
    for (const encoding of listEncodings()) {
      const models = modelsOfEncoding(encoding);
      for (const m of models.names) assert.equal(encodingNameForModel(m), encoding, m);
      for (const p of models.prefixes) assert.equal(encodingNameForModel(`${p}x`), encoding, p);
      names += models.names.length;
    }
    assert.equal(names, MODEL_NAMES.length);
    assert.deepEqual(modelsOfEncoding("o200k_harmony"), { names: ["gpt-oss"], prefixes: ["gpt-oss-"] });
    assert.ok(modelsOfEncoding("o200k_base").names.includes("gpt-4o"));
  });
});
