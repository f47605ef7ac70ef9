import assert from "node:assert/strict";
import { test } from "node:test";
import { scriptPieces } from "../../src/core/pretokenize/script.js";
import { trainBpe } from "../../src/train/bpe-trainer.js";
import {
  characterIntegrityVeto,
  isPartialCharacter,
  mergeKeepsCharacters,
  utf8ByteType,
} from "../../src/train/script-veto.js";
import type { TrainedBpe } from "../../src/train/types.js";
import { adversarialStrings } from "../support/adversarial.js";
import { MULTILINGUAL } from "../support/pretokenize/script.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * Independent statement of the property: a token's bytes decode as whole characters, or are a
 * proper prefix of one character (its lead byte, then fewer continuation bytes than it needs).
 * Single bytes are base tokens and always fine.
 */
function keepsCharacters(bytes: Uint8Array): boolean {
  if (bytes.length === 1) return true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    const need = bytes[0] >= 0xf0 ? 4 : bytes[0] >= 0xe0 ? 3 : bytes[0] >= 0xc2 ? 2 : 0;
    return need > bytes.length && bytes.subarray(1).every((b) => (b & 0xc0) === 0x80);
  }
}

function counts(split: (t: string) => string[]): Map<string, number> {
  const out = new Map<string, number>();
  const texts = [...MULTILINGUAL, ...MULTILINGUAL, ...adversarialStrings(23, 400)];
  for (const t of texts) for (const p of split(t)) out.set(p, (out.get(p) ?? 0) + 1);
  return out;
}

const learned = (t: TrainedBpe) => t.tokens.slice(t.firstMergeId);
const wholeText = (t: string) => [t];

test("the reference code's merge table (whole, partial, continuation)", () => {
  const part = (s: string, from: number, to: number) => utf8(s).subarray(from, to);
  const cases: Array<[Uint8Array, Uint8Array, boolean]> = [
    [utf8("a"), utf8("b"), true],
    [utf8("ü"), utf8("a"), true],
    [utf8("a"), utf8("ü"), true],
    [utf8("ü"), utf8("ü"), true],
    [utf8("한"), utf8("한"), true],
    [utf8("ab"), utf8("ü"), true],
    [part("ü", 0, 1), part("ü", 1, 2), true],
    [part("한", 0, 2), part("한", 2, 3), true],
    [utf8("a"), part("ü", 0, 1), false],
    [utf8("ü"), part("한", 2, 3), false],
    [part("ü", 0, 1), utf8("a"), false],
    [part("ü", 1, 2), utf8("a"), false],
    [part("ü", 1, 2), part("ü", 1, 2), false],
    [part("ü", 0, 1), part("ü", 0, 1), false],
    [part("ü", 1, 2), part("한", 0, 1), false],
    // A suffix never forms: continuation + continuation, even inside one character.
    [part("한", 1, 2), part("한", 2, 3), false],
    [part("😀", 0, 1), part("😀", 1, 2), true],
    // Allowed by the rule (prefix + continuation-led), though under the constraint the right
    // side never becomes a token: it would need continuation + continuation.
    [part("😀", 0, 2), part("😀", 2, 4), true],
  ];
  for (const [a, b, allowed] of cases) assert.equal(mergeKeepsCharacters(a, b), allowed, `${a} + ${b}`);
  assert.equal(isPartialCharacter(utf8("é")), false);
  assert.equal(isPartialCharacter(part("😀", 0, 3)), true);
  assert.deepEqual([0x41, 0x80, 0xc3, 0xe2, 0xf0, 0xff].map(utf8ByteType), [1, 0, 2, 3, 4, 5]);
});

test("byte-level BPE under the constraint never learns a broken character (adversarial multilingual text)", () => {
  for (const [name, split] of [
    ["SCRIPT pieces", scriptPieces],
    ["no pretokenization", wholeText],
  ] as const) {
    const c = counts(split);
    const free = trainBpe(c, { vocabSize: 256 + 1500 });
    assert.ok(
      learned(free).some((t) => !keepsCharacters(t)),
      `${name}: unconstrained BPE does learn broken characters (so the check can fail)`,
    );
    const kept = trainBpe(c, { vocabSize: 256 + 1500, veto: characterIntegrityVeto() });
    assert.equal(learned(kept).length, 1500);
    for (const t of learned(kept))
      assert.ok(keepsCharacters(t), `${name}: ${Array.from(t)} breaks a character`);
    // Multi-byte characters are still built, byte by byte from the left.
    assert.ok(learned(kept).some((t) => t.length >= 3 && new TextDecoder().decode(t).length === 1));
  }
});
