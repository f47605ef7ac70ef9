/**
 * Shared helpers of the pipeline differential tests: tokenizer.json files built from the text
 * fixtures, and comparisons of toklab's HfTokenizer with the binding (`tokenizers`) in the
 * binding's units (offsets in code points).
 */
import assert from "node:assert/strict";
import { Tokenizer } from "tokenizers";
import type { HfTokenizer } from "../../../src/core/hf/index.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { adversarialStrings } from "../adversarial.js";
import { textFixtures } from "../fixtures.js";
import { codePointIndex } from "./code-points.js";

/** Both tokenizers from one JSON value. */
export function pair(json: object): { ours: HfTokenizer; theirs: Tokenizer; text: string } {
  const text = JSON.stringify(json);
  return { ours: loadTokenizerJson(text), theirs: Tokenizer.fromString(text), text };
}

type Plain = Record<string, unknown>;

async function theirEncoding(
  t: Tokenizer,
  a: string,
  b: string | null,
  add: boolean,
): Promise<Plain | string> {
  try {
    const e = await t.encode(a, b, { addSpecialTokens: add });
    return {
      ids: e.getIds(),
      tokens: e.getTokens(),
      offsets: e.getOffsets(),
      typeIds: e.getTypeIds(),
      specialTokensMask: e.getSpecialTokensMask(),
      attentionMask: e.getAttentionMask(),
      wordIds: e.getWordIds().map((w) => w ?? null),
      sequenceIds: e.getSequenceIds().map((s) => s ?? null),
    };
  } catch (err) {
    return String(err);
  }
}

function ourEncoding(t: HfTokenizer, a: string, b: string | null, add: boolean): Plain | string {
  try {
    const e = t.encodeFull(a, b, { addSpecialTokens: add });
    const cpA = codePointIndex(a);
    const cpB = b === null ? cpA : codePointIndex(b);
    return {
      ids: e.ids,
      tokens: e.tokens,
      offsets: e.offsets.map(([s, t2], i) => {
        const cp = e.sequenceIds[i] === 1 ? cpB : cpA;
        return [cp[s], cp[t2]];
      }),
      typeIds: e.typeIds,
      specialTokensMask: e.specialTokensMask,
      attentionMask: e.attentionMask,
      wordIds: e.wordIds,
      sequenceIds: e.sequenceIds,
    };
  } catch (err) {
    return String(err);
  }
}

/** Asserts both sides encode `a` (and `b`) alike, or both fail. Also checks the fast paths. */
export async function assertSameEncoding(
  ours: HfTokenizer,
  theirs: Tokenizer,
  a: string,
  b: string | null = null,
  add = true,
): Promise<void> {
  const want = await theirEncoding(theirs, a, b, add);
  const got = ourEncoding(ours, a, b, add);
  const what = `${JSON.stringify(a)}${b === null ? "" : ` + ${JSON.stringify(b)}`} (add=${add})`;
  if (typeof want === "string" || typeof got === "string") {
    assert.equal(typeof got, typeof want, `${what}: ours ${JSON.stringify(got)}, hf ${JSON.stringify(want)}`);
    return;
  }
  assert.deepEqual(got, want, what);
  // The Tokenizer interface's encode and count never truncate or pad.
  if (b === null && ours.truncation === null && ours.padding === null) {
    const options = { allowedSpecial: "all" as const, addSpecialTokens: add };
    assert.deepEqual(ours.encode(a, options), want.ids, `encode ${what}`);
    assert.equal(ours.count(a, options), (want.ids as number[]).length, `count ${what}`);
  }
}

/**
 * Asserts both sides decode `ids` alike, with and without skipping special tokens. Where HF
 * drops an id it does not know, toklab throws a RangeError naming it.
 */
export async function assertSameDecode(ours: HfTokenizer, theirs: Tokenizer, ids: number[]): Promise<void> {
  const unknown = ids.find((id) => theirs.idToToken(id) === null);
  if (unknown !== undefined) {
    assert.throws(() => ours.decode(ids), {
      name: "RangeError",
      message: new RegExp(`^invalid token id ${unknown} `),
    });
    return;
  }
  for (const skip of [false, true]) {
    const want = await theirs.decode(ids, skip);
    assert.equal(
      ours.decode(ids, { skipSpecialTokens: skip }),
      want,
      `decode ${JSON.stringify(ids)} skip=${skip}`,
    );
  }
}

/** Prose, code, multilingual fixtures cut into lines, plus seeded adversarial strings. */
export function sampleTexts(count = 60): string[] {
  const out: string[] = ["", " ", "  leading and trailing  ", "a", "\n\n"];
  for (const text of textFixtures().values()) {
    out.push(text);
    out.push(...text.split("\n").filter((l) => l.length > 0));
  }
  out.push(...adversarialStrings(7, count));
  return out;
}

/** Words of the text fixtures (letters and digits runs), lower-cased, in first-seen order. */
export function fixtureWords(): string[] {
  const seen = new Set<string>();
  for (const text of textFixtures().values()) {
    for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) seen.add(m[0]);
  }
  return [...seen];
}

/** An `added_tokens` entry with HF's field names. */
export function added(
  id: number,
  content: string,
  flags: Partial<Record<"single_word" | "lstrip" | "rstrip" | "normalized" | "special", boolean>> = {},
): Record<string, unknown> {
  return {
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: false,
    ...flags,
  };
}
