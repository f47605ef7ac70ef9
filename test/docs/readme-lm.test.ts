import assert from "node:assert/strict";
import { test } from "node:test";
import { runReadmeBlock } from "../support/docs/readme-block.js";

test("README byte-level language model example runs and its commented results are true", async () => {
  const checks = await runReadmeBlock("## Language models over bytes");
  assert.ok(checks >= 8, `expected the example to state its results, found ${checks}`);
});
