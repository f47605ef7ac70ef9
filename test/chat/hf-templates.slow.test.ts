/**
 * The chat templates shipped in real tokenizer_config.json files, rendered by toklab, against
 * strings written by hand from each model's documented prompt format; and their token counts
 * against the Hugging Face binding encoding the same text with add_special_tokens=False (what
 * `apply_chat_template(tokenize=True)` does).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { applyChatTemplate, countChatTokens } from "../../src/chat/index.js";
import type { ChatMessage } from "../../src/chat/types.js";
import { type RealModel, realModel, referenceCount } from "../support/chat/real-models.js";

const SYSTEM: ChatMessage = { role: "system", content: "You are terse." };
const ONE_TURN: ChatMessage[] = [SYSTEM, { role: "user", content: "Hi there" }];
const MULTI_TURN: ChatMessage[] = [
  SYSTEM,
  { role: "user", content: "Hi there" },
  { role: "assistant", content: "Hello." },
  { role: "user", content: "What is 2+2? Answer in 日本語 🙂" },
];

/** Renders with the model's own template and checks the count and ids against the binding. */
async function renderAndCount(
  model: RealModel,
  messages: ChatMessage[],
  options: Parameters<typeof applyChatTemplate>[1] = {},
): Promise<{ text: string; ids: number[] }> {
  const counted = countChatTokens(model.ours, messages, { config: model.config, ...options });
  assert.equal(counted.tokens, await referenceCount(model, counted.text), "token count vs the binding");
  const ids = model.ours.encode(counted.text, { allowedSpecial: "all" });
  const ref = await model.reference.encode(counted.text, null, { addSpecialTokens: false });
  assert.deepEqual(ids, Array.from(ref.getIds()), "ids vs the binding");
  return { text: counted.text, ids };
}

// Meta's Llama 3 prompt format: <|begin_of_text|>, then per message
// <|start_header_id|>{role}<|end_header_id|>\n\n{content}<|eot_id|>, then the assistant header.
const llama3Header = (role: string) => `<|start_header_id|>${role}<|end_header_id|>\n\n`;

describe("Llama 3 (Meta-Llama-3-8B: its template always ends with the assistant header)", () => {
  test("one turn", async () => {
    const { text } = await renderAndCount(realModel("llama3"), ONE_TURN);
    assert.equal(
      text,
      `<|begin_of_text|>${llama3Header("system")}You are terse.<|eot_id|>${llama3Header("user")}Hi there<|eot_id|>${llama3Header("assistant")}`,
    );
  });
  test("multi-turn; no generation prompt changes nothing for this template", async () => {
    const model = realModel("llama3");
    const expected =
      `<|begin_of_text|>${llama3Header("system")}You are terse.<|eot_id|>` +
      `${llama3Header("user")}Hi there<|eot_id|>${llama3Header("assistant")}Hello.<|eot_id|>` +
      `${llama3Header("user")}What is 2+2? Answer in 日本語 🙂<|eot_id|>${llama3Header("assistant")}`;
    assert.equal((await renderAndCount(model, MULTI_TURN)).text, expected);
    assert.equal((await renderAndCount(model, MULTI_TURN, { addGenerationPrompt: false })).text, expected);
  });
});

describe("Llama 3.1 (honours add_generation_prompt)", () => {
  test("with and without the generation prompt", async () => {
    const model = realModel("llama3_1");
    const body =
      `<|begin_of_text|>${llama3Header("system")}You are terse.<|eot_id|>` +
      `${llama3Header("user")}Hi there<|eot_id|>`;
    assert.equal((await renderAndCount(model, ONE_TURN)).text, `${body}${llama3Header("assistant")}`);
    assert.equal((await renderAndCount(model, ONE_TURN, { addGenerationPrompt: false })).text, body);
  });
  test("content is trimmed, as the template says (`| trim`)", async () => {
    const { text } = await renderAndCount(realModel("llama3_1"), [{ role: "user", content: "  padded \n" }]);
    assert.equal(
      text,
      `<|begin_of_text|>${llama3Header("user")}padded<|eot_id|>${llama3Header("assistant")}`,
    );
  });
});

// Qwen's ChatML: <|im_start|>{role}\n{content}<|im_end|>\n, reply primed with <|im_start|>assistant\n.
describe("Qwen 3", () => {
  const model = () => realModel("qwen3");
  test("multi-turn with the generation prompt", async () => {
    const { text, ids } = await renderAndCount(model(), MULTI_TURN);
    assert.equal(
      text,
      "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nHi there<|im_end|>\n" +
        "<|im_start|>assistant\nHello.<|im_end|>\n<|im_start|>user\nWhat is 2+2? Answer in 日本語 🙂<|im_end|>\n" +
        "<|im_start|>assistant\n",
    );
    // No BOS: Qwen 3 has none (bos_token null), the text starts with <|im_start|>.
    assert.equal(ids[0], model().ours.tokenToId("<|im_start|>"));
  });
  test("without the generation prompt, and enable_thinking=false's empty think block", async () => {
    const one = "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nHi there<|im_end|>\n";
    assert.equal((await renderAndCount(model(), ONE_TURN, { addGenerationPrompt: false })).text, one);
    const noThink = await renderAndCount(model(), ONE_TURN, { extra: { enable_thinking: false } });
    assert.equal(noThink.text, `${one}<|im_start|>assistant\n<think>\n\n</think>\n\n`);
  });
  test("reasoning of earlier turns is dropped, the last turn's kept", async () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "a?" },
      { role: "assistant", content: "<think>\nold thoughts\n</think>\n\nA." },
      { role: "user", content: "b?" },
      { role: "assistant", content: "<think>\nnew thoughts\n</think>\n\nB." },
    ];
    const { text } = await renderAndCount(model(), messages, { addGenerationPrompt: false });
    assert.equal(
      text,
      "<|im_start|>user\na?<|im_end|>\n<|im_start|>assistant\nA.<|im_end|>\n<|im_start|>user\nb?<|im_end|>\n" +
        "<|im_start|>assistant\n<think>\nnew thoughts\n</think>\n\nB.<|im_end|>\n",
    );
  });
  test("tools are rendered into the system turn as JSON", async () => {
    const tools = [
      { type: "function", function: { name: "now", description: "Current time", parameters: {} } },
    ];
    const { text } = await renderAndCount(model(), ONE_TURN, { tools });
    assert.ok(text.startsWith("<|im_start|>system\nYou are terse.\n\n# Tools\n"), text);
    assert.ok(text.includes('<tools>\n{"type": "function", "function": {"name": "now"'), text);
  });
});

