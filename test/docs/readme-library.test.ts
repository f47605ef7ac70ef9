import assert from "node:assert/strict";
import { test } from "node:test";
import { runReadmeBlock } from "../support/docs/readme-block.js";

test("README library example runs and its commented results are true", async () => {
  const checks = await runReadmeBlock("## Library");
  assert.ok(checks >= 8, `expected the example to state its results, found ${checks}`);
});
