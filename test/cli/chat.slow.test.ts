import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { get_encoding } from "tiktoken";
import { modelDir, realModel, referenceCount } from "../support/chat/real-models.js";

const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "toklab-chat-"));

function toklab(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args], { input });
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

const lastLine = (s: string) => s.trimEnd().split("\n").at(-1);

const CONVERSATION = [
  { role: "system", content: "You are terse." },
  { role: "user", content: "Hi there" },
];
const file = join(dir, "conversation.json");
writeFileSync(file, JSON.stringify(CONVERSATION));

test("count --chat with a model directory: the Qwen 3 template, counted as the binding counts it", async () => {
  const r = toklab(["count", "-t", modelDir("qwen3"), "--chat", file]);
  assert.equal(r.code, 0, r.stderr);
  const rendered =
    "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nHi there<|im_end|>\n<|im_start|>assistant\n";
  assert.equal(lastLine(r.stdout), String(await referenceCount(realModel("qwen3"), rendered)));
  const without = toklab(["count", "-t", modelDir("qwen3"), "--chat", "--no-generation-prompt", file]);
  assert.equal(Number(lastLine(without.stdout)), Number(lastLine(r.stdout)) - 3); // <|im_start|>assistant\n
});

test("count --chat --json reports the rendered length and the template source; stdin works", () => {
  const r = toklab(
    ["count", "-t", modelDir("llama3_1"), "--chat", "--json", "-"],
    JSON.stringify(CONVERSATION),
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const rendered =
    "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are terse.<|eot_id|>" +
    "<|start_header_id|>user<|end_header_id|>\n\nHi there<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n";
  assert.equal(out.files[0].renderedChars, rendered.length);
  assert.equal(out.files[0].templateSource, "chat_template");
  assert.equal(out.total, out.files[0].tokens);
});

test("count --chat with OpenAI models: the cookbook accounting, model constants from -t", () => {
  const withTools = join(dir, "tools.json");
  writeFileSync(
    withTools,
    JSON.stringify({
      messages: [{ role: "user", content: "Hello!" }],
      tools: [{ type: "function", function: { name: "now", description: "The time." } }],
    }),
  );
  // 3 per message + "user" (1) + "Hello!" (2) + 3 priming.
  const r = toklab(["count", "-t", "gpt-4o", "--chat", withTools, file]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  // func_init (7 for gpt-4o, 10 for gpt-4) + `name:description` without its final "." + func_end 12
  const o200k = get_encoding("o200k_base");
  const cl100k = get_encoding("cl100k_base");
  assert.equal(lines[0], `${9 + 7 + o200k.encode("now:The time").length + 12}\t${withTools}`);
  const gpt4 = 3 + 1 + cl100k.encode("Hello!").length + 3 + 10 + cl100k.encode("now:The time").length + 12;
  assert.equal(toklab(["count", "-t", "gpt-4", "--chat", withTools]).stdout.trim(), String(gpt4));
  o200k.free();
  cl100k.free();
});

test("count --chat with o200k_harmony renders harmony", () => {
  const r = toklab(["count", "-t", "o200k_harmony", "--chat", "--json", file]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.files[0].templateSource, "harmony");
  assert.ok(out.total > 30, String(out.total)); // the system message alone is ~30 tokens
});

test("count --chat errors: no template, unknown template name, malformed file", () => {
  const llama2 = toklab(["count", "-t", modelDir("llama2"), "--chat", file]);
  assert.equal(llama2.code, 1);
  assert.match(llama2.stderr, /no chat_template/);
  const named = toklab(["count", "-t", modelDir("qwen3"), "--chat", "--template", "tool_use", file]);
  assert.equal(named.code, 1);
  assert.match(named.stderr, /single chat_template/);
  const bad = join(dir, "bad.json");
  writeFileSync(bad, JSON.stringify({ message: [] }));
  const malformed = toklab(["count", "-t", "gpt-4o", "--chat", bad]);
  assert.equal(malformed.code, 1);
  assert.match(malformed.stderr, /bad\.json: a conversation is/);
  const custom = join(dir, "t.jinja");
  writeFileSync(custom, "{% for m in messages %}[INST] {{ m.content }} [/INST]{% endfor %}");
  const ok = toklab(["count", "-t", modelDir("llama2"), "--chat", "--template-file", custom, "--json", file]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).files[0].templateSource, "custom");
});

test("count --chat with content as a list of text parts (OpenAI's format): counted, also from --text", () => {
  const listed = [
    { role: "system", content: [{ type: "text", text: "You are terse." }] },
    { role: "user", content: [{ type: "text", text: "Hi there" }] },
  ];
  const asString = lastLine(toklab(["count", "-t", "gpt-4o", "--chat", file]).stdout);
  for (const t of ["gpt-4o", "o200k_harmony", modelDir("gemma3")]) {
    const r = toklab(["count", "-t", t, "--chat", "--text", JSON.stringify(listed)]);
    assert.equal(r.code, 0, `${t}: ${r.stderr}`);
    if (t === "gpt-4o") assert.equal(lastLine(r.stdout), asString);
  }
  const qwen = toklab(["count", "-t", modelDir("qwen3"), "--chat", "--text", JSON.stringify(listed)]);
  assert.equal(qwen.code, 1);
  assert.match(
    qwen.stderr,
    /<text>: the chat template \(chat_template\) failed: .*give the content as a string/,
  );
  assert.doesNotMatch(qwen.stderr, /Cannot call something that is not a function/);
});
