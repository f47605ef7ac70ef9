/**
 * SentencePiece models with every option toklab reads, trained by Debian's `spm_train` and
 * compared with `spm_encode` / `spm_decode` (the C++ library itself): user-defined and control
 * symbols, byte fallback in BPE and Unigram, a suffix space, kept whitespace, digit splitting,
 * other normalization rules, word and char models. CI installs the `sentencepiece` package
 * (.ci/run) and fails here without it; elsewhere the tests are skipped when it is missing.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parseSentencePieceModel } from "../../../src/formats/sentencepiece/tokenizer.js";
import { adversarialStrings, toWellFormed } from "../../support/adversarial.js";
import { textFixtures } from "../../support/fixtures.js";

function available(): boolean {
  return spawnSync("spm_encode", ["--help"]).error === undefined;
}

const HAVE_SPM = available();
const skip = HAVE_SPM ? false : "Debian's sentencepiece (spm_train, spm_encode) is not installed";

test("spm_train and spm_encode are installed where CI runs", () => {
  if (process.env.CI) assert.ok(HAVE_SPM, "CI must install the sentencepiece package (.ci/run)");
});

const CONFIGS: Record<string, string[]> = {
  "bpe, byte fallback, user-defined and control symbols, split digits": [
    "--model_type=bpe",
    "--byte_fallback=true",
    "--user_defined_symbols=<br>,foo,a b",
    "--control_symbols=<ctl>",
    "--split_digits=true",
  ],
  "bpe, identity normalizer, whitespace kept, whitespace-only pieces": [
    "--model_type=bpe",
    "--normalization_rule_name=identity",
    "--remove_extra_whitespaces=false",
    "--allow_whitespace_only_pieces=true",
  ],
  "unigram, byte fallback, user-defined symbols, suffix space": [
    "--model_type=unigram",
    "--byte_fallback=true",
    "--user_defined_symbols=<br>,foo",
    "--treat_whitespace_as_suffix=true",
  ],
  "unigram, nfkc_cf, whitespace kept": [
    "--model_type=unigram",
    "--normalization_rule_name=nfkc_cf",
    "--remove_extra_whitespaces=false",
  ],
  "unigram, no dummy prefix": ["--model_type=unigram", "--add_dummy_prefix=false"],
  word: ["--model_type=word"],
  "char, no dummy prefix": ["--model_type=char", "--add_dummy_prefix=false"],
};

const dir = HAVE_SPM ? mkdtempSync(join(tmpdir(), "toklab-spm-")) : "";
after(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

/** One line per text, as spm_encode reads them: texts with a line break are cut into lines. */
function texts(): string[] {
  const all = [
    "  Hello <br> foo 123   world  ",
    "a b a  b <ctl> <s> </s> <unk> ▁ x▁ ▁▁y",
    "ＡＢＣ ① ﬁ ½ e\u0301 a\u0300\u0301\u0302 ß ẞ İ",
    "emoji 🤖🎉👨‍👩‍👧‍👦 日本語 한국어 العربية",
    "\t tab  and\u3000ideographic\u00a0space ",
    ...[...textFixtures().values()].flatMap((c) => c.split("\n")),
    ...adversarialStrings(15, 300).map(toWellFormed),
  ];
  // NUL ends a C string somewhere in spm_encode's reading; \r is left alone by its getline.
  return all.flatMap((t) => t.split("\n")).filter((t) => !t.includes("\0"));
}

function run(command: string, args: string[], input: string): string[] {
  const out = execFileSync(command, args, { input, maxBuffer: 64 * 1024 * 1024 }).toString();
  const lines = out.split("\n");
  lines.pop();
  return lines;
}

const corpus = HAVE_SPM ? join(dir, "corpus.txt") : "";
if (HAVE_SPM) writeFileSync(corpus, [...textFixtures().values()].join("\n"));

for (const [name, options] of Object.entries(CONFIGS)) {
  test(`${name}: ids and decoded text identical to spm_encode / spm_decode`, { skip }, () => {
    const prefix = join(dir, name.replace(/[^a-z]+/g, "_"));
    execFileSync("spm_train", [
      `--input=${corpus}`,
      `--model_prefix=${prefix}`,
      "--vocab_size=1200",
      "--hard_vocab_limit=false",
      "--character_coverage=0.995",
      "--minloglevel=2",
      "--num_threads=1",
      ...options,
    ]);
    const model = `${prefix}.model`;
    const tok = parseSentencePieceModel(readFileSync(model));
    const lines = texts();
    const ids = run("spm_encode", [`--model=${model}`, "--output_format=id"], `${lines.join("\n")}\n`);
    assert.equal(ids.length, lines.length);
    const mismatches: string[] = [];
    const ours = lines.map((t) => tok.encode(t, { disallowedSpecial: [] }));
    lines.forEach((t, i) => {
      const theirs = ids[i] === "" ? [] : ids[i].split(" ").map(Number);
      if (JSON.stringify(ours[i]) !== JSON.stringify(theirs)) {
        mismatches.push(`encode ${JSON.stringify(t)}: ${ours[i]} vs ${theirs}`);
      }
    });
    const decoded = run("spm_decode", [`--model=${model}`, "--input_format=id"], `${ids.join("\n")}\n`);
    lines.forEach((t, i) => {
      const text = tok.decode(ours[i]);
      if (text !== decoded[i] && !text.includes("\n")) {
        mismatches.push(
          `decode ${JSON.stringify(t)}: ${JSON.stringify(text)} vs ${JSON.stringify(decoded[i])}`,
        );
      }
    });
    assert.ok(lines.length > 400);
    assert.equal(mismatches.length, 0, `${mismatches.length} differ:\n${mismatches.slice(0, 5).join("\n")}`);
  });
}
