import assert from "node:assert/strict";
import { test } from "node:test";
import { benchCommand } from "../../bench/format.js";

test("the report's command leaves out where the report was written", () => {
  assert.equal(benchCommand([]), "`npm run bench`");
  assert.equal(benchCommand(["--hf", "--out", "/tmp/x.md"]), "`npm run bench -- --hf`");
  assert.equal(
    benchCommand(["--out", "r.md", "--quick", "--only", "toklab"]),
    "`npm run bench -- --quick --only toklab`",
  );
  assert.equal(benchCommand(["--heads", "20"], "bench:train"), "`npm run bench:train -- --heads 20`");
});
