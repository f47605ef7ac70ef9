import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isLineCut, isWhiteSpaceUnit, nextLineCut } from "../../../src/core/pretokenize/line-cuts.js";
import { PRETOKENIZER_PRESETS } from "../../../src/core/pretokenize/presets.js";
import { splitPieces } from "../../../src/core/pretokenize/types.js";
import { seededRandom } from "../../../src/core/random.js";

/** Pieces that exercise every alternative of the patterns near a line feed. */
const ATOMS = [
  "a",
  "Z",
  "word",
  "Camel",
  "é",
  "e\u0301",
  "д",
  "Ж",
  "中",
  "の",
  "\u0e01",
  "😀",
  "👩\u200d💻",
  "7",
  "123",
  "4567",
  "'s",
  "'T",
  "'re",
  "'ll",
  "'d",
  ".",
  ",",
  "!?",
  "/",
  "--",
  "…",
  '"',
  "(",
  " ",
  "  ",
  "\t",
  "\u00a0",
  "\u3000",
  "\u2028",
  "\u0085",
  "\u000b",
  "\u000c",
  "\r",
  "\r\n",
  "\n",
  "\n",
  "\n",
  "\n",
  "\n\n",
  "\n/",
  "/\n",
  " \n",
  "\n ",
  "\u200b",
  "\ufeff",
  "_",
];

function randomText(random: () => number, atoms: number): string {
  let s = "";
  for (let i = 0; i < atoms; i++) s += ATOMS[Math.floor(random() * ATOMS.length)];
  return s;
}

/** Every position where `accept` allows a cut and the pieces of the parts differ from the whole's. */
function badCuts(
  next: (t: string, p: number, e: number) => number,
  text: string,
  accept: (t: string, at: number) => boolean,
) {
  const whole = splitPieces({ name: "", pattern: "", next }, text);
  const bounds = new Set<number>();
  let pos = 0;
  for (const p of whole) {
    pos += p.length;
    bounds.add(pos);
  }
  const bad: number[] = [];
  for (let at = 1; at < text.length; at++) {
    if (!accept(text, at)) continue;
    // The right part's pieces must be those of the whole from `at`, and `at` a boundary of the whole.
    const left = splitPieces({ name: "", pattern: "", next }, text.slice(0, at));
    const right = splitPieces({ name: "", pattern: "", next }, text.slice(at));
    if (!bounds.has(at) || [...left, ...right].join("\u0000") !== whole.join("\u0000")) bad.push(at);
  }
  return bad;
}

describe("line cuts", () => {
  it("finds cuts between non-space characters around a line feed", () => {
    assert.equal(nextLineCut("one\ntwo\n three\nfour", 0), 4);
    assert.equal(nextLineCut("one\ntwo\n three\nfour", 5), 15);
    assert.equal(nextLineCut("one \ntwo\n\nthree", 0), -1);
    assert.equal(nextLineCut("a\nb", 0, 2), -1);
    assert.ok(isLineCut("a\nb", 2));
    assert.ok(!isLineCut("a\n\u3000b", 2));
    assert.ok(!isLineCut("_\n/", 2));
    for (const c of [0x20, 0x09, 0x0a, 0x0d, 0xa0, 0x85, 0x2028, 0x3000]) assert.ok(isWhiteSpaceUnit(c));
    for (const c of [0x41, 0x200b, 0xfeff, 0x180e, 0xd83d]) assert.ok(!isWhiteSpaceUnit(c));
  });

  for (const preset of PRETOKENIZER_PRESETS.filter((p) => p.lineCuts)) {
    it(`${preset.name}: parts cut at line cuts have exactly the whole text's pieces`, () => {
      const random = seededRandom(0x11ce + preset.name.length);
      let cuts = 0;
      for (let trial = 0; trial < 400; trial++) {
        const text = randomText(random, 60);
        for (let at = 1; at < text.length; at++) if (isLineCut(text, at)) cuts++;
        assert.deepEqual(badCuts(preset.next, text, isLineCut), [], JSON.stringify(text));
      }
      assert.ok(cuts > 400, `only ${cuts} cuts tried`);
    });
  }

  it("the test can fail: looser rules break GPT-2's and o200k's patterns", () => {
    const preset = (name: string) => PRETOKENIZER_PRESETS.find((p) => p.name === name)!.next;
    const loose = (t: string, at: number) =>
      t.charCodeAt(at - 1) === 0x0a && !isWhiteSpaceUnit(t.charCodeAt(at));
    assert.deepEqual(badCuts(preset("gpt2"), "a  \nb", loose), [4]);
    const slash = (t: string, at: number) =>
      isLineCut(t, at) || (t[at - 1] === "\n" && t[at] === "/" && t[at - 2] !== " ");
    assert.deepEqual(badCuts(preset("o200k"), "_\n/a", slash), [2]);
  });

  it("no other preset claims line cuts", () => {
    const claimed = PRETOKENIZER_PRESETS.filter((p) => p.lineCuts).map((p) => p.name);
    assert.deepEqual(claimed, ["gpt2", "cl100k", "o200k", "qwen2"]);
  });
});
