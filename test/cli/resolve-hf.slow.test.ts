import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Tokenizer } from "tokenizers";
import { bertJson } from "../support/hf/tokenizer-jsons.js";

const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "toklab-cli-hf-"));
const jsonText = JSON.stringify(bertJson());
const ref = Tokenizer.fromString(jsonText);
const file = join(dir, "bert-tokenizer.json");
writeFileSync(file, jsonText);
const modelDir = join(dir, "bert-model");
mkdirSync(modelDir);
writeFileSync(join(modelDir, "tokenizer.json"), jsonText);
writeFileSync(join(modelDir, "tokenizer_config.json"), JSON.stringify({ model_max_length: 512 }));

function toklab(args: string[], input = "", env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", main, ...args], {
      env: { ...process.env, HF_HUB_CACHE: join(dir, "empty-cache"), ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const texts = ["Hello, world!", "[CLS] a [MASK]  b <user> ell", "日本語 naïve café", ""];
const jsonl = `${texts.map((t) => JSON.stringify(t)).join("\n")}\n`;

async function expected(add: boolean): Promise<number[][]> {
  return Promise.all(texts.map(async (t) => (await ref.encode(t, null, { addSpecialTokens: add })).getIds()));
}

function lines(stdout: string): unknown[] {
  return stdout
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
}

test("encode --jsonl --allow-special -t tokenizer.json: HF encode(text, add_special_tokens=False)", async () => {
  const r = await toklab(["encode", "-t", file, "--jsonl", "--allow-special"], jsonl);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(lines(r.stdout), await expected(false));
});

test("encode --add-special applies the template; a model directory works too", async () => {
  const r = await toklab(["encode", "-t", modelDir, "--jsonl", "--allow-special", "--add-special"], jsonl);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(lines(r.stdout), await expected(true));
});

test("count and decode with a tokenizer.json", async () => {
  const c = await toklab(["count", "-t", file, "--allow-special"], texts[1]);
  assert.equal(c.code, 0, c.stderr);
  const ids = (await ref.encode(texts[1], null, { addSpecialTokens: false })).getIds();
  assert.equal(c.stdout.trim(), String(ids.length));
  const d = await toklab(["decode", "-t", file, "--jsonl"], `${JSON.stringify(ids)}\n`);
  assert.equal(d.code, 0, d.stderr);
  assert.deepEqual(lines(d.stdout), [await ref.decode(ids, false)]);
});

test("inspect prints the pipeline, vocabulary size and special tokens", async () => {
  const r = await toklab(["inspect", "-t", file]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /normalizer: BertNormalizer/);
  assert.match(r.stdout, /pre_tokenizer: BertPreTokenizer/);
  assert.match(r.stdout, /model: WordPiece/);
  assert.match(r.stdout, /post_processor: TemplateProcessing/);
  assert.match(r.stdout, new RegExp(`vocab size: ${ref.getVocabSize(true)}`));
  assert.match(r.stdout, /\[CLS\]=2/);
  const j = await toklab(["inspect", "-t", "cl100k_base", "--json"]);
  assert.equal(j.code, 0, j.stderr);
  assert.equal(JSON.parse(j.stdout).specialTokens["<|endoftext|>"], 100257);
});

test("a malformed tokenizer.json: exit 1 naming the JSON path", async () => {
  const bad = join(dir, "bad.json");
  writeFileSync(bad, JSON.stringify({ ...bertJson(), pre_tokenizer: { type: "Foo" } }));
  const r = await toklab(["encode", "-t", bad], "x");
  assert.equal(r.code, 1);
  assert.match(r.stderr, /pre_tokenizer\.type: unknown "Foo"/);
});

// A fake Hub on loopback: serves the fixture with an ETag and the commit header, answers
// If-None-Match with 304, and records what it was asked.
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const ETAG = createHash("sha256").update(jsonText).digest("hex");
const requests: { url: string; auth?: string; ifNoneMatch?: string }[] = [];
let server: Server;
let endpoint = "";

before(async () => {
  server = createServer((req, res) => {
    requests.push({
      url: req.url ?? "",
      auth: req.headers.authorization,
      ifNoneMatch: req.headers["if-none-match"] as string | undefined,
    });
    const m = /^\/acme\/tiny-bert\/resolve\/([^/]+)\/(.+)$/.exec(req.url ?? "");
    if (m === null || (m[1] !== "main" && m[1] !== COMMIT)) {
      res.writeHead(404).end();
      return;
    }
    if (m[2] !== "tokenizer.json") {
      res.writeHead(404, { "x-repo-commit": COMMIT }).end();
      return;
    }
    const headers = { etag: `"${ETAG}"`, "x-repo-commit": COMMIT };
    if (req.headers["if-none-match"] === `"${ETAG}"`) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, "content-type": "application/json" }).end(jsonText);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

after(() => server.close());

test("hf:ORG/NAME: not cached → a hint to --download; --download fetches into the hub layout", async () => {
  const cache = join(dir, "hub");
  const env = { HF_HUB_CACHE: cache, HF_ENDPOINT: endpoint, HF_TOKEN: "secret-token" };
  const offline = await toklab(["encode", "-t", "hf:acme/tiny-bert", "--jsonl"], jsonl, env);
  assert.equal(offline.code, 1);
  assert.match(offline.stderr, /--download/);
  assert.equal(requests.length, 0, "no network without --download");

  const first = await toklab(
    ["encode", "-t", "hf:acme/tiny-bert", "--jsonl", "--allow-special", "--download"],
    jsonl,
    env,
  );
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(lines(first.stdout), await expected(false));
  assert.ok(requests.length >= 1);
  assert.equal(requests[0].url, "/acme/tiny-bert/resolve/main/tokenizer.json");
  assert.equal(requests[0].auth, "Bearer secret-token");

  // Cached now: works offline, and from HF_HOME/hub as well as HF_HUB_CACHE.
  const n = requests.length;
  const cached = await toklab(
    ["encode", "-t", "hf:acme/tiny-bert", "--jsonl", "--allow-special"],
    jsonl,
    env,
  );
  assert.equal(cached.code, 0, cached.stderr);
  assert.deepEqual(lines(cached.stdout), await expected(false));
  const pinned = await toklab(["count", "-t", `hf:acme/tiny-bert@${COMMIT}`], "hello", {
    HF_HOME: dir,
    HF_HUB_CACHE: "",
  });
  assert.equal(pinned.code, 0, pinned.stderr);
  assert.equal(requests.length, n, "the cache is used without the network");

  // --download again revalidates with the ETag and gets 304.
  const again = await toklab(["count", "-t", "hf:acme/tiny-bert", "--download"], "hello", env);
  assert.equal(again.code, 0, again.stderr);
  const revalidation = requests.slice(n).find((r) => r.url.endsWith("/tokenizer.json"));
  assert.equal(revalidation?.ifNoneMatch, `"${ETAG}"`);
});
