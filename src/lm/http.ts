/**
 * Token models behind servers people already run, as {@link TokenLM}s: an OpenAI-compatible
 * `/v1/completions` endpoint (vLLM, llama.cpp's and others' OpenAI mode) asked for top
 * log-probabilities, and llama.cpp's own `/completion` with `n_probs`. Browser-safe (global
 * `fetch`).
 *
 * Servers return only the top k next tokens, so the distribution is truncated: the k
 * log-probabilities are renormalised and every other id is impossible. The byte-level
 * probabilities are then exactly those of the model restricted to its top k at each step, not
 * the model's: a cover whose tokens fall outside some step's top k counts 0, which biases
 * towards the model's likeliest tokenizations. A larger k costs bandwidth, not exactness of what
 * is returned.
 */
import type { Tokenizer } from "../core/tokenizer.js";
import { normalizeLog } from "./logmath.js";
import type { TokenLM } from "./types.js";
import { LmError } from "./types.js";

/** Options of {@link httpTokenLM}. */
export interface HttpLMOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** `openai`: POST {url}/v1/completions; `llama.cpp`: POST {url}/completion. */
  readonly api: "openai" | "llama.cpp";
  /** How many top tokens to ask for (default 20). */
  readonly topK?: number;
  /** The `model` field of OpenAI requests. */
  readonly model?: string;
  /** Extra request headers (an API key). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The fetch to use (default the global one). */
  readonly fetch?: typeof fetch;
}

/** A token model behind a server: always asynchronous. */
export interface HttpTokenLM extends TokenLM {
  nextLogProbs(context: readonly number[]): Promise<Float64Array>;
}

interface Scored {
  readonly id: number;
  readonly logprob: number;
}

/**
 * A token model that asks a server for the next token's top log-probabilities. Token strings
 * in answers are mapped to ids by the tokenizer: `token_id:N` (vLLM's
 * `return_tokens_as_token_ids`) or an `id` field directly, else the string's encoding when it is
 * one token (answers that name a token no single id spells are an {@link LmError}).
 *
 * @example
 * ```ts
 * const lm = httpTokenLM(llama3, { url: "http://127.0.0.1:8080", api: "llama.cpp", topK: 50 });
 * const bl = createByteLevelLM(llama3, lm, { prefixIds: [128000] });
 * ```
 */
export function httpTokenLM(tokenizer: Tokenizer, options: HttpLMOptions): HttpTokenLM {
  const topK = options.topK ?? 20;
  if (!Number.isInteger(topK) || topK < 1)
    throw new RangeError(`topK must be a whole number >= 1, not ${topK}`);
  const doFetch = options.fetch ?? fetch;
  const base = options.url.replace(/\/+$/, "");
  const vocabSize = tokenizer.vocabSize;

  const idOf = (token: unknown, id: unknown): number => {
    if (typeof id === "number" && Number.isInteger(id) && id >= 0 && id < vocabSize) return id;
    if (typeof token !== "string") throw new LmError("the server answered a token with neither id nor text");
    const m = /^token_id:(\d+)$/.exec(token);
    if (m !== null && Number(m[1]) < vocabSize) return Number(m[1]);
    const ids = tokenizer.encode(token, { disallowedSpecial: [] });
    if (ids.length !== 1)
      throw new LmError(`the server's token ${JSON.stringify(token)} is not one token of ${tokenizer.name}`);
    return ids[0];
  };

  const post = async (path: string, body: unknown): Promise<unknown> => {
    const response = await doFetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...options.headers },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new LmError(`${base}${path} answered ${response.status} ${response.statusText}`);
    return response.json();
  };

  const parseOpenAI = (answer: unknown): Scored[] => {
    const top = (answer as { choices?: { logprobs?: { top_logprobs?: unknown[] } }[] })?.choices?.[0]
      ?.logprobs?.top_logprobs?.[0];
    if (top === null || typeof top !== "object")
      throw new LmError("the answer has no choices[0].logprobs.top_logprobs[0]");
    return Object.entries(top as Record<string, unknown>).map(([token, logprob]) => ({
      id: idOf(token, undefined),
      logprob: asNumber(logprob),
    }));
  };

  const parseLlamaCpp = (answer: unknown): Scored[] => {
    const first = (answer as { completion_probabilities?: unknown[] })?.completion_probabilities?.[0] as
      | {
          top_logprobs?: { id?: number; token?: string; logprob?: number }[];
          probs?: { tok_str?: string; prob?: number }[];
        }
      | undefined;
    if (first?.top_logprobs !== undefined) {
      return first.top_logprobs.map((p) => ({ id: idOf(p.token, p.id), logprob: asNumber(p.logprob) }));
    }
    // Older servers: probabilities, not logs, and token text only.
    if (first?.probs !== undefined)
      return first.probs.map((p) => ({
        id: idOf(p.tok_str, undefined),
        logprob: Math.log(asNumber(p.prob)),
      }));
    throw new LmError("the answer has no completion_probabilities[0] with top_logprobs or probs");
  };

  return {
    vocabSize,
    async nextLogProbs(context: readonly number[]): Promise<Float64Array> {
      const scored =
        options.api === "openai"
          ? parseOpenAI(
              await post("/v1/completions", {
                model: options.model,
                prompt: context,
                max_tokens: 1,
                logprobs: topK,
                temperature: 0,
              }),
            )
          : parseLlamaCpp(
              await post("/completion", {
                prompt: context,
                n_predict: 1,
                n_probs: topK,
                temperature: 0,
                cache_prompt: true,
              }),
            );
      const out = new Float64Array(vocabSize).fill(Number.NEGATIVE_INFINITY);
      for (const { id, logprob } of scored) {
        if (Number.isNaN(logprob) || logprob > 1e-9)
          throw new LmError(`the server gave token ${id} log-probability ${logprob}`);
        // Two strings for one id (a server's own spelling): keep the larger.
        if (logprob > out[id]) out[id] = logprob;
      }
      if (scored.length === 0) throw new LmError("the server gave no tokens");
      return normalizeLog(out);
    },
  };
}

/** A JSON number, NaN for anything else (null is not 0 here). */
function asNumber(x: unknown): number {
  return typeof x === "number" ? x : Number.NaN;
}
