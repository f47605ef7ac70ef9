import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  BertProcessing,
  type HfEncoding,
  parseTemplate,
  postProcess,
  TemplateProcessing,
} from "../../../src/core/hf-postprocess/index.js";
import { HfJsonError } from "../../../src/formats/hf/errors.js";
import { postProcessorFromJson } from "../../../src/formats/hf/postprocessors.js";
import { tokenizer } from "../../support/hf/postprocess.js";

function hfAccepts(postProcessor: unknown): boolean {
  try {
    tokenizer({ preTokenizer: null, vocab: ["<unk>"], postProcessor });
    return true;
  } catch {
    return false;
  }
}

const sp = (id: string, type_id = 0) => ({ SpecialToken: { id, type_id } });
const seq = (id: string, type_id = 0) => ({ Sequence: { id, type_id } });
const tokens = { "[CLS]": { id: "[CLS]", ids: [1], tokens: ["[CLS]"] } };

describe("postProcessorFromJson", () => {
  test("accepts and rejects what HF does", () => {
    const cases: unknown[] = [
      { type: "BertProcessing", sep: ["[SEP]", 102], cls: ["[CLS]", 101] },
      { type: "BertProcessing", sep: ["[SEP]", -1], cls: ["[CLS]", 101] },
      { type: "BertProcessing", sep: ["[SEP]"], cls: ["[CLS]", 101] },
      { type: "Foo", sep: ["[SEP]", 102], cls: ["[CLS]", 101] },
      {
        type: "RobertaProcessing",
        sep: ["</s>", 2],
        cls: ["<s>", 0],
        trim_offsets: true,
        add_prefix_space: true,
      },
      { type: "RobertaProcessing", sep: ["</s>", 2], cls: ["<s>", 0] },
      { type: "ByteLevel", add_prefix_space: true, trim_offsets: true },
      { type: "ByteLevel", add_prefix_space: true },
      { type: "TemplateProcessing", single: [seq("A")], pair: [seq("A"), seq("B", 1)], special_tokens: {} },
      {
        type: "TemplateProcessing",
        single: [sp("[CLS]"), seq("A")],
        pair: [seq("A")],
        special_tokens: tokens,
      },
      { type: "TemplateProcessing", single: [seq("C")], pair: [], special_tokens: {} },
      { type: "TemplateProcessing", single: [seq("A", -1)], pair: [], special_tokens: {} },
      { type: "TemplateProcessing", single: ["$A"], pair: [], special_tokens: {} },
      { type: "TemplateProcessing", single: [], pair: [] },
      { type: "Sequence", processors: [{ type: "ByteLevel", add_prefix_space: true, trim_offsets: true }] },
      { type: "Sequence", processors: [null] },
      { type: "Sequence" },
      { type: "Foo" },
      {},
      "x",
    ];
    for (const json of cases) {
      let ours = true;
      try {
        postProcessorFromJson(json);
      } catch (e) {
        assert.ok(e instanceof HfJsonError, `${JSON.stringify(json)}: ${e}`);
        ours = false;
      }
      assert.equal(ours, hfAccepts(json), JSON.stringify(json));
    }
  });

  test("HF's untagged order: Bert with Roberta's fields is Roberta; unknown types fit by fields", () => {
    const both = {
      type: "BertProcessing",
      sep: ["a", 1],
      cls: ["b", 2],
      trim_offsets: true,
      add_prefix_space: true,
    };
    assert.equal(postProcessorFromJson(both)!.type, "RobertaProcessing");
    assert.equal(postProcessorFromJson({ type: "X", sep: ["a", 1], cls: ["b", 2] })!.type, "BertProcessing");
  });

  test("errors name the JSON path", () => {
    assert.throws(() => postProcessorFromJson({ type: "Foo" }), {
      message: 'post_processor.type: unknown "Foo"',
    });
    assert.throws(
      () =>
        postProcessorFromJson({
          type: "Sequence",
          processors: [{ type: "TemplateProcessing", single: [seq("A", 1.5)], pair: [], special_tokens: {} }],
        }),
      {
        message: "post_processor.processors[0].single[0].Sequence.type_id: expected an integer in [0, 2^32)",
      },
    );
    assert.throws(
      () =>
        postProcessorFromJson({
          type: "TemplateProcessing",
          single: [],
          pair: [],
          special_tokens: { x: { id: "x", ids: [1, 2], tokens: ["x"] } },
        }),
      /post_processor\.special_tokens\["x"\]: 2 ids but 1 tokens/,
    );
  });
});

