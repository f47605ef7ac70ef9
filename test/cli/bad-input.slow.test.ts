/**
 * The catalogue of bad inputs: one row per way a user or a file can be wrong, with the exit code
 * and the message it must give, and the files that must not be left behind. Exit 2 is a usage
 * error (fix the command line), exit 1 an input that cannot be used (fix the file); messages go
 * to stderr, nothing half-written stays on disk (README, "Errors").
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { inBatches, toklab } from "../support/cli.js";
import { byteLevelBpeJson } from "../support/hf/byte-level.js";
import { scratchDir } from "../support/train/output.js";

const dir = scratchDir();
const secret = join(dir, "secret.txt");
writeFileSync(secret, "root:SECRET-123");
symlinkSync(secret, join(dir, "linked.json"));
writeFileSync(join(dir, "tiny.tiktoken"), "IQ== 0\nIg== 1\n");
writeFileSync(join(dir, "dup.tiktoken"), "IQ== 0\nIQ== 1\n");
writeFileSync(join(dir, "bad.json"), JSON.stringify({ model: { type: "Foo" } }));
writeFileSync(
  join(dir, "atomic-split.json"),
  byteLevelBpeJson({
    preTokenizer: { type: "Split", pattern: { Regex: "(?>a|ab)+c" }, behavior: "Isolated", invert: false },
  }),
);
writeFileSync(join(dir, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
mkdirSync(join(dir, "empty-dir"));
mkdirSync(join(dir, "someones-folder"));
writeFileSync(join(dir, "someones-folder", "notes.txt"), "mine");
writeFileSync(join(dir, "corpus.txt"), "low lower lowest\n".repeat(20));
execFileSync("mkfifo", [join(dir, "fifo.json")]);

interface Row {
  /** What is wrong, for the failure message. */
  readonly what: string;
  readonly args: readonly string[];
  readonly input?: string;
  readonly code: 1 | 2;
  /** A substring (or pattern) of stderr. */
  readonly message: string | RegExp;
  /** Text stderr must not contain (content of files that are not what they claim). */
  readonly notInMessage?: string;
  /** Paths that must not exist afterwards (no partial output). */
  readonly noFile?: readonly string[];
}

const ROWS: readonly Row[] = [
  { what: "no -t", args: ["encode"], code: 2, message: "missing -t TOKENIZER" },
  {
    what: "unknown tokenizer name",
    args: ["count", "-t", "o200k"],
    code: 2,
    message: 'unknown tokenizer "o200k"',
  },
  {
    what: "a path that does not exist",
    args: ["count", "-t", "./nope/tokenizer.json"],
    code: 2,
    message: "no such file or directory: ./nope/tokenizer.json",
  },
  {
    what: "a bare ORG/NAME",
    args: ["count", "-t", "Qwen/Qwen3-8B"],
    code: 2,
    message: "write hf:Qwen/Qwen3-8B",
  },
  {
    what: "a revision that leaves refs/",
    args: ["count", "-t", "hf:acme/tiny@../../x"],
    code: 2,
    message: "is not a Hugging Face id",
  },
  {
    what: "a directory without a tokenizer",
    args: ["count", "-t", join(dir, "empty-dir")],
    code: 2,
    message: "no tokenizer in this directory (looked for tokenizer.json",
  },
  {
    what: "a FIFO as tokenizer.json",
    args: ["count", "-t", join(dir, "fifo.json")],
    input: "x",
    code: 2,
    message: "not a regular file",
  },
  {
    what: "a device as tokenizer file",
    args: ["count", "-t", "/dev/zero", "--pattern", "\\S+"],
    input: "x",
    code: 2,
    message: "not a regular file",
  },
  {
    what: "a tokenizer.json that links to a private file",
    args: ["count", "-t", join(dir, "linked.json")],
    input: "x",
    code: 1,
    message: "not JSON (a syntax error",
    notInMessage: "SECRET",
  },
  {
    what: "a malformed tokenizer.json",
    args: ["count", "-t", join(dir, "bad.json")],
    input: "x",
    code: 1,
    message: 'model.type: expected one of "BPE"',
  },
  {
    what: "a rank file without a pattern",
    args: ["count", "-t", join(dir, "tiny.tiktoken")],
    input: "x",
    code: 2,
    message: "stores no pretokenization pattern",
  },
  {
    what: "a rank file's pattern that no engine runs in linear time",
    args: ["count", "-t", join(dir, "tiny.tiktoken"), "--pattern", "(\\w+)\\1"],
    input: "x",
    code: 2,
    message: 'pattern "(\\\\w+)\\\\1": refused pattern',
  },
  {
    what: "a tokenizer.json Split regex that no engine runs in linear time",
    args: ["count", "-t", join(dir, "atomic-split.json")],
    input: "x",
    code: 1,
    message: 'pre_tokenizer.pattern.Regex: unsafe pattern "(?>a|ab)+c"',
  },
  {
    what: "a malformed rank file",
    args: ["count", "-t", join(dir, "dup.tiktoken"), "--preset", "o200k_base"],
    input: "x",
    code: 1,
    message: `${join(dir, "dup.tiktoken")}:2: duplicate token`,
  },
  {
    what: "a device as a text input",
    args: ["count", "-t", "o200k_base", "/dev/zero"],
    code: 1,
    message: "/dev/zero: not a regular file",
  },
  {
    what: "a missing text input",
    args: ["count", "-t", "o200k_base", join(dir, "missing.txt")],
    code: 1,
    message: "no such file or directory",
  },
  {
    what: "a text input that is not UTF-8",
    args: ["count", "-t", "o200k_base", join(dir, "latin1.txt")],
    code: 1,
    message: "not valid UTF-8 (first bad byte at offset 3)",
  },
  {
    what: "an id that is not a token",
    args: ["decode", "-t", "o200k_base"],
    input: "[1, 999999]",
    code: 1,
    message: "invalid token id 999999",
  },
  {
    what: "an unclosed id list",
    args: ["decode", "-t", "o200k_base"],
    input: "[1,2",
    code: 1,
    message: "unclosed",
  },
  {
    what: "a negative id",
    args: ["decode", "-t", "o200k_base"],
    input: "1 -2",
    code: 1,
    message: '"-2" is not a token id',
  },
];

test("the bad-input catalogue: exit code, message, no partial output", async () => {
  const runs = await inBatches(
    ROWS.map((row) => () => toklab(row.args, { input: row.input, timeoutMs: 30_000 })),
  );
  ROWS.forEach((row, i) => {
    const r = runs[i];
    const where = `${row.what}: toklab ${row.args.join(" ")} → ${r.code} ${JSON.stringify(r.stderr)}`;
    assert.equal(r.code, row.code, where);
    if (typeof row.message === "string") assert.ok(r.stderr.includes(row.message), where);
    else assert.match(r.stderr, row.message, where);
    assert.doesNotMatch(r.stderr, /\n\s+at /, `${where}: a stack trace`);
    if (row.notInMessage !== undefined) assert.ok(!r.stderr.includes(row.notInMessage), where);
    for (const path of row.noFile ?? []) assert.ok(!existsSync(path), `${where}: ${path} was left`);
  });
});
