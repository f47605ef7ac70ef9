/**
 * The table of pretokenizer presets: names and aliases resolve, the built-in encodings agree
 * with it, and every user (encodings, the tokenizer.json Split fast path) gets the table's
 * scanner. That each scanner cuts like its pattern is scanners.test.ts (vs the RegExp path),
 * tiktoken.test.ts (vs tiktoken) and test/core/hf-pretokenize (vs the binding's Split).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { scannerForSplitPattern } from "../../../src/core/hf-pretokenize/scanners.js";
import {
  findPretokenizerPreset,
  nextScriptPiece,
  nextSuperwordPiece,
  PRETOKENIZER_PRESET_NAMES,
  PRETOKENIZER_PRESETS,
  pretokenizerForPattern,
  pretokenizerPreset,
  pretokenizerPresetChoices,
  QWEN2_PATTERN,
} from "../../../src/core/pretokenize/index.js";
import { BUILTIN_ENCODINGS } from "../../../src/encodings/registry.js";
import { PRE_TOKENIZER_CONFIGS } from "../../support/hf/pretokenizer-configs.js";

describe("pretokenizer presets: names", () => {
  test("the canonical names, in help order", () => {
    assert.deepEqual(PRETOKENIZER_PRESET_NAMES, [
      "gpt2",
      "cl100k",
      "o200k",
      "qwen2",
      "none",
      "superword",
      "script",
    ]);
  });

  test("every name and every alias resolves to its own entry; no name is used twice", () => {
    const seen = new Set<string>();
    for (const p of PRETOKENIZER_PRESETS) {
      for (const key of [p.name, ...p.aliases]) {
        assert.ok(!seen.has(key), `${key} twice`);
        seen.add(key);
        assert.equal(pretokenizerPreset(key), p, key);
        assert.equal(findPretokenizerPreset(key), p, key);
      }
    }
    assert.equal(pretokenizerPreset("o200k_base").name, "o200k");
    assert.equal(pretokenizerPreset("llama3").name, "cl100k");
    assert.equal(pretokenizerPreset("qwen3").name, "qwen2");
    assert.equal(pretokenizerPreset("p50k_edit").name, "gpt2");
  });

  test("an unknown name throws an error listing every name and alias", () => {
    assert.equal(findPretokenizerPreset("bert"), undefined);
    assert.equal(findPretokenizerPreset("O200K"), undefined, "names are exact");
    assert.throws(
      () => pretokenizerPreset("bert"),
      (e: unknown) => {
        const m = (e as Error).message;
        assert.match(
          m,
          /^unknown pretokenizer preset "bert" \(one of gpt2, cl100k, o200k, qwen2, none, superword, script/,
        );
        for (const p of PRETOKENIZER_PRESETS)
          for (const key of [p.name, ...p.aliases]) assert.ok(m.includes(key), key);
        return true;
      },
    );
    assert.equal(
      pretokenizerPresetChoices(),
      "gpt2, cl100k, o200k, qwen2, none, superword, script (aliases: r50k_base, p50k_base, p50k_edit, " +
        "cl100k_base, llama3, o200k_base, o200k_harmony, qwen3)",
    );
  });

  test("every built-in encoding is a name or alias of the preset with its exact pattern", () => {
    for (const [name, info] of BUILTIN_ENCODINGS) {
      const p = findPretokenizerPreset(name);
      assert.ok(p !== undefined, `${name} is no preset's name or alias`);
      assert.equal(p.tiktokenPattern, info.pattern, name);
    }
    // And the other way round: an alias that looks like an encoding is one.
    for (const p of PRETOKENIZER_PRESETS) {
      for (const alias of p.aliases.filter((a) => a.includes("_"))) {
        assert.ok(BUILTIN_ENCODINGS.has(alias), `${alias} is not a built-in encoding`);
      }
    }
  });
});

describe("pretokenizer presets: what each entry holds", () => {
  test("regex presets: the tokenizer.json Split regex is the tiktoken pattern, verbatim", () => {
    for (const p of PRETOKENIZER_PRESETS) {
      if (p.splitPattern !== null) assert.equal(p.splitPattern, p.tiktokenPattern, p.name);
    }
    assert.equal(pretokenizerPreset("qwen2").splitPattern, QWEN2_PATTERN);
    // Qwen2's differs from cl100k's only in single digits.
    assert.equal(QWEN2_PATTERN, pretokenizerPreset("cl100k").splitPattern?.replace("\\p{N}{1,3}", "\\p{N}"));
  });

  test("no single regex for script and superword; no tokenizer.json form for script", () => {
    const nulls = PRETOKENIZER_PRESETS.map((p) => [
      p.name,
      p.tiktokenPattern === null,
      p.hfPreTokenizer === null,
    ]);
    assert.deepEqual(nulls, [
      ["gpt2", false, false],
      ["cl100k", false, false],
      ["o200k", false, false],
      ["qwen2", false, false],
      ["none", false, false],
      ["superword", true, false],
      ["script", true, true],
    ]);
    assert.equal(pretokenizerPreset("script").next, nextScriptPiece);
    assert.equal(pretokenizerPreset("superword").next, nextSuperwordPiece);
  });

  test("each tokenizer.json form ends with the one ByteLevel step that writes the byte alphabet", () => {
    for (const p of PRETOKENIZER_PRESETS) {
      if (p.hfPreTokenizer === null) continue;
      const types = p.hfPreTokenizer.map((s) => s.type);
      assert.equal(types.at(-1), "ByteLevel", p.name);
      assert.equal(types.filter((t) => t === "ByteLevel").length, 1, p.name);
      // Only gpt2 relies on ByteLevel's own regex; the others cut before it.
      assert.equal(p.hfPreTokenizer.at(-1)?.use_regex, p.name === "gpt2", p.name);
    }
  });

  test("the table cannot be changed through what it hands out", () => {
    const p = pretokenizerPreset("o200k");
    assert.ok(Object.isFrozen(PRETOKENIZER_PRESETS) && Object.isFrozen(p) && Object.isFrozen(p.aliases));
    assert.ok(Object.isFrozen(p.hfPreTokenizer) && Object.isFrozen(p.hfPreTokenizer?.[0]));
    assert.throws(() => {
      (p.hfPreTokenizer?.[0] as { behavior: string }).behavior = "Removed";
    }, TypeError);
  });
});

describe("pretokenizer presets: every user reads the table", () => {
  test("an encoding's pattern gets the table's scanner, named after the preset", () => {
    for (const p of PRETOKENIZER_PRESETS) {
      if (p.tiktokenPattern === null) continue;
      const pre = pretokenizerForPattern(p.tiktokenPattern, "mine");
      assert.equal(pre.next, p.next, p.name);
      assert.equal(pre.name, p.name);
      assert.equal(pre.pattern, p.tiktokenPattern);
    }
    const other = pretokenizerForPattern("\\p{L}+|\\P{L}+", "mine");
    assert.equal(other.name, "mine", "a pattern of no preset runs as a RegExp");
  });

  test("a tokenizer.json Split regex gets the table's scanner", () => {
    for (const p of PRETOKENIZER_PRESETS) {
      if (p.splitPattern !== null) assert.equal(scannerForSplitPattern(p.splitPattern), p.next, p.name);
    }
    assert.equal(scannerForSplitPattern("\\p{N}{1,3}"), undefined);
  });

  test("every Split regex of the table is in the differential tests against the binding", () => {
    const tested = new Set<unknown>();
    for (const [, json] of PRE_TOKENIZER_CONFIGS) {
      const j = json as { type?: string; behavior?: string; pattern?: { Regex?: string } };
      if (j.type === "Split" && j.behavior === "Isolated") tested.add(j.pattern?.Regex);
    }
    for (const p of PRETOKENIZER_PRESETS) {
      if (p.splitPattern !== null) assert.ok(tested.has(p.splitPattern), `${p.name}'s Split is not tested`);
    }
  });
});