function enc(tokens: string[], overflowing?: HfEncoding[]): HfEncoding {
  const e: HfEncoding = {
    ids: tokens.map((_, i) => i + 10),
    typeIds: tokens.map(() => 0),
    tokens,
    offsets: tokens.map((_, i) => [i * 2, i * 2 + 1]),
    specialTokensMask: tokens.map(() => 0),
    attentionMask: tokens.map(() => 1),
    sequenceIds: tokens.map(() => null),
  };
  if (overflowing) e.overflowing = overflowing;
  return e;
}

describe("post-processor semantics", () => {
  test("template shorthand and added-token counts", () => {
    const t = new TemplateProcessing(
      parseTemplate("[CLS] $A [SEP]"),
      parseTemplate("[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1"),
      new Map([
        ["[CLS]", { ids: [1, 2], tokens: ["[C", "LS]"] }],
        ["[SEP]", { ids: [3], tokens: ["[SEP]"] }],
      ]),
    );
    assert.equal(t.addedTokens(false), 3);
    assert.equal(t.addedTokens(true), 4);
    assert.deepEqual(parseTemplate("$ $a $7 $B:2 x:+3"), [
      { kind: "sequence", sequence: "A", typeId: 0 },
      { kind: "sequence", sequence: "A", typeId: 0 },
      { kind: "sequence", sequence: "A", typeId: 7 },
      { kind: "sequence", sequence: "B", typeId: 2 },
      { kind: "special", id: "x", typeId: 3 },
    ]);
    assert.throws(() => parseTemplate("$C"), /Cannot build Piece/);
    assert.throws(() => parseTemplate("a:b:c"), /Cannot build Piece/);
    const out = postProcess(t, enc(["hi"]), enc(["yo"]), true);
    assert.deepEqual(out.tokens, ["[C", "LS]", "hi", "[SEP]", "yo", "[SEP]"]);
    assert.deepEqual(out.typeIds, [0, 0, 0, 0, 1, 1]);
    assert.deepEqual(out.sequenceIds, [null, null, 0, null, 1, null]);
  });

  test("a missing template token fails only with special tokens (HF panics there)", () => {
    const t = new TemplateProcessing(parseTemplate("[X] $A"), parseTemplate("$A $B"), new Map());
    assert.deepEqual(postProcess(t, enc(["hi"]), null, false).tokens, ["hi"]);
    assert.throws(() => postProcess(t, enc(["hi"]), null, true), /missing special token "\[X\]"/);
  });

  test("overflowing parts are wrapped by Bert and combined when merging (HF's rules, not checked against the binding, which does not report them)", () => {
    const bert = new BertProcessing(["[SEP]", 102], ["[CLS]", 101]);
    const a = enc(["a1", "a2"], [enc(["a3"])]);
    const b = enc(["b1"], [enc(["b2"])]);
    const out = postProcess(bert, a, b, true);
    assert.deepEqual(out.tokens, ["[CLS]", "a1", "a2", "[SEP]", "b1", "[SEP]"]);
    // ours-overflowing × pair, ours-overflowing × pair-overflowing, us × pair-overflowing
    assert.deepEqual(
      out.overflowing!.map((o) => o.tokens),
      [
        ["[CLS]", "a3", "[SEP]", "b1", "[SEP]"],
        ["[CLS]", "a3", "[SEP]", "b2", "[SEP]"],
        ["[CLS]", "a1", "a2", "[SEP]", "b2", "[SEP]"],
      ],
    );
    assert.deepEqual(out.overflowing![0].typeIds, [0, 0, 0, 1, 1]);
    assert.deepEqual(out.overflowing![0].sequenceIds, [null, 0, null, 1, null]);
    // The last combination carries the first part's own overflowing, merged again (HF clones it).
    assert.equal(out.overflowing![2].overflowing?.length, 1);
  });

  test("no processor: a single sequence is all sequence 0, a pair keeps its type ids", () => {
    const out = postProcess(null, enc(["a"]), { ...enc(["b"]), typeIds: [1] }, true);
    assert.deepEqual(out.sequenceIds, [0, 1]);
    assert.deepEqual(out.typeIds, [0, 1]);
    assert.deepEqual(postProcess(null, enc(["a", "b"]), null, true).sequenceIds, [0, 0]);
  });
});
