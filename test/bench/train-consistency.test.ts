import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { proseLines } from "../../bench/train-consistency.js";

describe("proseLines", () => {
  test("keeps trimmed sentence-like lines, drops code and short lines", () => {
    const kept = proseLines([
      "    x = f(y) + g(z) * h(w) - k(v) / m(u) + n(t)\n",
      "  The quick brown fox jumps over the lazy dog again.\n",
      "Too short.\n",
      "int main(int argc, char **argv) { return 0; } // entry point here\n",
      "Problem:    Wiping out a terminal buffer makes some tests fail.\n",
    ]);
    assert.deepEqual(kept, [
      "The quick brown fox jumps over the lazy dog again.",
      "Problem:    Wiping out a terminal buffer makes some tests fail.",
    ]);
    assert.equal(
      proseLines(
        ["The quick brown fox jumps over the lazy dog again.\n"].concat(
          Array(3).fill("The quick brown fox jumps over the lazy dog again."),
        ),
        2,
      ).length,
      2,
    );
  });
});
