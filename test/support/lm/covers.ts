/**
 * The covers of short strings, against brute force: a model that gives every text token the same
 * probability 1/m makes log P(prefix) = log Σ_k n_k m^-k, where n_k is the number of covers of k
 * tokens; the brute force finds them with no trie, no boundary and no cached tilings (every
 * segmentation of the bytes before the last token, every token after it, kept when re-encoding
 * the cover's text gives it back). Shared by covers.test.ts (gpt2) and covers.slow.test.ts (o200k).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Tokenizer } from "../../../src/core/tokenizer.js";
import { builtinTokenizer } from "../../../src/formats/load.js";
import { createByteLevelLM } from "../../../src/lm/byte-level.js";
import { logSumExp } from "../../../src/lm/logmath.js";
import type { TokenLM } from "../../../src/lm/types.js";

const utf8 = new TextEncoder();
const strict = new TextDecoder("utf-8", { fatal: true });
const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** The ordinary tokens whose bytes are whole UTF-8 text, as latin1 keys. */
function textTokens(tok: Tokenizer): Map<number, string> {
  const out = new Map<number, string>();
  for (let id = 0; id < tok.vocabSize; id++) {
    const info = tok.token(id);
    if (info === undefined || info.form === "special" || info.bytes.length === 0) continue;
    try {
      strict.decode(info.bytes);
    } catch {
      continue;
    }
    out.set(id, latin1(info.bytes));
  }
  return out;
}

function uniformOverText(tok: Tokenizer, text: Map<number, string>): TokenLM {
  const lp = new Float64Array(tok.vocabSize).fill(Number.NEGATIVE_INFINITY);
  for (const id of text.keys()) lp[id] = -Math.log(text.size);
  return { vocabSize: tok.vocabSize, nextLogProbs: () => lp };
}

/** Every cover of `x` by brute force, as id lists. */
function bruteCovers(tok: Tokenizer, text: Map<number, string>, x: string): number[][] {
  const byKey = new Map<string, number[]>();
  for (const [id, key] of text) if (x.includes(key)) byKey.set(key, [...(byKey.get(key) ?? []), id]);
  const segmentations = (s: string): number[][] => {
    if (s === "") return [[]];
    const out: number[][] = [];
    for (let i = 1; i <= s.length; i++) {
      for (const id of byKey.get(s.slice(0, i)) ?? []) {
        for (const rest of segmentations(s.slice(i))) out.push([id, ...rest]);
      }
    }
    return out;
  };
  const covers: number[][] = [];
  for (let j = 0; j < x.length; j++) {
    const rest = x.slice(j);
    const lasts = [...text].filter(([, key]) => key.startsWith(rest)).map(([id]) => id);
    for (const before of segmentations(x.slice(0, j))) {
      for (const last of lasts) {
        const cover = [...before, last];
        const spelled = strict.decode(tok.decodeBytes(cover));
        const again = tok.encode(spelled, { disallowedSpecial: [] });
        if (again.length === cover.length && again.every((id, i) => id === cover[i])) covers.push(cover);
      }
    }
  }
  return covers;
}

/**
 * Short strings: every one of 2–3 symbols over a small alphabet, and some familiar ones. (A lone
 * space is left out: half of o200k starts with one, each a re-encoding on both sides.)
 */
const STRINGS: string[] = ["a", "'"];
for (const a of ["a", " ", "'"]) {
  for (const b of ["a", " ", "'"]) {
    STRINGS.push(a + b);
    for (const c of ["a", " ", "'"]) STRINGS.push(a + b + c);
  }
}
STRINGS.push("Hello", " the", "don'", "12", "\n\n", "é");

/** The brute-force comparison for a built-in tokenizer (a describe block). */
export function coverSuite(name: string): void {
  describe(`covers through ${name}`, () => {
    test("the byte-level sum over covers counts exactly the canonical covers that brute force finds", async () => {
      const tok = (await builtinTokenizer(name)) as Tokenizer;
      const text = textTokens(tok);
      const lm = uniformOverText(tok, text);
      const bl = createByteLevelLM(tok, lm);
      for (const x of STRINGS) {
        const covers = bruteCovers(tok, text, latin1(utf8.encode(x)));
        assert.ok(covers.length > 0, JSON.stringify(x));
        // Each cover is canonical: re-encoding its text gives it back (checked above), and no
        // cover is found twice.
        assert.equal(new Set(covers.map((c) => c.join(","))).size, covers.length);
        const want = logSumExp(covers.map((c) => -c.length * Math.log(text.size)));
        const before = bl.stats().covers;
        const got = await bl.prefixLogProb(utf8.encode(x));
        assert.equal(bl.stats().covers - before, covers.length, `${JSON.stringify(x)}: covers summed`);
        assert.ok(
          Math.abs(got - want) < 1e-9,
          `${JSON.stringify(x)}: ${got} vs ${want} (${covers.length} covers)`,
        );
      }
    });
  });
}
