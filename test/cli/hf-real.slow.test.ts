/**
 * The CLI's machine contract on real files: `toklab encode -t FILE --jsonl --allow-special`
 * prints HF's `encode(text, add_special_tokens=False)` ids (special tokens in the text
 * recognised, no template), `--add-special` adds the template; without `--allow-special`,
 * special-token text is ordinary text, as for tiktoken encodings.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { Tokenizer } from "tokenizers";
import { type RealFile, realPath } from "../support/hf/real-files.js";

const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

function toklab(
  args: string[],
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", main, ...args]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const TEXTS = [
  "Hello, world!",
  "<|begin_of_text|>Hi <|eot_id|> there <s> x</s>",
  "日本語 naïve café 😀 1234567",
  "  leading\n\n\ttabs  ",
  "",
];

for (const [name, changes] of [
  ["llama3", false],
  ["llama2", true],
] as [RealFile, boolean][]) {
  test(`toklab encode --jsonl on ${name}: HF ids without and with --add-special`, async () => {
    const ref = Tokenizer.fromString(readFileSync(realPath(name), "utf8"));
    const input = `${TEXTS.map((t) => JSON.stringify(t)).join("\n")}\n`;
    const [plain, special, ordinary] = await Promise.all([
      toklab(["encode", "-t", realPath(name), "--jsonl", "--allow-special"], input),
      toklab(["encode", "-t", realPath(name), "--jsonl", "--allow-special", "--add-special"], input),
      toklab(["encode", "-t", realPath(name), "--jsonl"], input),
    ]);
    for (const [r, add] of [
      [plain, false],
      [special, true],
    ] as const) {
      assert.equal(r.code, 0, r.stderr);
      const got = r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l));
      const want = await Promise.all(
        TEXTS.map(async (t) => (await ref.encode(t, null, { addSpecialTokens: add })).getIds()),
      );
      assert.deepEqual(got, want, `add_special_tokens=${add}`);
    }
    // Llama 2's template prepends <s>; Llama 3's file has only a ByteLevel post-processor.
    assert.equal(plain.stdout !== special.stdout, changes);
    // By default no special token comes out of text; text without one encodes as with the flag.
    const specialIds = new Set(
      (JSON.parse(readFileSync(realPath(name), "utf8")).added_tokens as { id: number; special: boolean }[])
        .filter((a) => a.special)
        .map((a) => a.id),
    );
    const ordinaryIds: number[][] = ordinary.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    const withFlag: number[][] = plain.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    TEXTS.forEach((t, i) => {
      assert.ok(!ordinaryIds[i].some((id) => specialIds.has(id)), `a special id from ${JSON.stringify(t)}`);
      if (!withFlag[i].some((id) => specialIds.has(id))) assert.deepEqual(ordinaryIds[i], withFlag[i]);
    });
  });
}
