/**
 * Token healing on GPT-2 (r50k_base), with the cases of the guidance library's tutorial: "This
 * is a " ends with the lone space token 220, "http:" ends with ":" (25) where "://" (1378) is
 * what URLs use.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { getEncoding } from "../../src/encodings/index.js";
import { healPrompt } from "../../src/lm/heal.js";
import { LmError } from "../../src/lm/types.js";

const text = new TextDecoder();

describe("healPrompt", async () => {
  const gpt2 = await getEncoding("r50k_base");
  const allowed = (h: ReturnType<typeof healPrompt>) => {
    const out: number[] = [];
    for (let id = 0; id < gpt2.vocabSize; id++) if (h.allows(id)) out.push(id);
    return out;
  };

  test('"This is a " backs off the space token and allows only tokens that start with a space', () => {
    assert.deepEqual(gpt2.encode("This is a "), [1212, 318, 257, 220]);
    const h = healPrompt(gpt2, "This is a ");
    assert.deepEqual(h.ids, [1212, 318, 257]);
    assert.equal(text.decode(h.removed), " ");
    const fine = gpt2.encode(" fine");
    assert.equal(fine.length, 1);
    assert.ok(h.allows(fine[0]));
    assert.ok(h.allows(220));
    assert.ok(!h.allows(gpt2.encode("fine")[0]));
    const ids = allowed(h);
    assert.ok(ids.length > 10000, `${ids.length} tokens start with a space`);
    for (const id of ids) assert.equal(gpt2.tokenBytes(id)[0], 0x20);
  });

  test('"http:" backs off ":" (25) and allows "://" (1378)', () => {
    assert.deepEqual(gpt2.encode("http:"), [4023, 25]);
    const h = healPrompt(gpt2, "http:");
    assert.deepEqual(h.ids, [4023]);
    assert.deepEqual([...h.removed], [0x3a]);
    assert.ok(h.allows(1378));
    assert.ok(h.allows(25));
    assert.ok(!h.allows(gpt2.encode(" /")[0]));
    // Every allowed token starts with ":", and every token that does is allowed.
    const ids = allowed(h);
    const colon: number[] = [];
    for (let id = 0; id < gpt2.vocabSize; id++) {
      if (!gpt2.isSpecial(id) && gpt2.tokenBytes(id)[0] === 0x3a) colon.push(id);
    }
    assert.deepEqual(ids, colon);
  });

  test("backoff counts tokens; past the start it removes everything", () => {
    const two = healPrompt(gpt2, "http:", { backoff: 2 });
    assert.deepEqual(two.ids, []);
    assert.equal(text.decode(two.removed), "http:");
    assert.ok(!two.allows(4023), '"http" alone does not regenerate "http:"');
    assert.deepEqual(healPrompt(gpt2, "http:", { backoff: 9 }).ids, []);
    const none = healPrompt(gpt2, "http:", { backoff: 0 });
    assert.deepEqual(none.ids, [4023, 25]);
    assert.equal(none.removed.length, 0);
    // Nothing removed: every token may follow, the end-of-text token too.
    assert.ok(none.allows(50256) && none.allows(0));
  });

  test("special tokens: their text in the prompt is text; as the next token only when nothing was removed", () => {
    const h = healPrompt(gpt2, "a<|endoftext|>");
    assert.notEqual(h.ids.at(-1), 50256);
    assert.ok(!h.allows(50256));
  });

  test("bad input", () => {
    assert.throws(() => healPrompt(gpt2, "x", { backoff: -1 }), RangeError);
    assert.throws(() => healPrompt(gpt2, "x", { backoff: 0.5 }), RangeError);
    assert.throws(() => healPrompt(gpt2, "a\ud800"), LmError);
    const h = healPrompt(gpt2, "http:");
    assert.ok(!h.allows(-1) && !h.allows(gpt2.vocabSize) && !h.allows(1.5));
  });
});
