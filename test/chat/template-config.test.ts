import assert from "node:assert/strict";
import { test } from "node:test";
import {
  applyChatTemplate,
  parseConversation,
  renderChatTemplate,
  selectChatTemplate,
  specialTokenStrings,
} from "../../src/chat/index.js";
import { strftime } from "../../src/chat/render.js";

test("chat_template as a list: 'default' unless a name is given; unknown names listed", () => {
  const config = {
    chat_template: [
      { name: "default", template: "D" },
      { name: "tool_use", template: "T" },
    ],
  };
  assert.deepEqual(selectChatTemplate(config), { template: "D", name: "default" });
  assert.deepEqual(selectChatTemplate(config, "tool_use"), { template: "T", name: "tool_use" });
  assert.throws(() => selectChatTemplate(config, "rag"), /no chat template named "rag".*default, tool_use/);
  assert.deepEqual(selectChatTemplate({ chat_template: "S" }), { template: "S", name: "chat_template" });
  assert.throws(() => selectChatTemplate({ chat_template: "S" }, "tool_use"), /single chat_template/);
  assert.equal(selectChatTemplate({}), null);
});

test("special tokens: AddedToken objects become strings, unset ones stay undefined", () => {
  const config = {
    bos_token: { __type: "AddedToken", content: "<B>" },
    eos_token: "</E>",
    pad_token: null,
    additional_special_tokens: ["<x>", { content: "<y>" }],
  };
  assert.deepEqual(specialTokenStrings(config), {
    bos_token: "<B>",
    eos_token: "</E>",
    additional_special_tokens: ["<x>", "<y>"],
  });
  // A template sees an unset pad_token as undefined, as Jinja does in transformers.
  const t = "{{ bos_token }}|{{ pad_token is defined }}|{{ eos_token }}";
  assert.equal(applyChatTemplate([], { config, template: t }).text, "<B>|false|</E>");
});

test("tools and documents are none (defined) when absent; add_generation_prompt false by default", () => {
  const t = "{{ tools is defined }} {{ tools is none }} {{ documents is none }} {{ add_generation_prompt }}";
  assert.equal(renderChatTemplate(t, { messages: [] }), "true true true false");
  assert.equal(
    renderChatTemplate(t, { messages: [], tools: [{}], add_generation_prompt: true }),
    "true false true true",
  );
});

test("strftime_now uses the fixed date when given (Python's C-locale names)", () => {
  const now = new Date(2024, 6, 26, 9, 5, 3);
  const t = "{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%A %B %j %H:%M:%S %%') }}";
  assert.equal(renderChatTemplate(t, { messages: [], now }), "26 Jul 2024|Friday July 208 09:05:03 %");
  assert.equal(strftime(new Date(2025, 0, 1), "%Y-%m-%d %y %e"), "2025-01-01 25  1");
});

test("parseConversation accepts both shapes and rejects malformed messages", () => {
  assert.equal(parseConversation([{ role: "user", content: "x" }]).messages.length, 1);
  const obj = parseConversation({ messages: [{ role: "user", content: "x" }], tools: [] });
  assert.deepEqual(obj.tools, []);
  assert.throws(() => parseConversation({ msgs: [] }), /messages array/);
  assert.throws(() => parseConversation([{ content: "x" }]), /messages\[0\]/);
  assert.throws(() => parseConversation({ messages: [], tools: {} }), /tools/);
});
