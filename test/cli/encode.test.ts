/**
 * `encode` as a person uses it (--text, --tokens, --pieces, --json) and as a pipeline does
 * (--jsonl and decode --jsonl streaming line by line).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { get_encoding } from "tiktoken";
import { CLI_MAIN, toklab } from "../support/cli.js";
import { scratchDir } from "../support/train/output.js";

const ref = get_encoding("o200k_base");
after(() => ref.free());
const dir = scratchDir();
const NO_COLOR = { NO_COLOR: "1", FORCE_COLOR: "" };

test("--text encodes its argument; count --text counts it; --text with a FILE is a usage error", async () => {
  const e = await toklab(["encode", "-t", "gpt-4o", "--text", "hello world"]);
  assert.equal(e.code, 0, e.stderr);
  assert.equal(e.stdout, "24912 2375\n");
  const c = await toklab(["count", "-t", "gpt-4o", "--text", "hello world"]);
  assert.equal(c.stdout, "2\n");
  const j = await toklab(["count", "-t", "gpt-4o", "--text", "hello world", "--json"]);
  assert.deepEqual(JSON.parse(j.stdout).files, [{ file: "<text>", tokens: 2, bytes: 11, chars: 11 }]);
  const both = await toklab(["encode", "-t", "gpt-4o", "--text", "x", "README.md"]);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /give --text or FILE, not both/);
});

test("--tokens: one line per token, whitespace visible, a split character grouped and marked", async () => {
  const text = "a b\tc\n🐍";
  const r = await toklab(["encode", "-t", "o200k_base", "--text", text, "--tokens"], { env: NO_COLOR });
  assert.equal(r.code, 0, r.stderr);
  const ids = Array.from(ref.encode_ordinary(text));
  const lines = r.stdout.trimEnd().split("\n");
  // Every id appears once, in order; the snake's tokens share one line.
  assert.deepEqual(
    lines.flatMap((l) =>
      l
        .split(/\s{2,}/)[0]
        .split(" ")
        .map(Number),
    ),
    ids,
  );
  assert.ok(
    lines.some((l) => /^\d+ \d+\s+🐍 {2}\(2 tokens split a character\)$/.test(l)),
    r.stdout,
  );
  assert.ok(
    lines.some((l) => /\s·b$/.test(l)) && lines.some((l) => /⇥c/.test(l)) && lines.some((l) => /↵/.test(l)),
  );
  assert.doesNotMatch(r.stdout, /\x1b\[/, "no colour off a terminal");
});

test("--pieces: the text cut into tokens, then the ids; colour only when asked (FORCE_COLOR) and never with NO_COLOR", async () => {
  const plain = await toklab(["encode", "-t", "o200k_base", "--text", "hello world 🐍", "--pieces"], {
    env: NO_COLOR,
  });
  assert.equal(plain.stdout, `hello|·world|·🐍₃\n${ref.encode_ordinary("hello world 🐍").join(" ")}\n`);
  const coloured = await toklab(["encode", "-t", "o200k_base", "--text", "hello world", "--pieces"], {
    env: { FORCE_COLOR: "1", NO_COLOR: "" },
  });
  assert.match(coloured.stdout, /\x1b\[38;5;16;48;5;\d+mhello\x1b\[0m\x1b\[38;5;16;48;5;\d+m·world\x1b\[0m/);
  const both = await toklab(["encode", "-t", "o200k_base", "--text", "hello", "--pieces"], {
    env: { FORCE_COLOR: "1", NO_COLOR: "1" },
  });
  assert.doesNotMatch(both.stdout, /\x1b\[/);
});

test("--json: ids, and per token its text span, piece, bytes and offsets (encodeWithOffsets)", async () => {
  const text = "héllo 🐍";
  const r = await toklab(["encode", "-t", "o200k_base", "--text", text, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.ids, Array.from(ref.encode_ordinary(text)));
  const bytes = out.tokens.flatMap((t: { bytes: number[] }) => t.bytes);
  assert.deepEqual(bytes, Array.from(new TextEncoder().encode(text)));
  for (const t of out.tokens) {
    assert.deepEqual(Object.keys(t), ["id", "text", "piece", "bytes", "start", "end"]);
    assert.equal(t.text, text.slice(t.start, t.end));
  }
  assert.equal(out.tokens[0].start, 0);
  assert.equal(out.tokens.at(-1).end, text.length);
  const views = await toklab(["encode", "-t", "o200k_base", "--text", "x", "--json", "--tokens"]);
  assert.equal(views.code, 2);
  assert.match(views.stderr, /give one of --tokens, --json/);
});

/** Spawns `toklab ARGS` and gives a way to write its stdin and wait for stdout to hold lines. */
function live(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", CLI_MAIN, ...args]);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d) => {
    stdout += d;
  });
  child.stderr.setEncoding("utf8").on("data", (d) => {
    stderr += d;
  });
  const exit = new Promise<number | null>((resolve) => child.on("close", resolve));
  const lines = async (n: number) => {
    const deadline = Date.now() + 30_000;
    while (stdout.split("\n").length - 1 < n) {
      if (Date.now() > deadline) throw new Error(`no ${n} output lines: ${JSON.stringify(stdout)} ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return stdout;
  };
  return { child, lines, exit, stderr: () => stderr };
}

test("encode --jsonl streams: a line's ids are out before the next line is in", async () => {
  const run = live(["encode", "-t", "o200k_base", "--jsonl"]);
  run.child.stdin.write('"hello world"\n');
  assert.equal(await run.lines(1), "[24912,2375]\n");
  run.child.stdin.write('"a"\n"b"');
  assert.equal(await run.lines(2), "[24912,2375]\n[64]\n");
  run.child.stdin.end("\n");
  assert.equal(await run.exit, 0);
  assert.equal(await run.lines(3), "[24912,2375]\n[64]\n[65]\n");
});

test("a bad --jsonl line fails with exit 1 naming its line, after the lines before it were written", async () => {
  const run = live(["decode", "-t", "o200k_base", "--jsonl"]);
  run.child.stdin.write("[24912,2375]\n");
  await run.lines(1);
  run.child.stdin.end("[64]\n[-1]\n[65]\n");
  assert.equal(await run.exit, 1);
  assert.equal(await run.lines(2), '"hello world"\n"a"\n');
  assert.match(run.stderr(), /<stdin>:3: not a JSON array of token ids/);

  const file = join(dir, "lines.jsonl");
  writeFileSync(file, '"ok"\n"fine"\n{"text": 1}\n');
  const r = await toklab(["encode", "-t", "o200k_base", "--jsonl", file]);
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    `[${ref.encode_ordinary("ok").join(",")}]\n[${ref.encode_ordinary("fine").join(",")}]\n`,
  );
  assert.ok(r.stderr.includes(`${file}:3: not a JSON string`), r.stderr);
  const badId = await toklab(["decode", "-t", "o200k_base", "--jsonl"], { input: "[1]\n[999999]\n" });
  assert.equal(badId.code, 1);
  assert.match(badId.stderr, /<stdin>:2: invalid token id 999999/);
});

test("--jsonl over many lines in small chunks: the same ids as one batch, CRLF and a missing final newline", async () => {
  const texts = Array.from({ length: 3000 }, (_, i) => `line ${i} ${"é".repeat(i % 7)} 🐍`);
  const input = `${texts.map((t) => JSON.stringify(t)).join("\r\n")}`;
  const r = await toklab(["encode", "-t", "o200k_base", "--jsonl"], { input });
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout.trimEnd().split("\n");
  assert.equal(out.length, texts.length);
  out.forEach((l, i) => {
    assert.deepEqual(JSON.parse(l), Array.from(ref.encode_ordinary(texts[i])));
  });
});
