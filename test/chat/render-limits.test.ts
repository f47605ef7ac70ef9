/**
 * Chat templates come from strangers on the Hub: a template that loops, allocates or grows a
 * string without end fails with a TemplateLimitError instead of killing or hanging the process.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderChatTemplate, TEMPLATE_LIMITS, TemplateLimitError } from "../../src/chat/render.js";

const messages = [{ role: "user", content: "hi" }];

const HOSTILE: readonly [string, string, RegExp][] = [
  [
    "a range of a billion",
    "{% for i in range(1000000000) %}x{% endfor %}",
    /range\(\) of 1000000000 numbers/,
  ],
  [
    "a negative step to far away",
    "{{ range(0, -1000000000, -1)|length }}",
    /range\(\) of 1000000000 numbers/,
  ],
  [
    "nested ranges",
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    /more than 300000 numbers in all|more than 1000000 evaluation steps/,
  ],
  [
    "a string doubled forty times",
    "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    /a string longer than/,
  ],
  ["an indent of 50 million spaces", "{{ 'a\\nb'|indent(50000000) }}", /a string longer than/],
];

for (const [what, template, message] of HOSTILE) {
  test(`a hostile template fails cleanly: ${what}`, () => {
    assert.throws(
      () => renderChatTemplate(template, { messages }),
      (e: unknown) => {
        assert.ok(e instanceof Error, String(e));
        assert.match(e.message, message);
        return true;
      },
    );
  });
}

test("the limits leave real templates room: range(100000) and many messages render", () => {
  assert.equal(
    renderChatTemplate("{{ range(TEMPLATE_MAX)|length }}", { messages, TEMPLATE_MAX: TEMPLATE_LIMITS.range }),
    "100000",
  );
  const many = Array.from({ length: 2000 }, (_, i) => ({
    role: i % 2 ? "assistant" : "user",
    content: `m${i}`,
  }));
  const out = renderChatTemplate("{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}", {
    messages: many,
  });
  assert.ok(out.endsWith("<assistant>m1999"));
  assert.ok(new TemplateLimitError("x").message.includes("docs/security.md"));
});
