/**
 * The Hugging Face cache against a hostile Hub: a fake server on 127.0.0.1 that sends path
 * tricks in its headers, invalid files, huge or stalled bodies, and redirects to a "CDN" on
 * another origin. Nothing may be written outside the cache, and nothing invalid may enter it.
 */
import assert from "node:assert/strict";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { TokenizerSpecError } from "../../src/formats/load.js";
import { cachedSnapshot, hubSnapshot, parseHfId } from "../../src/node/hub/index.js";
import { loadTokenizer } from "../../src/node/load-tokenizer.js";
import { bertJson } from "../support/hf/tokenizer-jsons.js";
import { scratchDir } from "../support/train/output.js";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const ETAG = "a".repeat(40);
const GOOD = JSON.stringify(bertJson());

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A server whose behaviour each test sets; it records the requests it got. */
class FakeHub {
  handler: Handler = (_req, res) => res.writeHead(404).end();
  readonly requests: { url: string; auth?: string; ifNoneMatch?: string }[] = [];
  private server: Server | null = null;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests.push({
        url: req.url ?? "",
        auth: req.headers.authorization,
        ifNoneMatch: req.headers["if-none-match"] as string | undefined,
      });
      this.handler(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const a = this.server.address();
    this.url = `http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}`;
  }

  stop(): void {
    this.server?.closeAllConnections();
    this.server?.close();
  }
}

