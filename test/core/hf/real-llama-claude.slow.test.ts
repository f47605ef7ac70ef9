import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeMismatch, GROUPS, load, REAL_FILES, realFileTests } from "../../support/hf/real-files.js";

for (const name of GROUPS[0]) realFileTests(name);

test("the groups cover the 11 files once", () => {
  assert.deepEqual(GROUPS.flat().sort(), [...REAL_FILES].sort());
});

test("the comparison reports a difference: Llama 3.1 adds <|begin_of_text|>, Llama 3 does not", async () => {
  const crossed = { ...load("llama3"), theirs: load("llama3_1").theirs };
  assert.equal(await encodeMismatch(crossed, "Hello world", false), null);
  assert.match((await encodeMismatch(crossed, "Hello world", true)) ?? "", /ids\[0\]/);
});
