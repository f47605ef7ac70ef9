/**
 * Token ids must equal tiktoken's (the `tiktoken` npm package, Rust compiled to wasm) on shipped
 * fixtures, on seeded adversarial strings and on long single-piece runs, for every OpenAI
 * encoding, with and without special tokens.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { Encoding } from "../../src/core/encoding.js";
import { regexPretokenizer, splitPieces } from "../../src/core/pretokenize/index.js";
import { adversarialStrings, longRuns } from "../support/adversarial.js";
import { textFixtures } from "../support/fixtures.js";
import {
  TIKTOKEN_ENCODINGS,
  tiktokenReference,
  tiktokenSpec,
  toklabEncoding,
} from "../support/tiktoken-data.js";

const RANDOM_STRINGS = 2000;

for (const [k, name] of TIKTOKEN_ENCODINGS.entries()) {
  describe(`exact against tiktoken: ${name}`, () => {
    const enc = toklabEncoding(name);
    const ref = tiktokenReference(name);
    after(() => ref.free());
    let regexEnc: Encoding | undefined;

    /** Where a mismatch comes from: the pieces (vs the RegExp oracle) or the merges. */
    function diagnose(text: string): string {
      regexEnc ??= new Encoding(tiktokenSpec(name), {
        pretokenizer: regexPretokenizer(name, enc.pattern),
      });
      const ours = splitPieces(enc.pretokenizer, text);
      const oracle = splitPieces(regexEnc.pretokenizer, text);
      if (JSON.stringify(ours) !== JSON.stringify(oracle)) {
        const i = ours.findIndex((p, j) => p !== oracle[j]);
        return `pretokenizer differs from the RegExp oracle at piece ${i}: ${JSON.stringify(ours.slice(i, i + 3))} vs ${JSON.stringify(oracle.slice(i, i + 3))}`;
      }
      const viaRegex = JSON.stringify(regexEnc.encodeOrdinary(text));
      const expected = JSON.stringify(Array.from(ref.encode_ordinary(text)));
      return viaRegex === expected ? "?" : "merge (same pieces as the oracle)";
    }

    function check(texts: Iterable<string>, label: string): void {
      const failures: string[] = [];
      for (const text of texts) {
        const ordinary = enc.encodeOrdinary(text);
        const expected = Array.from(ref.encode_ordinary(text));
        if (JSON.stringify(ordinary) !== JSON.stringify(expected)) {
          failures.push(`encodeOrdinary(${JSON.stringify(text.slice(0, 80))}): ${diagnose(text)}`);
        }
        const all = enc.encode(text, { allowedSpecial: "all" });
        const expectedAll = Array.from(ref.encode(text, "all"));
        if (JSON.stringify(all) !== JSON.stringify(expectedAll)) {
          failures.push(`encode(all)(${JSON.stringify(text.slice(0, 80))})`);
        }
        if (failures.length >= 10) break;
      }
      assert.deepEqual(failures, [], `${label}: ${failures.length}+ mismatches`);
    }

    test("fixtures", () => {
      const fixtures = textFixtures();
      assert.ok(fixtures.size >= 3);
      check(fixtures.values(), "fixtures");
    });

    test(`${RANDOM_STRINGS} seeded adversarial strings`, () => {
      check(adversarialStrings(1000 + k, RANDOM_STRINGS), "adversarial");
    });

    test("long runs (heap merge path) and edge cases", () => {
      check(longRuns(7 + k), "long runs");
      check(
        ["", " ", "\n", "a", "\ud800", "\udc00\ud800", "<|endoftext|>", "<|endoftext|><|endoftext|>"],
        "edges",
      );
    });
  });
}
