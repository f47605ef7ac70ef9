import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addOcrNoise, noisyCopies, OCR_CONFUSIONS } from "../../bench/train-noise.js";
import { seededRandom } from "../../src/core/random.js";

const TEXT = "Whereas recognition of the inherent dignity and of the equal rights of all 1948. ".repeat(200);

describe("addOcrNoise", () => {
  test("the alignment is exact: kept characters map in order onto themselves", () => {
    const n = addOcrNoise(TEXT, 0.2, seededRandom(5));
    let last = -1;
    n.map.forEach((to, i) => {
      if (to < 0) return;
      assert.equal(n.noisy[to], n.clean[i], `character ${i}`);
      assert.ok(to > last, "increasing");
      last = to;
    });
    const { substitutions, deletions, insertions } = n.edits;
    assert.equal(n.noisy.length, n.clean.length - deletions + insertions);
    assert.equal(n.map.filter((x) => x < 0).length, substitutions + deletions);
  });

  test("an untouched gap has one image: its two characters stay adjacent", () => {
    const n = addOcrNoise(TEXT, 0.1, seededRandom(6));
    let untouched = 0;
    for (let g = 1; g < n.clean.length; g++) {
      if (n.touched[g]) continue;
      untouched++;
      assert.ok(n.map[g - 1] >= 0 && n.map[g] === n.map[g - 1] + 1, `gap ${g}`);
    }
    assert.ok(untouched > n.clean.length * 0.7);
  });

  test("about `rate` of the characters are edited, half of them substituted", () => {
    const n = addOcrNoise(TEXT, 0.05, seededRandom(7));
    const { substitutions, deletions, insertions } = n.edits;
    const total = substitutions + deletions + insertions;
    const expected = 0.05 * n.clean.length;
    assert.ok(Math.abs(total - expected) < 4 * Math.sqrt(expected), `${total} edits, expected ~${expected}`);
    assert.ok(Math.abs(substitutions / total - 0.5) < 0.1, `${substitutions} of ${total}`);
  });

  test("substitutions change the character, to its OCR look-alike when it has one", () => {
    // Noisy characters that are no clean character's image are substitutes and insertions.
    const extras = (n: ReturnType<typeof addOcrNoise>) => {
      const images = new Set(n.map);
      return n.noisy.filter((_, k) => !images.has(k));
    };
    const ls = addOcrNoise("l".repeat(3000), 0.3, seededRandom(8));
    assert.equal(OCR_CONFUSIONS.l, "1");
    // Insertions never draw "1", so every "1" is a substitute, and every substitute is "1".
    assert.equal(extras(ls).filter((c) => c === "1").length, ls.edits.substitutions);
    assert.ok(ls.edits.substitutions > 100);
    const xs = addOcrNoise("x".repeat(3000), 0.3, seededRandom(9));
    assert.equal(OCR_CONFUSIONS.x, undefined);
    assert.ok(!extras(xs).includes("x"), "a random substitute is never the character itself");
    assert.equal(extras(xs).length, xs.edits.substitutions + xs.edits.insertions);
  });

  test("rate 0 is the identity; the same seed gives the same copy", () => {
    const none = addOcrNoise(TEXT, 0, seededRandom(1));
    assert.equal(none.noisy.join(""), TEXT);
    assert.equal(none.touched.indexOf(1), -1);
    const a = noisyCopies(["one two three", "four five six"], 0.3, 42);
    const b = noisyCopies(["one two three", "four five six"], 0.3, 42);
    assert.deepEqual(
      a.map((x) => x.noisy.join("")),
      b.map((x) => x.noisy.join("")),
    );
  });

  test("a rate outside [0, 1] is refused", () => {
    assert.throws(() => addOcrNoise("abc", 1.5, seededRandom(1)), /noise rate must be in \[0, 1\]/);
  });
});
