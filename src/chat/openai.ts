/**
 * Counting the prompt tokens of an OpenAI Chat Completions request from the client side.
 *
 * The API wraps every message in ChatML-style framing whose tokens are not in the text: the
 * OpenAI Cookbook's "How to count tokens with tiktoken" (examples/How_to_count_tokens_with_tiktoken.ipynb)
 * measured them against the API's `usage.prompt_tokens`: 3 tokens per message, 1 more when the
 * message has a `name`, 3 to prime the reply (`<|start|>assistant<|message|>`), and for
 * gpt-3.5-turbo-0301 4 per message and -1 for a name. With its example conversation this gives
 * 129 tokens for gpt-3.5-turbo / gpt-4 and 124 for gpt-4o / gpt-4o-mini, the API's own numbers.
 * The same notebook's tool accounting (per function, property and enum value) gives 105 and 101
 * for its weather-tool example. These are the cookbook's measured constants, not a spec: a
 * future model may frame messages differently.
 */
import { ORDINARY, type Tokenizer } from "../core/tokenizer.js";
import { type ChatMessage, contentTexts } from "./types.js";

/** The framing constants of one model family. */
export interface ChatMLOverhead {
  tokensPerMessage: number;
  tokensPerName: number;
  replyPriming: number;
}

/**
 * The cookbook's per-message constants for a model: gpt-3.5-turbo-0301 is the one exception
 * to (3, 1, 3), which holds for gpt-3.5-turbo-0125/0613, gpt-4, gpt-4o and gpt-4o-mini.
 *
 * @example
 * chatMLOverhead("gpt-4o"); // { tokensPerMessage: 3, tokensPerName: 1, replyPriming: 3 }
 */
export function chatMLOverhead(model?: string): ChatMLOverhead {
  if (model === "gpt-3.5-turbo-0301") return { tokensPerMessage: 4, tokensPerName: -1, replyPriming: 3 };
  return { tokensPerMessage: 3, tokensPerName: 1, replyPriming: 3 };
}

/** A Chat Completions tool: `{type: "function", function: {name, description, parameters}}`. */
export interface OpenAITool {
  type?: string;
  function: {
    name: string;
    description?: string;
    parameters?: {
      properties?: Record<string, { type?: string; description?: string; enum?: readonly string[] }>;
    };
  };
}

/** Options of {@link countOpenAIChat}. */
export interface OpenAIChatOptions {
  /** The model name; picks the framing constants (and the tool constants, with `tools`). */
  model?: string;
  /** Function tools sent with the request. */
  tools?: readonly OpenAITool[];
  /** Count the 3 tokens that prime the reply (`<|start|>assistant<|message|>`). Default true. */
  replyPriming?: boolean;
}

/**
 * Prompt tokens of a Chat Completions request, by the cookbook's accounting: every string
 * field of every message (role, content, name) is encoded with the model's encoding (special
 * token text counts as ordinary text, as the API treats content), plus the framing constants.
 * Content given as a list of parts (`[{type: "text", text}]`) counts the text of each part; a
 * part that is not text (an image, audio) is an error, as are non-string fields such as
 * `tool_calls` (the cookbook has no measured constants for them).
 *
 * @example
 * const enc = await getEncoding("o200k_base");
 * countOpenAIChat(enc, [{ role: "user", content: "Hello!" }], { model: "gpt-4o" }); // 9
 */
export function countOpenAIChat(
  encoding: Tokenizer,
  messages: readonly ChatMessage[],
  options: OpenAIChatOptions = {},
): number {
  const { tokensPerMessage, tokensPerName, replyPriming } = chatMLOverhead(options.model);
  const count = (text: string) => encoding.count(text, ORDINARY);
  let total = 0;
  messages.forEach((message, i) => {
    total += tokensPerMessage;
    for (const [key, value] of Object.entries(message)) {
      if (value === undefined || value === null) continue;
      if (key === "content" && Array.isArray(value)) {
        // Text parts: each part's text, as if it were the content (the cookbook measured no
        // framing for parts); any other part is an error naming it.
        for (const text of contentTexts(value, `messages[${i}]`)) total += count(text);
        continue;
      }
      if (typeof value !== "string") {
        throw new TypeError(`messages[${i}].${key}: OpenAI chat counting takes text fields only`);
      }
      total += count(value);
      if (key === "name") total += tokensPerName;
    }
  });
  if (options.replyPriming ?? true) total += replyPriming;
  if (options.tools !== undefined && options.tools.length > 0) {
    total += countOpenAITools(encoding, options.tools, options.model);
  }
  return total;
}

/** The cookbook's tool constants; only `func_init` differs between the two families. */
interface ToolOverhead {
  funcInit: number;
  propInit: number;
  propKey: number;
  enumInit: number;
  enumItem: number;
  funcEnd: number;
}

function toolOverhead(encodingName: string, model: string | undefined): ToolOverhead {
  const family = model ?? encodingName;
  const base = { propInit: 3, propKey: 3, enumInit: -3, enumItem: 3, funcEnd: 12 };
  // gpt-4o and gpt-4o-mini (o200k_base) measured 7 per function; gpt-3.5-turbo and gpt-4
  // (cl100k_base) measured 10.
  if (family.startsWith("gpt-4o") || family === "o200k_base") return { funcInit: 7, ...base };
  if (family.startsWith("gpt-4") || family.startsWith("gpt-3.5") || family === "cl100k_base") {
    return { funcInit: 10, ...base };
  }
  throw new Error(
    `no measured tool-token constants for ${model ?? encodingName} (cookbook covers gpt-3.5/4/4o)`,
  );
}

/**
 * The tokens function tools add to a request, by the cookbook's measured rule: per function
 * `name:description` (a final "." dropped), per property `name:type:description`, per enum
 * value its text, each with its constant.
 *
 * @example
 * countOpenAITools(await getEncoding("o200k_base"), [{ type: "function", function: { name: "now" } }], "gpt-4o");
 */
export function countOpenAITools(encoding: Tokenizer, tools: readonly OpenAITool[], model?: string): number {
  const k = toolOverhead(encoding.name, model);
  const count = (text: string) => encoding.count(text, ORDINARY);
  const trimDot = (s: string) => (s.endsWith(".") ? s.slice(0, -1) : s);
  let total = 0;
  for (const tool of tools) {
    const fn = tool.function;
    total += k.funcInit + count(`${fn.name}:${trimDot(fn.description ?? "")}`);
    const properties = Object.entries(fn.parameters?.properties ?? {});
    if (properties.length === 0) continue;
    total += k.propInit;
    for (const [name, prop] of properties) {
      total += k.propKey;
      if (prop.enum !== undefined) {
        total += k.enumInit;
        for (const item of prop.enum) total += k.enumItem + count(item);
      }
      total += count(`${name}:${prop.type ?? ""}:${trimDot(prop.description ?? "")}`);
    }
  }
  return total + k.funcEnd;
}
