/**
 * The safetensors header parser on hand-built headers: a valid file's tensors and metadata, and
 * each malformation the reference library rejects, with a message naming the file and the fault.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  buildSafetensorsHeader,
  MAX_HEADER_LENGTH,
  parseSafetensorsHeader,
  SafetensorsError,
  safetensorsHeaderLength,
} from "../../../src/formats/safetensors/header.js";
import { safetensorsFile } from "../../support/adapt/transplant.js";

const FILE = "m.safetensors";

/** Parses a whole file's bytes as TensorFile does (length, then JSON). */
function parse(bytes: Uint8Array) {
  const n = safetensorsHeaderLength(bytes.subarray(0, 8), bytes.length, FILE);
  return parseSafetensorsHeader(bytes.subarray(8, 8 + n), bytes.length, FILE);
}

function rejects(bytes: Uint8Array, message: RegExp): void {
  assert.throws(
    () => parse(bytes),
    (e: unknown) =>
      e instanceof SafetensorsError && e.message.startsWith(`${FILE}: `) && message.test(e.message),
  );
}

const a = { name: "a", dtype: "F32", shape: [2, 3], data: new Uint8Array(24) };
const b = { name: "b", dtype: "F16", shape: [4], data: new Uint8Array(8) };

test("a valid file: tensors by offset with absolute starts, metadata kept", () => {
  const bytes = safetensorsFile([b, a], { format: "pt" }, [
    [24, 32],
    [0, 24],
  ]);
  const h = parse(bytes);
  assert.deepEqual(h.metadata, { format: "pt" });
  assert.deepEqual(
    h.tensors.map((t) => [t.name, t.dtype, t.shape, t.start - h.dataStart, t.byteLength]),
    [
      ["a", "F32", [2, 3], 0, 24],
      ["b", "F16", [4], 24, 8],
    ],
  );
  assert.equal(h.dataStart + 32, bytes.length);
  // An empty file's header, a scalar and a zero-size tensor are valid too.
  assert.deepEqual(parse(safetensorsFile([])).tensors, []);
  assert.equal(
    parse(safetensorsFile([{ name: "s", dtype: "I64", shape: [], data: new Uint8Array(8) }])).tensors[0]
      .byteLength,
    8,
  );
  assert.equal(
    parse(safetensorsFile([{ name: "z", dtype: "BF16", shape: [0, 7], data: new Uint8Array(0) }])).tensors[0]
      .byteLength,
    0,
  );
});

test("header length: past the file, over the limit, too small, or a file shorter than 8 bytes", () => {
  const good = safetensorsFile([a]);
  const past = good.slice();
  new DataView(past.buffer).setBigUint64(0, BigInt(good.length), true);
  rejects(past, /header length \d+ runs past the end of the file/);
  const huge = good.slice();
  new DataView(huge.buffer).setBigUint64(0, BigInt(MAX_HEADER_LENGTH) + 1n, true);
  rejects(huge, /over the 100000000-byte limit/);
  const max = good.slice();
  new DataView(max.buffer).setBigUint64(0, 0xffffffffffffffffn, true);
  rejects(max, /over the .* limit/);
  rejects(new Uint8Array([1, 0, 0]), /too short to be a safetensors file \(3 bytes/);
  const zero = good.slice();
  new DataView(zero.buffer).setBigUint64(0, 0n, true);
  rejects(zero, /too small for a JSON object/);
});

test("header JSON: not UTF-8, not JSON, not an object, bad metadata", () => {
  const make = (json: Uint8Array | string) => {
    const body = typeof json === "string" ? Buffer.from(json) : Buffer.from(json);
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(body.length));
    return Buffer.concat([len, body]);
  };
  rejects(make(new Uint8Array([0x7b, 0xff, 0x7d])), /not valid UTF-8/);
  rejects(make("{not json"), /not valid JSON/);
  rejects(make("[1, 2]"), /not a JSON object/);
  rejects(make('{"__metadata__": {"k": 1}}'), /__metadata__\.k is not a string/);
  rejects(make('{"t": {"dtype": "F32", "shape": [1]}}'), /data_offsets that are not two whole numbers/);
  rejects(
    make('{"t": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 0]}}'),
    /shape that is not a list of whole numbers/,
  );
  rejects(make('{"t": {"dtype": "Q4", "shape": [1], "data_offsets": [0, 1]}}'), /unknown dtype "Q4"/);
});

test("offsets: out of range (a truncated file), dtype/shape mismatch, overlap, gap, leftover bytes", () => {
  const good = safetensorsFile([a, b]);
  rejects(
    good.subarray(0, good.length - 1),
    /tensor "b": data_offsets \[24, 32\] run past the end of the file .* truncated/,
  );
  rejects(
    safetensorsFile([a, b], undefined, [
      [0, 24],
      [24, 4000],
    ]),
    /span 3976 \(dtype or shape mismatch\)/,
  );
  rejects(
    safetensorsFile([{ ...a, dtype: "F16" }, b]),
    /tensor "a": shape \[2, 3\] of F16 is 12 bytes but data_offsets \[0, 24\] span 24 \(dtype or shape mismatch\)/,
  );
  rejects(
    safetensorsFile([a, { ...b, data: new Uint8Array(24) }], undefined, [
      [0, 24],
      [16, 24],
    ]),
    /span 8|overlap/,
  );
  const overlapping = safetensorsFile(
    [a, { ...a, name: "a2" }, { name: "c", dtype: "F16", shape: [0], data: new Uint8Array(0) }],
    undefined,
    [
      [0, 24],
      [8, 32],
      [32, 32],
    ],
  );
  rejects(overlapping.subarray(0, overlapping.length - 16), /tensors "a" and "a2" overlap/);
  rejects(
    safetensorsFile([a, { ...b, data: new Uint8Array(16) }], undefined, [
      [0, 24],
      [32, 40],
    ]),
    /bytes 24 to 32 of the data belong to no tensor/,
  );
  rejects(
    new Uint8Array(Buffer.concat([good, Buffer.alloc(4)])),
    /4 bytes after the last tensor belong to no tensor/,
  );
});

test("buildSafetensorsHeader: 8-byte aligned, parses back to the same layout", () => {
  const tensors = [
    { name: "x", dtype: "BF16", shape: [3, 5] },
    { name: "y", dtype: "I64", shape: [1] },
  ];
  const { header, byteLengths } = buildSafetensorsHeader(tensors, { k: "v" });
  assert.equal(header.length % 8, 0);
  assert.deepEqual(byteLengths, [30, 8]);
  const bytes = Buffer.concat([header, Buffer.alloc(38)]);
  const h = parse(bytes);
  assert.deepEqual(h.metadata, { k: "v" });
  assert.deepEqual(
    h.tensors.map((t) => [t.name, t.dtype, t.shape]),
    tensors.map((t) => [t.name, t.dtype, t.shape]),
  );
  // The JSON is padded with spaces, as the reference writer does.
  const n = Number(bytes.readBigUInt64LE(0));
  assert.match(bytes.subarray(8, 8 + n).toString(), /^\{.*\} *$/);
  assert.throws(() => buildSafetensorsHeader([tensors[0], tensors[0]], null), /given twice/);
});
