/** The lab's URL state (lab/src/url-state.ts): what a link says is what the page opens. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_STATE, formatState, parseState } from "../../lab/src/url-state.js";

describe("lab URL state", () => {
  it("round-trips encodings, any text and the mode", () => {
    const state = {
      tokenizers: ["o200k_base", "cl100k_base", "gpt2"],
      text: "a&b=c?d#e + 100% 日本 👩‍👩‍👧\n\ttab",
      mode: "compare" as const,
    };
    assert.deepEqual(parseState(formatState(state)), { ...state, ignored: [] });
  });

  it("drops names that are not built-in encodings (files cannot travel in a link), naming them", () => {
    const s = parseState("?t=o200k_base,./tokenizer.json,o200k_base,cl100k&mode=bogus");
    assert.deepEqual(s.tokenizers, ["o200k_base"]);
    assert.deepEqual(s.ignored, ["./tokenizer.json", "cl100k"]);
    assert.equal(s.mode, "view");
    assert.equal(
      formatState({ tokenizers: ["x.json", "gpt2"], text: "", mode: "view" }),
      "?t=gpt2&text=&mode=view",
    );
  });

  it("opens the default state without parameters", () => {
    assert.deepEqual(parseState(""), {
      ...DEFAULT_STATE,
      tokenizers: [...DEFAULT_STATE.tokenizers],
      ignored: [],
    });
  });
});
