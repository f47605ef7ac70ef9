/**
 * What the transplantation tests share: safetensors files built byte by byte (not by toklab's
 * writer), a reader of them that is equally independent, small byte-level BPE tokenizer.json
 * files, and deterministic matrices.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import type { Tokenizer } from "../../../src/core/tokenizer.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";

/** A fresh temporary folder, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "toklab-transplant-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** One tensor of a hand-built file. */
export interface RawTensor {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data: Uint8Array;
}

/**
 * A safetensors file: the JSON header with data_offsets in the order given, its length as a
 * little-endian u64, then the tensors' bytes. `offsets` replaces the computed offsets (for
 * malformed files).
 */
export function safetensorsFile(
  tensors: readonly RawTensor[],
  metadata?: Record<string, string>,
  offsets?: readonly (readonly [number, number])[],
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) header.__metadata__ = metadata;
  let at = 0;
  tensors.forEach((t, i) => {
    header[t.name] = {
      dtype: t.dtype,
      shape: t.shape,
      data_offsets: offsets?.[i] ?? [at, at + t.data.length],
    };
    at += t.data.length;
  });
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  // A copy with its own ArrayBuffer (a Buffer may be a view into a shared pool).
  return new Uint8Array(Buffer.concat([length, json, ...tensors.map((t) => Buffer.from(t.data))]));
}

/** A safetensors file's header and data, read with plain JSON.parse. */
export function readSafetensors(path: string): {
  metadata: Record<string, string> | undefined;
  tensors: Map<string, { dtype: string; shape: number[]; data: Buffer }>;
} {
  const file = readFileSync(path);
  const n = Number(file.readBigUInt64LE(0));
  const header = JSON.parse(file.subarray(8, 8 + n).toString("utf8"));
  const tensors = new Map<string, { dtype: string; shape: number[]; data: Buffer }>();
  for (const [name, v] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const info = v as { dtype: string; shape: number[]; data_offsets: [number, number] };
    tensors.set(name, {
      dtype: info.dtype,
      shape: info.shape,
      data: file.subarray(8 + n + info.data_offsets[0], 8 + n + info.data_offsets[1]),
    });
  }
  return { metadata: header.__metadata__, tensors };
}

/** Little-endian f32 bytes of `values` (each rounded to f32 by the platform). */
export function f32Bytes(values: ArrayLike<number>): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}

/** Little-endian u16 bytes of bit patterns. */
export function u16Bytes(bits: ArrayLike<number>): Uint8Array {
  return new Uint8Array(Uint16Array.from(bits).buffer);
}

/** A seeded stream of f32 values in [-1, 1) (a 32-bit LCG: reproducible, no dependency). */
export function f32Stream(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.fround(s / 2 ** 31 - 1);
  };
}

/** GPT-2's printable spelling of each byte (bytes_to_unicode), written out from its definition. */
export function gpt2ByteChars(): string[] {
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const out: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    out[b] = printable.includes(b) ? String.fromCharCode(b) : String.fromCharCode(256 + extra++);
  }
  return out;
}

/** One side of a merge: text (its UTF-8 bytes) or raw bytes. */
export type Part = string | readonly number[];
/** A merge of two parts. */
export type Merge = readonly [Part, Part];

/** An added token of a tokenizer.json. */
export interface AddedToken {
  readonly id: number;
  readonly content: string;
  readonly special: boolean;
}

/**
 * A GPT-2-style byte-level BPE tokenizer.json: the 256 bytes as ids 0–255 (in byte order),
 * then one token per merge, in order, then the added tokens. Merges are given as text pairs
 * (`["t", "h"]`), spelled in the byte alphabet here.
 */
export function byteLevelTokenizerJson(merges: readonly Merge[], added: readonly AddedToken[] = []): string {
  const chars = gpt2ByteChars();
  const bytesOf = (s: Part) => (typeof s === "string" ? Array.from(Buffer.from(s, "utf8")) : [...s]);
  const spell = (s: Part) =>
    bytesOf(s)
      .map((b) => chars[b])
      .join("");
  const vocab: Record<string, number> = {};
  chars.forEach((c, b) => {
    vocab[c] = b;
  });
  for (const [a, b] of merges) vocab[spell(a) + spell(b)] = Object.keys(vocab).length;
  for (const t of added) vocab[t.content] = t.id;
  return JSON.stringify({
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: added.map((t) => ({
      id: t.id,
      content: t.content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: t.special,
    })),
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges: merges.map(([a, b]) => `${spell(a)} ${spell(b)}`),
    },
  });
}

