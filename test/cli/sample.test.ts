/** The default command (`toklab`, `npm start`): a newcomer's first look. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SAMPLE_TEXT } from "../../src/cli/sample.js";
import { toklab } from "../support/cli.js";

test("the sample cut into tokens by three encodings, one row per distinct ids, what to try next", async () => {
  const r = await toklab([], { env: { NO_COLOR: "1" } });
  assert.equal(r.code, 0, r.stderr);
  for (const name of ["r50k_base", "cl100k_base", "o200k_base"]) {
    assert.match(r.stdout, new RegExp(`^${name} \\(.*\\): \\d+ tokens$`, "m"));
  }
  assert.match(r.stdout, /^Token\|izers\|·decide\|/m, "pieces separated by | off a terminal");
  // Same ids on ordinary text: one row each, with a note.
  assert.match(r.stdout, /^gpt2 = r50k_base +\d+/m);
  assert.match(r.stdout, /^p50k_base = p50k_edit +\d+/m);
  assert.match(r.stdout, /^o200k_base = o200k_harmony +\d+/m);
  assert.match(r.stdout, /o200k_harmony differs from o200k_base only in its special tokens/);
  assert.doesNotMatch(r.stdout, /^o200k_harmony +\d+/m);
  assert.match(r.stdout, /^Next:\n {2}toklab encode -t gpt-4o --text/m);
  assert.doesNotMatch(r.stdout, /\x1b\[/);
});

test("colours on a terminal (FORCE_COLOR stands in for one); -t picks the tokenizers; --json keeps every row", async () => {
  const c = await toklab(["-t", "o200k_base"], { env: { FORCE_COLOR: "1", NO_COLOR: "" } });
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stdout, /\x1b\[38;5;16;48;5;\d+mToken\x1b\[0m/);
  assert.doesNotMatch(c.stdout, /^cl100k_base/m);
  const j = await toklab(["--json"]);
  const rows = JSON.parse(j.stdout).tokenizers as { tokenizer: string; same_ids_as: string | null }[];
  assert.equal(rows.length, 7);
  assert.equal(rows.find((x) => x.tokenizer === "o200k_harmony")?.same_ids_as, "o200k_base");
  assert.equal(rows.find((x) => x.tokenizer === "cl100k_base")?.same_ids_as, null);
  assert.ok(SAMPLE_TEXT.length > 500);
  const extra = await toklab(["sample", "README.md"]);
  assert.equal(extra.code, 2);
});
