/**
 * Content given as a list of parts (OpenAI's `[{type: "text", text}]`): counted as text by the
 * OpenAI accounting and harmony, passed as it is to Hugging Face templates (as transformers
 * does), with a clear error where a part or a template cannot take it.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  applyChatTemplate,
  contentTexts,
  countChatTokens,
  countHarmonyChat,
  countOpenAIChat,
  parseConversation,
  renderChatTemplate,
} from "../../src/chat/index.js";
import type { ChatMessage } from "../../src/chat/types.js";
import { getEncoding } from "../../src/encodings/index.js";
import { realModel, referenceCount } from "../support/chat/real-models.js";

const parts = (...texts: string[]) => texts.map((text) => ({ type: "text", text }));

describe("the OpenAI accounting and harmony count text parts", () => {
  test("one text part counts as the same string; several count each part's text", async () => {
    const enc = await getEncoding("o200k_base");
    const asString = countOpenAIChat(enc, [{ role: "user", content: "Hello there!" }], { model: "gpt-4o" });
    assert.equal(
      countOpenAIChat(enc, [{ role: "user", content: parts("Hello there!") }], { model: "gpt-4o" }),
      asString,
    );
    const two = countOpenAIChat(enc, [{ role: "user", content: parts("Hello", " there!") }], {
      model: "gpt-4o",
    });
    assert.equal(two, 3 + enc.count("user") + enc.count("Hello") + enc.count(" there!") + 3);
  });

  test("a part that is not text is an error that names it", async () => {
    const enc = await getEncoding("o200k_base");
    const image = [
      { type: "text", text: "What is this?" },
      { type: "image_url", image_url: { url: "x.png" } },
    ];
    assert.throws(
      () =>
        countOpenAIChat(enc, [
          { role: "system", content: "s" },
          { role: "user", content: image },
        ]),
      /messages\[1\]\.content\[1\]: a "image_url" part; only text parts/,
    );
    assert.throws(
      () => contentTexts([{ type: "text", text: 3 }], "messages[0]"),
      /a text part without a string "text"/,
    );
  });

  test("harmony writes the parts' texts one after the other", async () => {
    const enc = await getEncoding("o200k_harmony");
    const joined = countHarmonyChat(enc, [{ role: "user", content: "Hello there!" }]);
    assert.equal(countHarmonyChat(enc, [{ role: "user", content: parts("Hello", " there!") }]), joined);
  });

  test("parseConversation checks the shape of content", () => {
    assert.throws(
      () => parseConversation([{ role: "user", content: ["hi"] }]),
      /messages\[0\]\.content\[0\]: expected a part/,
    );
    assert.throws(
      () => parseConversation([{ role: "user", content: 3 }]),
      /messages\[0\]\.content: expected a string or a list of parts/,
    );
    assert.equal(parseConversation([{ role: "user", content: parts("hi") }]).messages.length, 1);
  });
});

describe("Hugging Face templates get the list as it is", () => {
  test("Gemma 3 iterates over parts: one text part renders as the string, the count matches the binding", async () => {
    const gemma = realModel("gemma3");
    const messages: ChatMessage[] = [{ role: "user", content: parts("Hi there") }];
    const listed = countChatTokens(gemma.ours, messages, { config: gemma.config });
    const plain = countChatTokens(gemma.ours, [{ role: "user", content: "Hi there" }], {
      config: gemma.config,
    });
    assert.equal(listed.text, plain.text);
    assert.equal(listed.tokens, await referenceCount(gemma, listed.text));
  });

  test("templates written for strings fail saying so (Qwen 3, Llama 3.1, DeepSeek V3), as in transformers", () => {
    for (const name of ["qwen3", "llama3_1", "deepseek_v3"]) {
      const { config } = realModel(name);
      assert.throws(
        () =>
          applyChatTemplate(
            [
              { role: "system", content: "Be terse." },
              { role: "user", content: parts("Hi") },
            ],
            { config },
          ),
        /the chat template \(chat_template\) failed: .*; messages\[1\]\.content is a list of parts, which this template does not take/,
        name,
      );
    }
  });

  test("a string and a list do not add up, as in Python; other additions are unchanged", () => {
    const messages: ChatMessage[] = [{ role: "user", content: parts("x") }];
    assert.throws(() => renderChatTemplate("{{ 'a' + messages[0].content }}", { messages }), {
      name: "TypeError",
      message: 'can only concatenate str (not "list") to str',
    });
    assert.throws(() => renderChatTemplate("{{ messages[0].content[0] + 'a' }}", { messages }), {
      message: "unsupported operand type(s) for +: 'dict' and 'str'",
    });
    assert.equal(
      renderChatTemplate("{{ 'a' + 'b' }}{{ 1 + 2 }}{{ ([1] + [2]) | length }}", { messages }),
      "ab32",
    );
    assert.equal(
      renderChatTemplate("{% for p in messages[0].content %}{{ p.text + '!' }}{% endfor %}", { messages }),
      "x!",
    );
  });
});