/** {@link byteLevelTokenizerJson}, loaded. */
export function byteLevelTokenizer(merges: readonly Merge[], added: readonly AddedToken[] = []): Tokenizer {
  return loadTokenizerJson(byteLevelTokenizerJson(merges, added));
}

/** The old vocabulary of the tests: bytes, 6 merges, `<|end|>` special (id 262). */
export const OLD_MERGES: readonly Merge[] = [
  ["a", "t"],
  [" ", "c"],
  [" ", "s"],
  ["t", "h"],
  ["th", "e"],
  [" c", "at"],
];
export const OLD_ADDED: readonly AddedToken[] = [{ id: 262, content: "<|end|>", special: true }];

/**
 * The new vocabulary: bytes, merges shared with the old ("th", "the", "at", " s") and new ones
 * (" the", " sat", " dog" …, and E2 82, half a character), `<|end|>` at another id, a new
 * special and a new added token.
 */
export const NEW_MERGES: readonly Merge[] = [
  ["t", "h"],
  ["th", "e"],
  [" ", "the"],
  [" ", "s"],
  ["a", "t"],
  [" s", "at"],
  [" ", "d"],
  ["o", "g"],
  [" d", "og"],
  [[0xe2], [0x82]], // the first two bytes of "€": not UTF-8 on its own
];
export const NEW_ADDED: readonly AddedToken[] = [
  { id: 266, content: "<|pad|>", special: true },
  { id: 267, content: "<|end|>", special: true },
  { id: 268, content: "<cat>", special: false },
];

/**
 * A Python that can import numpy (/usr/bin/python3 with Debian's python3-numpy, else the
 * `python3` on PATH), or null: cross-checks against NumPy skip without one.
 */
export function pythonWithNumpy(): string | null {
  for (const python of ["/usr/bin/python3", "python3"]) {
    const r = spawnSync(python, ["-c", "import numpy"], { cwd: tmpdir() });
    if (r.status === 0) return python;
  }
  return null;
}

/**
 * A SentencePiece-style BPE tokenizer.json as Llama 2's is laid out: `<unk>` `<s>` `</s>`, the
 * 256 byte-fallback tokens `<0x00>`… (ids 3–258), the characters the merges use, the merges'
 * tokens in order, then `added`; "▁" marks a space, and the normalizer prepends one.
 */
export function sentencePieceStyleTokenizer(
  merges: readonly (readonly [string, string])[],
  added: readonly AddedToken[] = [],
): Tokenizer {
  const vocab: Record<string, number> = { "<unk>": 0, "<s>": 1, "</s>": 2 };
  for (let b = 0; b < 256; b++) vocab[`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`] = 3 + b;
  const next = () => Object.keys(vocab).length;
  for (const [a, b] of merges) {
    for (const ch of Array.from(a + b)) if (!(ch in vocab)) vocab[ch] = next();
  }
  for (const [a, b] of merges) if (!(a + b in vocab)) vocab[a + b] = next();
  for (const t of added) vocab[t.content] = t.id;
  const addedToken = (id: number, content: string, special: boolean) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special,
  });
  return loadTokenizerJson(
    JSON.stringify({
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: [
        addedToken(0, "<unk>", true),
        addedToken(1, "<s>", true),
        addedToken(2, "</s>", true),
        ...added.map((t) => addedToken(t.id, t.content, t.special)),
      ],
      normalizer: {
        type: "Sequence",
        normalizers: [
          { type: "Prepend", prepend: "▁" },
          { type: "Replace", pattern: { String: " " }, content: "▁" },
        ],
      },
      pre_tokenizer: null,
      post_processor: null,
      decoder: {
        type: "Sequence",
        decoders: [
          { type: "Replace", pattern: { String: "▁" }, content: " " },
          { type: "ByteFallback" },
          { type: "Fuse" },
          { type: "Strip", content: " ", start: 1, stop: 0 },
        ],
      },
      model: {
        type: "BPE",
        dropout: null,
        unk_token: "<unk>",
        continuing_subword_prefix: null,
        end_of_word_suffix: null,
        fuse_unk: true,
        byte_fallback: true,
        vocab,
        merges: merges.map(([a, b]) => `${a} ${b}`),
      },
    }),
  );
}
