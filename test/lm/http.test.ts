/**
 * The HTTP adapters against fake servers on loopback, backed by the n-gram model: the adapter's
 * distribution is the model's top k, renormalised, whichever answer format the server speaks.
 * No test reaches the internet.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { getEncoding } from "../../src/encodings/index.js";
import { createByteLevelLM } from "../../src/lm/byte-level.js";
import { httpTokenLM } from "../../src/lm/http.js";
import { trainNgramLM } from "../../src/lm/ngram.js";
import { LmError } from "../../src/lm/types.js";

const K = 5;

describe("httpTokenLM", async () => {
  const tok = await getEncoding("r50k_base");
  const lm = trainNgramLM(tok, ["the cat sat on the mat.", "the dog sat on the log."], { order: 3 });
  const topK = (context: number[], k: number) =>
    [...lm.nextLogProbs(context).entries()].sort((a, b) => b[1] - a[1]).slice(0, k);
  let server: Server;
  let url = "";
  const requests: { path: string; body: Record<string, unknown> }[] = [];

  before(async () => {
    server = createServer((req, res) => {
      let data = "";
      req.on("data", (c) => {
        data += c;
      });
      req.on("end", () => {
        const body = JSON.parse(data);
        requests.push({ path: req.url ?? "", body });
        const top = topK(body.prompt, body.logprobs ?? body.n_probs);
        let answer: unknown;
        if (req.url === "/v1/completions") {
          answer = {
            choices: [
              {
                logprobs: {
                  top_logprobs: [Object.fromEntries(top.map(([id, lp]) => [`token_id:${id}`, lp]))],
                },
              },
            ],
          };
        } else if (req.url === "/completion") {
          answer = {
            completion_probabilities: [
              { top_logprobs: top.map(([id, lp]) => ({ id, token: tok.decode([id]), logprob: lp })) },
            ],
          };
        } else if (req.url === "/old/completion") {
          answer = {
            completion_probabilities: [
              { probs: top.map(([id, lp]) => ({ tok_str: tok.decode([id]), prob: Math.exp(lp) })) },
            ],
          };
        } else {
          res.writeHead(500).end("no");
          return;
        }
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  const want = (context: number[]) => {
    const top = topK(context, K);
    const norm = Math.log(top.reduce((s, [, lp]) => s + Math.exp(lp), 0));
    return new Map(top.map(([id, lp]) => [id, lp - norm]));
  };
  const same = (got: Float64Array, expected: Map<number, number>) => {
    for (let id = 0; id < got.length; id++) {
      const e = expected.get(id);
      if (e === undefined) assert.equal(got[id], Number.NEGATIVE_INFINITY);
      else assert.ok(Math.abs(got[id] - e) < 1e-12);
    }
  };

  for (const [api, path] of [
    ["openai", ""],
    ["llama.cpp", ""],
    ["llama.cpp", "/old"],
  ] as const) {
    test(`${api}${path}: the top ${K}, renormalised`, async () => {
      const http = httpTokenLM(tok, { url: `${url}${path}`, api, topK: K, model: "m" });
      for (const context of [[], tok.encode("the cat"), tok.encode("the dog sat on")]) {
        same(await http.nextLogProbs(context), want(context));
      }
      const last = requests.at(-1)?.body ?? {};
      if (api === "openai") assert.deepEqual([last.max_tokens, last.logprobs, last.model], [1, K, "m"]);
      else assert.deepEqual([last.n_predict, last.n_probs], [1, K]);
    });
  }

  test("as a byte-level model: the next byte after a prompt that ends inside a token", async () => {
    const bl = createByteLevelLM(tok, httpTokenLM(tok, { url, api: "llama.cpp", topK: 20 }));
    const next = await bl.nextByteLogProbs(new TextEncoder().encode("the ca"));
    assert.ok(Math.abs(next.reduce((s, v) => s + Math.exp(v), 0) - 1) < 1e-12);
    assert.equal(String.fromCharCode(next.indexOf(Math.max(...next))), "t");
  });

  test("a server error or an answer of the wrong shape is an LmError", async () => {
    await assert.rejects(
      httpTokenLM(tok, { url: `${url}/nothing`, api: "openai" }).nextLogProbs([]),
      /answered 500/,
    );
    const fake = (answer: unknown) =>
      httpTokenLM(tok, {
        url,
        api: "openai",
        fetch: async () => new Response(JSON.stringify(answer)),
      }).nextLogProbs([]);
    await assert.rejects(fake({}), LmError);
    await assert.rejects(
      fake({ choices: [{ logprobs: { top_logprobs: [{ "token_id:1": null }] } }] }),
      LmError,
    );
    await assert.rejects(
      fake({ choices: [{ logprobs: { top_logprobs: [{ "hello world again": -1 }] } }] }),
      LmError,
    );
    assert.throws(() => httpTokenLM(tok, { url, api: "openai", topK: 0 }), RangeError);
  });
});
