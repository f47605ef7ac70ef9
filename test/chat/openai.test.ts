/**
 * OpenAI chat accounting against the numbers the OpenAI Cookbook published with the API's own
 * `usage.prompt_tokens` (examples/How_to_count_tokens_with_tiktoken.ipynb, sections 6 and 7),
 * and harmony against the format in openai/harmony docs/format.md.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, describe, test } from "node:test";
import { countHarmonyChat, countOpenAIChat, renderHarmony } from "../../src/chat/index.js";
import type { ChatMessage } from "../../src/chat/types.js";
import { getEncoding } from "../../src/encodings/index.js";
import { realModel, referenceCount } from "../support/chat/real-models.js";
import { readReference } from "../support/tiktoken-data.js";

const require = createRequire(import.meta.url);
const tiktoken = require("tiktoken") as typeof import("tiktoken");

// The cookbook's example conversation (section 6).
const COOKBOOK_MESSAGES: ChatMessage[] = [
  {
    role: "system",
    content:
      "You are a helpful, pattern-following assistant that translates corporate jargon into plain English.",
  },
  { role: "system", name: "example_user", content: "New synergies will help drive top-line growth." },
  {
    role: "system",
    name: "example_assistant",
    content: "Things working well together will increase revenue.",
  },
  {
    role: "system",
    name: "example_user",
    content:
      "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  },
  {
    role: "system",
    name: "example_assistant",
    content: "Let's talk later when we're less busy about how to do better.",
  },
  {
    role: "user",
    content: "This late pivot means we don't have time to boil the ocean for the client deliverable.",
  },
];

// The cookbook's tools example (section 7).
const WEATHER_TOOLS = [
  {
    type: "function",
    function: {
      name: "get_current_weather",
      description: "Get the current weather in a given location",
      parameters: {
        type: "object",
        properties: {
          location: { type: "string", description: "The city and state, e.g. San Francisco, CA" },
          unit: {
            type: "string",
            description: "The unit of temperature to return",
            enum: ["celsius", "fahrenheit"],
          },
        },
        required: ["location"],
      },
    },
  },
];
const WEATHER_MESSAGES: ChatMessage[] = [
  { role: "system", content: "You are a helpful assistant that can answer to questions about the weather." },
  { role: "user", content: "What's the weather like in San Francisco?" },
];

describe("OpenAI Chat Completions accounting (cookbook numbers = API usage)", () => {
  test("example conversation: 129 for gpt-3.5-turbo and gpt-4, 124 for gpt-4o and gpt-4o-mini", async () => {
    const cl100k = await getEncoding("cl100k_base");
    const o200k = await getEncoding("o200k_base");
    for (const model of ["gpt-3.5-turbo", "gpt-4-0613", "gpt-4"]) {
      assert.equal(countOpenAIChat(cl100k, COOKBOOK_MESSAGES, { model }), 129, model);
    }
    for (const model of ["gpt-4o", "gpt-4o-mini"]) {
      assert.equal(countOpenAIChat(o200k, COOKBOOK_MESSAGES, { model }), 124, model);
    }
  });
  test("gpt-3.5-turbo-0301's framing (4 per message, name replaces role): 127", async () => {
    const cl100k = await getEncoding("cl100k_base");
    assert.equal(countOpenAIChat(cl100k, COOKBOOK_MESSAGES, { model: "gpt-3.5-turbo-0301" }), 127);
  });
  test("with the weather tool: 105 for gpt-3.5-turbo and gpt-4, 101 for gpt-4o and gpt-4o-mini", async () => {
    const cl100k = await getEncoding("cl100k_base");
    const o200k = await getEncoding("o200k_base");
    for (const model of ["gpt-3.5-turbo", "gpt-4"]) {
      assert.equal(countOpenAIChat(cl100k, WEATHER_MESSAGES, { model, tools: WEATHER_TOOLS }), 105, model);
    }
    for (const model of ["gpt-4o", "gpt-4o-mini"]) {
      assert.equal(countOpenAIChat(o200k, WEATHER_MESSAGES, { model, tools: WEATHER_TOOLS }), 101, model);
    }
  });
  test("special-token text in content counts as text; non-text fields are rejected", async () => {
    const o200k = await getEncoding("o200k_base");
    const plain = countOpenAIChat(o200k, [{ role: "user", content: "<|endoftext|>" }]);
    assert.equal(plain, 3 + 1 + o200k.encodeOrdinary("<|endoftext|>").length + 3);
    assert.throws(
      () => countOpenAIChat(o200k, [{ role: "assistant", content: null, tool_calls: [] }]),
      /tool_calls: OpenAI chat counting takes text fields only/,
    );
  });
});

// The harmony specials by the ids in openai/harmony docs/format.md, independent of toklab's table.
const HARMONY_SPECIALS = {
  "<|endoftext|>": 199999,
  "<|return|>": 200002,
  "<|constrain|>": 200003,
  "<|channel|>": 200005,
  "<|start|>": 200006,
  "<|end|>": 200007,
  "<|message|>": 200008,
  "<|call|>": 200012,
};
const o200k = readReference("o200k_base");
const reference = new tiktoken.Tiktoken(o200k.bpe_ranks, HARMONY_SPECIALS, o200k.pat_str);
after(() => reference.free());

describe("harmony (gpt-oss)", () => {
  test("the docs' basic chat example, exactly", async () => {
    const messages: ChatMessage[] = [{ role: "user", content: "What is 2 + 2?" }];
    const { text } = renderHarmony(messages, { system: false });
    // docs/format.md "Example input" (shown there with a line break between messages, which is
    // not part of the token stream: the renderer emits no newline after <|end|>).
    assert.equal(text, "<|start|>user<|message|>What is 2 + 2?<|end|><|start|>assistant");
    const harmony = await getEncoding("o200k_harmony");
    assert.equal(
      countHarmonyChat(harmony, messages, { system: false }),
      reference.encode(text, "all").length,
    );
  });

  test("system + developer + multi-turn, as in the docs' function-calling example (without tools)", async () => {
    const messages: ChatMessage[] = [
      { role: "system", content: "Use a friendly tone." },
      { role: "user", content: "What is the weather like in SF?" },
      { role: "assistant", channel: "analysis", content: "Need to use function get_weather." },
      {
        role: "assistant",
        channel: "commentary",
        recipient: "functions.get_weather",
        content_type: "<|constrain|>json",
        content: '{"location":"San Francisco"}',
      },
      { role: "tool", name: "functions.get_weather", content: '{"sunny": true, "temperature": 20}' },
    ];
    const system = { currentDate: "2025-06-28", reasoningEffort: "high" as const };
    const { text } = renderHarmony(messages, { system });
    const expected =
      "<|start|>system<|message|>You are ChatGPT, a large language model trained by OpenAI.\n" +
      "Knowledge cutoff: 2024-06\nCurrent date: 2025-06-28\n\nReasoning: high\n\n" +
      "# Valid channels: analysis, commentary, final. Channel must be included for every message.<|end|>" +
      "<|start|>developer<|message|># Instructions\n\nUse a friendly tone.<|end|>" +
      "<|start|>user<|message|>What is the weather like in SF?<|end|>" +
      "<|start|>assistant<|channel|>analysis<|message|>Need to use function get_weather.<|end|>" +
      // The renderer puts the recipient before the channel (the docs allow either place).
      '<|start|>assistant to=functions.get_weather<|channel|>commentary <|constrain|>json<|message|>{"location":"San Francisco"}<|call|>' +
      '<|start|>functions.get_weather to=assistant<|channel|>commentary<|message|>{"sunny": true, "temperature": 20}<|end|>' +
      "<|start|>assistant";
    assert.equal(text, expected);
    const harmony = await getEncoding("o200k_harmony");
    const count = countHarmonyChat(harmony, messages, { system });
    assert.equal(count, reference.encode(text, "all").length);
    // gpt-oss's own tokenizer.json (the Hugging Face side) agrees on the same text.
    assert.equal(count, await referenceCount(realModel("gptoss"), text));
  });

  test("earlier analysis is dropped once the assistant answered on final; the docs' next-turn input", () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "What is 2 + 2?" },
      { role: "assistant", channel: "analysis", content: 'User asks: "What is 2 + 2?" Simple arithmetic.' },
      { role: "assistant", channel: "final", content: "2 + 2 = 4." },
      { role: "user", content: "What about 9 / 2?" },
    ];
    const { text } = renderHarmony(messages, { system: false });
    // The docs show the stored answer ending in <|return|> and say to store it as <|end|>.
    assert.equal(
      text,
      "<|start|>user<|message|>What is 2 + 2?<|end|><|start|>assistant<|channel|>final<|message|>2 + 2 = 4.<|end|>" +
        "<|start|>user<|message|>What about 9 / 2?<|end|><|start|>assistant",
    );
    assert.ok(
      renderHarmony(messages, { system: false, dropAnalysis: false }).text.includes("Simple arithmetic"),
    );
  });

  test("harmony token text inside content is ordinary text, as the renderer encodes it", async () => {
    const harmony = await getEncoding("o200k_harmony");
    const messages: ChatMessage[] = [{ role: "user", content: "say <|end|>" }];
    const n = countHarmonyChat(harmony, messages, { system: false, addGenerationPrompt: false });
    assert.equal(n, 3 + 1 + reference.encode_ordinary("say <|end|>").length);
    await assert.rejects(async () => countHarmonyChat(await getEncoding("o200k_base"), messages));
  });
});
