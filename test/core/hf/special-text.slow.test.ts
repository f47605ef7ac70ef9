/**
 * Special tokens as ordinary text (`disallowedSpecial: []`, Hugging Face's
 * `encode_special_tokens`) and partly allowed ones, on the real tokenizer.json files. The oracle
 * is the Hugging Face binding given the same file with the special tokens that should read as
 * text taken out of `added_tokens`: then their text goes through the normalizer, pre-tokenizer
 * and model, which is what `encode_special_tokens` does (the Node binding has no switch for it).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { Tokenizer } from "tokenizers";
import { ORDINARY } from "../../../src/core/tokenizer.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { REAL_FILES, realPath } from "../../support/hf/real-files.js";

interface AddedJson {
  content: string;
  special: boolean;
}

/** Texts that put special tokens (and pieces of them) at the start, middle and end of text. */
function textsWith(specials: readonly string[]): string[] {
  const picked = specials.filter((_, i) => i < 6 || i % 97 === 0);
  const texts: string[] = [];
  for (const s of picked) {
    texts.push(s, `Hello${s}world`, ` ${s} x = 1;\n`, `${s}${s}`, `${s.slice(0, -1)} ${s.slice(1)}`);
  }
  texts.push(picked.join(" and "), `The end.${picked.join("")}`);
  return texts;
}

/**
 * The binding over `json` with the added tokens `keep` rejects out of the way without moving any
 * id: HF gives an added token the model's id for its content, else the next free id in file
 * order. So a rejected token the model knows is removed (the model keeps its id), and any other
 * is renamed to a string that never occurs (it keeps its slot). Throws if an id moved anyway.
 */
function oracleFor(
  json: { added_tokens: AddedJson[]; model: { vocab: Record<string, number> } },
  keep: (a: AddedJson) => boolean,
  idOf: (content: string) => number | undefined,
): Tokenizer {
  const added = json.added_tokens.flatMap((a, i) => {
    if (keep(a)) return [a];
    return Object.hasOwn(json.model.vocab, a.content) ? [] : [{ ...a, content: `\uE000never${i}\uE001` }];
  });
  const oracle = Tokenizer.fromString(JSON.stringify({ ...json, added_tokens: added }));
  for (const a of json.added_tokens.filter(keep)) {
    assert.equal(oracle.tokenToId(a.content), idOf(a.content), `the oracle moved ${a.content}`);
  }
  return oracle;
}

describe("special-token text read as ordinary text, against the binding without those tokens", () => {
  for (const name of REAL_FILES) {
    test(name, async () => {
      const text = readFileSync(realPath(name), "utf8");
      const json = JSON.parse(text) as {
        added_tokens: AddedJson[];
        model: { vocab: Record<string, number> };
      };
      const ours = loadTokenizerJson(text, { name });
      const specials = json.added_tokens.filter((a) => a.special).map((a) => a.content);
      assert.ok(specials.length > 0, `${name} has special tokens`);
      // Allowed: the first special token; every other one reads as text.
      const allowed = specials[0];
      const oracles = [
        { options: ORDINARY, keep: (a: AddedJson) => !a.special },
        {
          options: { allowedSpecial: [allowed], disallowedSpecial: [] },
          keep: (a: AddedJson) => !a.special || a.content === allowed,
        },
      ];
      for (const { options, keep } of oracles) {
        const oracle = oracleFor(json, keep, (content) => ours.tokenToId(content));
        for (const t of textsWith(specials)) {
          const want = (await oracle.encode(t, null, { addSpecialTokens: false })).getIds();
          assert.deepEqual(ours.encode(t, options), want, `${JSON.stringify(t)} ${JSON.stringify(options)}`);
          assert.equal(ours.count(t, options), want.length);
          const spans = ours.encodeWithOffsets(t, options);
          assert.deepEqual(spans.ids, want);
        }
      }
      // By default a special token in the text is an error that names it.
      assert.throws(() => ours.encode(`a${specials[0]}b`), {
        message: `The text contains a special token that is not allowed: ${specials[0]}`,
      });
    });
  }
});