// Gemma 3: <bos>, turns <start_of_turn>{user|model}\n{content}<end_of_turn>\n; the system text
// is prepended to the first user turn followed by a blank line.
describe("Gemma 3", () => {
  const model = () => realModel("gemma3");
  test("multi-turn: system folded into the first user turn, assistant called model", async () => {
    const { text, ids } = await renderAndCount(model(), MULTI_TURN);
    assert.equal(
      text,
      "<bos><start_of_turn>user\nYou are terse.\n\nHi there<end_of_turn>\n" +
        "<start_of_turn>model\nHello.<end_of_turn>\n" +
        "<start_of_turn>user\nWhat is 2+2? Answer in 日本語 🙂<end_of_turn>\n<start_of_turn>model\n",
    );
    const bos = model().ours.tokenToId("<bos>");
    assert.equal(ids.filter((id) => id === bos).length, 1);
    assert.equal(ids[0], bos);
  });
  test("without the generation prompt", async () => {
    const { text } = await renderAndCount(model(), [{ role: "user", content: "Hi" }], {
      addGenerationPrompt: false,
    });
    assert.equal(text, "<bos><start_of_turn>user\nHi<end_of_turn>\n");
  });
  test("raise_exception in the template becomes an Error with its message", () => {
    const bad: ChatMessage[] = [
      { role: "user", content: "a" },
      { role: "user", content: "b" },
    ];
    assert.throws(() => applyChatTemplate(bad, { config: model().config }), /roles must alternate/);
  });
});

/** Invariants for templates without a hand-written expectation. */
function checkInvariants(
  text: string,
  ids: number[],
  messages: ChatMessage[],
  bos: { text: string; id: number | undefined },
  generationPrompt: string,
): void {
  let at = 0;
  for (const m of messages) {
    const found = text.indexOf(String(m.content), at);
    assert.ok(found >= at, `content of ${m.role} missing or out of order`);
    at = found + String(m.content).length;
  }
  assert.ok(text.startsWith(bos.text), "starts with BOS");
  assert.equal(ids.filter((id) => id === bos.id).length, 1, "BOS once");
  assert.equal(ids[0], bos.id);
  assert.ok(text.endsWith(generationPrompt), "ends with the generation prompt");
}

describe("templates checked by invariants", () => {
  test("DeepSeek V3 (special tokens stored as AddedToken objects)", async () => {
    const model = realModel("deepseek_v3");
    const { text, ids } = await renderAndCount(model, MULTI_TURN);
    const bos = "<｜begin▁of▁sentence｜>";
    checkInvariants(text, ids, MULTI_TURN, { text: bos, id: model.ours.tokenToId(bos) }, "<｜Assistant｜>");
    const without = await renderAndCount(model, MULTI_TURN, { addGenerationPrompt: false });
    assert.ok(!without.text.endsWith("<｜Assistant｜>"));
  });
  test("Gemini (Gemma-style template in the gemini package)", async () => {
    const model = realModel("gemini");
    const messages = MULTI_TURN.slice(1);
    const { text, ids } = await renderAndCount(model, messages);
    checkInvariants(
      text,
      ids,
      messages,
      { text: "<bos>", id: model.ours.tokenToId("<bos>") },
      "<start_of_turn>model\n",
    );
  });
  test("Llama 2: its config has no template, a custom one in Meta's [INST] format is used", async () => {
    const model = realModel("llama2");
    assert.throws(() => applyChatTemplate(ONE_TURN, { config: model.config }), /no chat_template/);
    // Meta's documented Llama 2 chat format, written here as a template:
    // <s>[INST] <<SYS>>\n{system}\n<</SYS>>\n\n{user} [/INST] {answer} </s><s>[INST] {user} [/INST]
    const template =
      "{%- if messages[0].role == 'system' -%}{%- set sys = '<<SYS>>\\n' + messages[0].content + '\\n<</SYS>>\\n\\n' -%}" +
      "{%- set turns = messages[1:] -%}{%- else -%}{%- set sys = '' -%}{%- set turns = messages -%}{%- endif -%}" +
      "{%- for m in turns -%}{%- if m.role == 'user' -%}{{ bos_token + '[INST] ' + (sys if loop.first else '') + m.content + ' [/INST]' }}" +
      "{%- else -%}{{ ' ' + m.content + ' ' + eos_token }}{%- endif -%}{%- endfor -%}";
    const counted = countChatTokens(model.ours, MULTI_TURN, { config: model.config, template });
    assert.equal(counted.templateSource, "custom");
    assert.equal(
      counted.text,
      "<s>[INST] <<SYS>>\nYou are terse.\n<</SYS>>\n\nHi there [/INST] Hello. </s>" +
        "<s>[INST] What is 2+2? Answer in 日本語 🙂 [/INST]",
    );
    assert.equal(counted.tokens, await referenceCount(model, counted.text));
  });
});