/** Serves `body` for tokenizer.json with the given headers, 404 for the side files. */
function serve(body: string, headers: Record<string, string>): Handler {
  return (req, res) => {
    if (!req.url?.endsWith("/tokenizer.json")) {
      res.writeHead(404, { "x-repo-commit": COMMIT }).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json", ...headers }).end(body);
  };
}

/** Every path under `dir` (to show that nothing was written). */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

const hub = new FakeHub();
const cdn = new FakeHub();
before(async () => {
  await hub.start();
  await cdn.start();
});
after(() => {
  hub.stop();
  cdn.stop();
});

function options(cache: string, extra: Record<string, unknown> = {}) {
  return { download: true, cacheDir: cache, endpoint: hub.url, token: "secret", env: {}, ...extra };
}

describe("hub cache: names from the server never leave the cache", () => {
  test("an ETag with a path is refused; nothing is written", async () => {
    const root = scratchDir();
    const cache = join(root, "hub");
    hub.handler = serve(GOOD, { etag: '"../../../../PWNED"', "x-repo-commit": COMMIT });
    await assert.rejects(
      hubSnapshot("hf:acme/tiny", options(cache)),
      /ETag "\\"..\/..\/..\/..\/PWNED\\"" is not a file hash/,
    );
    assert.ok(!existsSync(join(root, "PWNED")));
    assert.deepEqual(
      tree(cache).filter((p) => !p.endsWith("blobs")),
      ["models--acme--tiny"],
    );
  });

  test("a commit header with a path is refused", async () => {
    const root = scratchDir();
    const cache = join(root, "hub");
    hub.handler = serve(GOOD, { etag: `"${ETAG}"`, "x-repo-commit": "../../../../x/dir" });
    await assert.rejects(
      hubSnapshot("hf:acme/tiny", options(cache)),
      /commit "..\/..\/..\/..\/x\/dir" is not a commit hash/,
    );
    assert.ok(!existsSync(join(root, "x")));
    assert.ok(!tree(cache).some((p) => p.includes("snapshots")));
  });

  test("a revision that leaves refs/ is refused before any request; a ref that holds a path is damage", async () => {
    const cache = scratchDir();
    const before = hub.requests.length;
    assert.equal(parseHfId("hf:acme/tiny@../../../x/REV"), null);
    assert.equal(parseHfId("hf:acme/../x"), null);
    await assert.rejects(loadTokenizer("hf:acme/tiny@../../../x/REV", options(cache)), TokenizerSpecError);
    await assert.rejects(loadTokenizer("hf:acme/tiny@../..", { cacheDir: cache }), TokenizerSpecError);
    assert.equal(hub.requests.length, before, "no request for an unsafe revision");
    // A planted ref pointing outside the cache.
    const refs = join(cache, "models--acme--tiny", "refs");
    mkdirSync(refs, { recursive: true });
    writeFileSync(join(refs, "main"), "../../../../etc");
    assert.throws(() => cachedSnapshot(cache, "acme/tiny", "main"), /does not hold a commit hash/);
  });

  test("a symlink planted where a blob goes is replaced, not written through", async () => {
    const root = scratchDir();
    const cache = join(root, "hub");
    const blobs = join(cache, "models--acme--tiny", "blobs");
    mkdirSync(blobs, { recursive: true });
    const victim = join(root, "victim.txt");
    writeFileSync(victim, "keep me");
    symlinkSync(victim, join(blobs, ETAG));
    hub.handler = serve(GOOD, { etag: `"${ETAG}"`, "x-repo-commit": COMMIT });
    const snap = await hubSnapshot("hf:acme/tiny", options(cache));
    assert.equal(readFileSync(victim, "utf8"), "keep me");
    assert.ok(!lstatSync(join(blobs, ETAG)).isSymbolicLink());
    assert.equal(readFileSync(join(snap, "tokenizer.json"), "utf8"), GOOD);
  });
});

describe("hub cache: only valid files enter it", () => {
  test("an invalid tokenizer.json is not cached and the ref does not move", async () => {
    const cache = scratchDir();
    hub.handler = serve("<html>not json</html>", { etag: `"${ETAG}"`, "x-repo-commit": COMMIT });
    await assert.rejects(
      hubSnapshot("hf:acme/tiny", options(cache)),
      /not a valid tokenizer\.json .*nothing was cached/,
    );
    assert.ok(
      !tree(cache).some((p) => p.includes("refs") || p.includes("snapshots") || /[0-9a-f]{40}$/.test(p)),
    );
    assert.ok(!tree(cache).some((p) => p.endsWith(".tmp")), "no temporary file is left");
  });

  test("a 304 to a request that did not ask to revalidate is an error", async () => {
    const cache = scratchDir();
    hub.handler = (_req, res) => res.writeHead(304, { "x-repo-commit": COMMIT }).end();
    await assert.rejects(
      hubSnapshot("hf:acme/tiny", options(cache)),
      /304 Not Modified to a request that asked for no revalidation/,
    );
    assert.ok(!tree(cache).some((p) => p.includes("refs")));
  });
});

describe("hub cache: sizes and times are bounded", () => {
  test("a body over the size limit stops the download, declared or not", async () => {
    const cache = scratchDir();
    hub.handler = serve(GOOD, { etag: `"${ETAG}"`, "x-repo-commit": COMMIT });
    await assert.rejects(
      hubSnapshot("hf:acme/tiny", options(cache, { maxDownloadBytes: 100 })),
      /larger than 100 bytes \(the download limit/,
    );
    // Streamed without a length: the cap is counted as bytes arrive.
    hub.handler = (req, res) => {
      if (!req.url?.endsWith("/tokenizer.json")) return void res.writeHead(404).end();
      res.writeHead(200, { etag: `"${ETAG}"`, "x-repo-commit": COMMIT, "transfer-encoding": "chunked" });
      const chunk = "x".repeat(1000);
      let sent = 0;
      const timer = setInterval(() => {
        if (res.destroyed || sent++ > 50) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write(chunk);
      }, 1);
    };
    await assert.rejects(
      hubSnapshot("hf:acme/tiny", options(cache, { maxDownloadBytes: 5000 })),
      /larger than 5000 bytes/,
    );
    assert.ok(!tree(cache).some((p) => p.endsWith(".tmp")), "no temporary file is left");
  });

  test("headers that never come, and a body that stalls, time out naming the URL", async () => {
    const cache = scratchDir();
    hub.handler = () => {
      // Never answers.
    };
    await assert.rejects(
      hubSnapshot("hf:acme/tiny", options(cache, { downloadTimeoutSeconds: 0.3 })),
      /GET http:\/\/127\.0\.0\.1:\d+\/acme\/tiny\/resolve\/main\/tokenizer\.json: no response within 0\.3 s/,
    );
    hub.handler = (_req, res) => {
      res.writeHead(200, { etag: `"${ETAG}"`, "x-repo-commit": COMMIT });
      res.write("{"); // then nothing
    };
    await assert.rejects(
      hubSnapshot("hf:acme/tiny", options(cache, { downloadTimeoutSeconds: 0.3 })),
      /no data for 0\.3 s/,
    );
    assert.ok(!tree(cache).some((p) => p.endsWith(".tmp")), "no temporary file is left");
  });
});

describe("hub cache: redirects to a CDN", () => {
  test("commit and linked ETag come from the Hub's redirect; the token is not sent to the CDN", async () => {
    const cache = scratchDir();
    const sha256 = "b".repeat(64);
    hub.handler = (req, res) => {
      if (!req.url?.endsWith("/tokenizer.json"))
        return void res.writeHead(404, { "x-repo-commit": COMMIT }).end();
      res
        .writeHead(302, {
          location: `${cdn.url}/blob/${sha256}?sig=1`,
          "x-repo-commit": COMMIT,
          "x-linked-etag": `"${sha256}"`,
        })
        .end();
    };
    cdn.handler = (_req, res) => res.writeHead(200, { etag: '"cdn-etag-not-a-hash"' }).end(GOOD);
    const snap = await hubSnapshot("hf:acme/tiny", options(cache));
    assert.equal(snap, join(cache, "models--acme--tiny", "snapshots", COMMIT));
    assert.ok(existsSync(join(cache, "models--acme--tiny", "blobs", sha256)));
    assert.equal(readFileSync(join(cache, "models--acme--tiny", "refs", "main"), "utf8"), COMMIT);
    const toCdn = cdn.requests.at(-1)!;
    assert.equal(toCdn.auth, undefined, "the access token stays with the Hub");
    assert.equal(hub.requests.at(-1)!.auth, "Bearer secret");
    const tok = await loadTokenizer("hf:acme/tiny", { cacheDir: cache });
    assert.equal(tok.name, "hf:acme/tiny");
  });
});

describe("hub cache: a failed download names the model, the URL and the cause", () => {
  test("401 (no such repository, or gated), 403, 404 and 5xx say what they usually mean", async () => {
    const cache = scratchDir();
    const url = /GET http:\/\/127\.0\.0\.1:\d+\/acme\/tiny\/resolve\/main\/tokenizer\.json/;
    const cases: [number, RegExp][] = [
      [401, /HTTP 401 \(no such repository, or a gated or private one: check the name, or set HF_TOKEN\)/],
      [403, /HTTP 403 \(gated or private: accept the model's terms on the Hub, or set HF_TOKEN\)/],
      [404, /HTTP 404: acme\/tiny@main has no tokenizer\.json \(no such revision, or a model without one\)/],
      [503, /HTTP 503 \(the server failed: try again later\)/],
    ];
    for (const [status, message] of cases) {
      hub.handler = (_req, res) => res.writeHead(status).end();
      await assert.rejects(hubSnapshot("hf:acme/tiny", options(cache)), (e: unknown) => {
        const m = (e as Error).message;
        assert.match(m, /^cannot download hf:acme\/tiny@main: /, m);
        assert.match(m, url, m);
        assert.match(m, message, m);
        return true;
      });
    }
    assert.ok(!tree(cache).some((p) => p.includes("snapshots") || p.includes("refs")));
  });

  test("a server that is not there: the connection error in words", async () => {
    const closed = new FakeHub();
    await closed.start();
    const endpoint = closed.url;
    closed.stop();
    await new Promise((r) => setTimeout(r, 50));
    await assert.rejects(
      hubSnapshot("hf:acme/tiny", options(scratchDir(), { endpoint })),
      /cannot download hf:acme\/tiny@main: GET http:\/\/127\.0\.0\.1:\d+\/acme\/tiny\/resolve\/main\/tokenizer\.json: no connection \(ECONNREFUSED: the server refused the connection\)/,
    );
  });
});
