import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { BPE, byteLevelPreTokenizer, Tokenizer } from "tokenizers";
import { seededRandom } from "../../src/core/random.js";
import { adversarialStrings } from "../support/adversarial.js";

const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "toklab-train-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function toklab(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args], { input });
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

/** A generated corpus: repeated phrases (so merges and superwords form), numbers, other scripts. */
function corpus(seed: number, lines: number): string {
  const rnd = seededRandom(seed);
  const words = [
    "the",
    " court",
    " held",
    " that",
    " of",
    " the",
    " United",
    " States",
    ",",
    " 1999",
    " naïve",
    " 東京",
    " 😀",
    " by",
    " the",
    " way",
    ":",
    " ",
  ];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    let line = "";
    const n = 2 + Math.floor(rnd() * 14);
    for (let k = 0; k < n; k++) line += words[Math.floor(rnd() * words.length)];
    out.push(line);
  }
  for (const s of adversarialStrings(seed, 30)) out.push(s.replace(/[\r\n\u2028\u2029\u0085]/g, " "));
  return `${out.join("\n")}\n`;
}

const file = join(dir, "corpus.txt");
writeFileSync(file, corpus(1, 3000));
const probe = [...adversarialStrings(5, 40), "the court held that of the United States, 1999"];

describe("toklab train (machine contract)", () => {
  test("--preset gpt2 --out DIR --quiet writes a tokenizer.json the HF binding encodes identically", async () => {
    const out = join(dir, "gpt2");
    const r = toklab([
      "train",
      "--input",
      file,
      "--vocab-size",
      "600",
      "--preset",
      "gpt2",
      "--out",
      out,
      "--quiet",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "", "--quiet prints nothing");
    const json = JSON.parse(readFileSync(join(out, "tokenizer.json"), "utf8"));
    assert.deepEqual(json.pre_tokenizer, {
      type: "ByteLevel",
      add_prefix_space: false,
      trim_offsets: true,
      use_regex: true,
    });
    assert.equal(json.model.type, "BPE");
    const hf = Tokenizer.fromFile(join(out, "tokenizer.json"));
    assert.equal(hf.getVocabSize(true), 600);
    const enc = toklab(
      ["encode", "-t", join(out, "tokenizer.json"), "--jsonl"],
      `${probe.map((t) => JSON.stringify(t)).join("\n")}\n`,
    );
    assert.equal(enc.code, 0, enc.stderr);
    const ours = enc.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    for (const [i, text] of probe.entries()) {
      const theirs = (await hf.encode(text, null, { addSpecialTokens: false })).getIds();
      assert.deepEqual(ours[i], theirs, JSON.stringify(text));
    }
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    assert.match(manifest.corpusSha256, /^[0-9a-f]{64}$/);
    assert.equal(
      manifest.toklabVersion,
      JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version,
    );
  });

  test("--hf-compat reproduces the Hugging Face BpeTrainer's vocabulary and merges exactly", () => {
    const out = join(dir, "hfcompat");
    const r = toklab([
      "train",
      "--input",
      file,
      "--vocab-size",
      "30000",
      "--preset",
      "gpt2",
      "--hf-compat",
      "--out",
      out,
      "--quiet",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const hf = new Tokenizer(BPE.empty());
    hf.setPreTokenizer(byteLevelPreTokenizer(false, true));
    hf.train([file]);
    hf.save(join(dir, "hf.json"));
    const theirs = JSON.parse(readFileSync(join(dir, "hf.json"), "utf8")).model;
    const ours = JSON.parse(readFileSync(join(out, "tokenizer.json"), "utf8")).model;
    assert.ok(theirs.merges.length > 500);
    assert.deepEqual(ours.merges, theirs.merges);
    assert.deepEqual(ours.vocab, theirs.vocab);
  });

  test("the same run twice writes byte-identical files (deterministic)", () => {
    const a = join(dir, "det-a");
    const b = join(dir, "det-b");
    for (const out of [a, b]) {
      assert.equal(
        toklab([
          "train",
          "--input",
          file,
          "--vocab-size",
          "500",
          "--preset",
          "o200k",
          "--numbers",
          "rtl3",
          "--workers",
          "2",
          "--out",
          out,
          "--quiet",
        ]).code,
        0,
      );
    }
    for (const f of ["tokenizer.json", "tokenizer.tiktoken", "vocab.json", "merges.txt"]) {
      assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f);
    }
    // The manifests differ only in the command line (its --out).
    const manifest = (d: string) => {
      const m = JSON.parse(readFileSync(join(d, "manifest.json"), "utf8"));
      delete m.extras.command;
      return m;
    };
    assert.deepEqual(manifest(a), manifest(b));
  });
});

describe("toklab train: algorithms", () => {
  test("--algo superbpe learns tokens that cross spaces, none over 4 words", () => {
    const out = join(dir, "superbpe");
    const r = toklab([
      "train",
      "--input",
      file,
      "--vocab-size",
      "700",
      "--algo",
      "superbpe",
      "--transition",
      "500",
      "--out",
      out,
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).vocab_size, 700);
    const vocab: Record<string, number> = JSON.parse(readFileSync(join(out, "vocab.json"), "utf8"));
    const superwords = Object.keys(vocab).filter((t) => /[^Ġ]Ġ[^Ġ]/.test(t));
    assert.ok(superwords.length > 0, "some token spans a space inside it");
    for (const t of Object.keys(vocab)) assert.ok(t.split("Ġ").filter((w) => w !== "").length <= 4, t);
    // Stage 1 counted inside the stage-2 pieces: the written tokenizer can produce every token
    // (the corpus has " 1999", which GPT-2 pieces alone would teach as one token).
    const audit = toklab(["audit", "-t", join(out, "tokenizer.json"), "--json"]);
    assert.equal(audit.code, 0, audit.stderr);
    assert.equal(JSON.parse(audit.stdout).pretokenizer_unreachable, 0);
  });

  test("every written variant's tokens are reachable through its own pre-tokenizer (the audit counts 0)", () => {
    for (const [name, args] of [
      ["audit-char", ["--algo", "char"]],
      // Not o200k here: its pattern cuts "🏳️‍🌈" alone in two ("🏳️" takes VS16 as a mark), so the
      // audit, which cuts each token's text alone, flags a token that " 🏳️‍🌈" does produce.
      ["audit-rtl3", ["--preset", "gpt2", "--numbers", "rtl3"]],
      ["audit-ltr3", ["--preset", "cl100k", "--numbers", "ltr3"]],
      ["audit-kl3m", ["--kl3m-reserved", "--uncased"]],
    ] as const) {
      const out = join(dir, name);
      const r = toklab(["train", "--input", file, "--vocab-size", "700", ...args, "--out", out, "--quiet"]);
      assert.equal(r.code, 0, r.stderr);
      const audit = toklab(["audit", "-t", join(out, "tokenizer.json"), "--json"]);
      assert.equal(audit.code, 0, audit.stderr);
      assert.equal(JSON.parse(audit.stdout).pretokenizer_unreachable, 0, name);
    }
  });

  test("--algo char: KL3M character tokenizer (control tokens first, no token over 3 characters)", async () => {
    const out = join(dir, "char");
    const r = toklab([
      "train",
      "--input",
      file,
      "--vocab-size",
      "500",
      "--algo",
      "char",
      "--out",
      out,
      "--quiet",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(readFileSync(join(out, "tokenizer.json"), "utf8"));
    assert.equal(json.added_tokens[0].content, "<|start|>");
    assert.equal(json.added_tokens[0].id, 0);
    const hf = Tokenizer.fromFile(join(out, "tokenizer.json"));
    assert.equal(hf.getVocabSize(true), 500);
    // Every token's text is at most 3 characters: decode each id alone through the binding.
    let longest = 0;
    for (let id = 13; id < 500; id++) {
      const text = await hf.decode([id], false);
      if (!text.includes("\ufffd")) longest = Math.max(longest, [...text].length);
    }
    assert.equal(longest, 3);
  });

  test("--algo parity with --lang/--dev narrows the spread against plain BPE", () => {
    const rnd = seededRandom(9);
    const langs: Record<string, string[]> = {
      en: ["the", " cat", " sat", " on", " mat", " and", " dog"],
      xx: ["ŋaŋa", " ŋoŋo", " ɓiɓi", " ɗuɗu", " ŋe", " ɓa"],
    };
    const write = (name: string, words: string[], lines: number) => {
      const text: string[] = [];
      for (let i = 0; i < lines; i++) {
        let l = "";
        for (let k = 0; k < 8; k++) l += words[Math.floor(rnd() * words.length)];
        text.push(l);
      }
      writeFileSync(join(dir, name), `${text.join("\n")}\n`);
      return join(dir, name);
    };
    const en = write("en.txt", langs.en, 2000);
    const xx = write("xx.txt", langs.xx, 100);
    const enDev = write("en-dev.txt", langs.en, 50);
    const xxDev = write("xx-dev.txt", langs.xx, 50);
    const out = join(dir, "parity");
    const r = toklab([
      "train",
      "--algo",
      "parity",
      "--lang",
      `en=${en}`,
      "--lang",
      `xx=${xx}`,
      "--dev",
      `en=${enDev}`,
      "--dev",
      `xx=${xxDev}`,
      "--vocab-size",
      "290",
      "--out",
      out,
      "--quiet",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const plain = join(dir, "plain");
    assert.equal(
      toklab(["train", "--input", en, xx, "--vocab-size", "290", "--out", plain, "--quiet"]).code,
      0,
    );
    const count = (tok: string, path: string) => {
      const lines = readFileSync(path, "utf8").split("\n").filter(Boolean);
      const e = toklab(
        ["encode", "-t", join(tok, "tokenizer.json"), "--jsonl"],
        `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`,
      );
      return e.stdout
        .trim()
        .split("\n")
        .reduce((n, l) => n + JSON.parse(l).length, 0);
    };
    const ratio = (tok: string) => count(tok, xxDev) / count(tok, enDev);
    assert.ok(ratio(out) < ratio(plain), `parity ${ratio(out)} vs plain ${ratio(plain)}`);
  });

  test("--algo parity without --dev balances on the UDHR, says so, and names unknown languages", () => {
    const rnd = seededRandom(4);
    const write = (name: string, words: string[], lines: number) => {
      const text: string[] = [];
      for (let i = 0; i < lines; i++) {
        let l = "";
        for (let k = 0; k < 8; k++) l += words[Math.floor(rnd() * words.length)];
        text.push(l);
      }
      writeFileSync(join(dir, name), `${text.join("\n")}\n`);
      return join(dir, name);
    };
    // Words of the declaration's first article, English with 20 times more text.
    const en = write(
      "udhr-en.txt",
      [" all", " human", " beings", " are", " born", " free", " and", " equal"],
      2000,
    );
    const ru = write("udhr-ru.txt", [" все", " люди", " рождаются", " свободными", " и", " равными"], 100);
    const out = join(dir, "parity-udhr");
    const r = toklab([
      "train",
      "--algo",
      "parity",
      "--lang",
      `en=${en}`,
      "--lang",
      `ru=${ru}`,
      "--vocab-size",
      "300",
      "--out",
      out,
      "--quiet",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /no --dev: the UDHR \(eng, rus\) is the parallel dev set.*not held-out/);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    assert.equal(JSON.stringify(manifest).includes('"dev":"udhr:eng,rus"'), true);
    const plain = join(dir, "plain-udhr");
    assert.equal(
      toklab(["train", "--input", en, ru, "--vocab-size", "300", "--out", plain, "--quiet"]).code,
      0,
    );
    // Measured on the dev set itself (the UDHR), as a user would: not held-out, but the property
    // the default must not make worse.
    const premium = (tok: string) => {
      const p = toklab(["parity", "-t", join(tok, "tokenizer.json"), "--json"]);
      assert.equal(p.code, 0, p.stderr);
      return JSON.parse(p.stdout).premiums.rus as number;
    };
    assert.ok(premium(out) < premium(plain), `parity ${premium(out)} vs plain ${premium(plain)}`);

    const xx = ["--lang", `en=${en}`, "--lang", `xx=${ru}`, "--out", join(dir, "parity-xx")];
    const bad = toklab(["train", "--algo", "parity", ...xx, "--vocab-size", "300", "--quiet"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no complete UDHR translation for xx; give --dev CODE=PATH/);
  });

  test("--parity-mode ratio takes --ratio CODE=R, and warns without it", () => {
    const en = join(dir, "udhr-en.txt");
    const ru = join(dir, "udhr-ru.txt");
    if (!existsSync(en)) writeFileSync(en, " all human beings are born free\n".repeat(200));
    if (!existsSync(ru)) writeFileSync(ru, " все люди рождаются свободными\n".repeat(20));
    const run = (name: string, extra: string[]) =>
      toklab(
        [
          "train",
          "--algo",
          "parity",
          "--lang",
          `en=${en}`,
          "--lang",
          `ru=${ru}`,
          "--vocab-size",
          "290",
        ].concat(extra, ["--out", join(dir, name), "--quiet"]),
      );
    const given = run("ratio-given", ["--parity-mode", "ratio", "--ratio", "en=1", "--ratio", "ru=2"]);
    assert.equal(given.code, 0, given.stderr);
    assert.doesNotMatch(given.stderr, /warning/);
    const manifest = readFileSync(join(dir, "ratio-given", "manifest.json"), "utf8");
    assert.match(manifest.replace(/\s/g, ""), /"ratios":\{"en":1,"ru":2\}/);
    const plain = run("ratio-plain", ["--parity-mode", "ratio"]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stderr, /without --ratio: every language's ratio is 1/);
    assert.equal(run("ratio-base", ["--ratio", "ru=2"]).code, 2);
    assert.match(
      run("ratio-bad", ["--parity-mode", "ratio", "--ratio", "ru=0"]).stderr,
      /ru=0: expected a positive number/,
    );
  });

  test("--extend r50k_base keeps its ids and adds domain tokens", () => {
    const domain = join(dir, "domain.txt");
    writeFileSync(domain, " pseudoephedrine acetaminophen\n".repeat(200));
    const out = join(dir, "extended");
    const r = toklab([
      "train",
      "--extend",
      "r50k_base",
      "--input",
      domain,
      "--vocab-size",
      "50262",
      "--out",
      out,
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const vocab: Record<string, number> = JSON.parse(readFileSync(join(out, "vocab.json"), "utf8"));
    assert.equal(vocab.hello, 31373); // an r50k id, unchanged
    assert.equal(Object.keys(vocab).length, 50262); // <|endoftext|> included, at its r50k id
    assert.equal(vocab["<|endoftext|>"], 50256);
    const enc = toklab(
      ["encode", "-t", join(out, "tokenizer.json"), "--jsonl"],
      `${JSON.stringify(" pseudoephedrine acetaminophen")}\n`,
    );
    assert.ok(JSON.parse(enc.stdout).length < 8, enc.stdout);
  });
});

describe("toklab train: bad input", () => {
  test("missing or wrong arguments exit 2; unreadable input exits 1; nothing is written", () => {
    const out = join(dir, "bad");
    assert.equal(toklab(["train", "--vocab-size", "300", "--out", out]).code, 2);
    assert.equal(toklab(["train", "--input", file, "--out", out]).code, 2);
    assert.equal(toklab(["train", "--input", file, "--vocab-size", "x", "--out", out]).code, 2);
    assert.equal(
      toklab(["train", "--input", file, "--vocab-size", "300", "--preset", "gpt5", "--out", out]).code,
      2,
    );
    const missing = toklab(["train", "--input", join(dir, "nope.txt"), "--vocab-size", "300", "--out", out]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope\.txt/);
    const small = toklab(["train", "--input", file, "--vocab-size", "100", "--out", out]);
    assert.equal(small.code, 1);
    assert.match(small.stderr, /smaller than the fixed part/);
    assert.throws(() => readFileSync(join(out, "tokenizer.json")));
  });
});

describe("toklab train: uncased KL3M domain tokenizer", () => {
  test("--uncased --kl3m-reserved: lowercases, keeps reserved tokens whole, and HF agrees", async () => {
    const legal = join(dir, "legal.txt");
    writeFileSync(
      legal,
      "The Court held that 15 U.S.C. § 78j(b) applies.\n    Indented (a) clause of 1999.\n".repeat(100),
    );
    const out = join(dir, "uncased");
    const r = toklab([
      "train",
      "--input",
      legal,
      "--vocab-size",
      "1000",
      "--kl3m-reserved",
      "--uncased",
      "--out",
      out,
      "--quiet",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(readFileSync(join(out, "tokenizer.json"), "utf8"));
    assert.deepEqual(json.normalizer, { type: "Lowercase" });
    const usc = json.added_tokens.find((t: { content: string }) => t.content === "u.s.c.");
    assert.ok(usc && usc.normalized === true && usc.special === false);
    const hf = Tokenizer.fromFile(join(out, "tokenizer.json"));
    const text = "THE COURT: 15 U.S.C. § 78j(b), in 1999.";
    const theirs = (await hf.encode(text, null, { addSpecialTokens: false })).getIds();
    const enc = toklab(["encode", "-t", join(out, "tokenizer.json"), "--jsonl"], `${JSON.stringify(text)}\n`);
    assert.deepEqual(JSON.parse(enc.stdout), theirs);
    assert.ok(theirs.includes(usc.id), "U.S.C. is one reserved token after lowercasing");
  });
});

test("train on a corpus too small for the vocabulary: a warning with the size reached, the files, the JSON's requested size", () => {
  const input = join(dir, "too-small.txt");
  writeFileSync(input, "low lower lowest\n".repeat(20));
  const out = join(dir, "too-small");
  const r = toklab(["train", "--input", input, "--vocab-size", "30000", "--out", out, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as { vocab_size: number; requested_vocab_size: number };
  assert.equal(summary.requested_vocab_size, 30000);
  assert.ok(summary.vocab_size > 256 && summary.vocab_size < 300, String(summary.vocab_size));
  const tokens = Object.keys(
    JSON.parse(readFileSync(join(out, "tokenizer.json"), "utf8")).model.vocab,
  ).length;
  assert.equal(tokens, summary.vocab_size);
  assert.ok(
    r.stderr.includes(
      `warning: the vocabulary has ${summary.vocab_size} tokens, not the 30,000 asked for: the corpus has no more pairs to merge`,
    ),
    r.stderr,
  );
  // Reaching the size asked for is not worth a warning.
  const exact = toklab([
    "train",
    "--input",
    input,
    "--vocab-size",
    "258",
    "--out",
    join(dir, "exact"),
    "--json",
  ]);
  assert.equal(exact.code, 0, exact.stderr);
  assert.doesNotMatch(exact.stderr, /warning/);
});
