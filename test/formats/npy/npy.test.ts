/**
 * .npy headers: hand-built files parse; toklab's writer's files parse back; malformed ones are
 * clear errors; and NumPy reads what toklab writes and toklab reads what NumPy writes (when a
 * Python with numpy is there).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { buildNpyHeader, NpyError, npyPreamble, parseNpyHeader } from "../../../src/formats/npy/header.js";
import { TensorFile } from "../../../src/node/tensor-file.js";
import { writeTensorFile } from "../../../src/node/tensor-write.js";
import { f32Bytes, pythonWithNumpy, tempDir } from "../../support/adapt/transplant.js";

const dir = tempDir();

/** An .npy 1.0 file written by hand: magic, version, length, dict padded to 64, data. */
function npyFile(dict: string, data: Uint8Array): Uint8Array {
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const text = `${dict}${" ".repeat(total - 10 - dict.length - 1)}\n`;
  const head = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(head);
  head.writeUInt16LE(text.length, 8);
  return new Uint8Array(Buffer.concat([head, Buffer.from(text, "latin1"), Buffer.from(data)]));
}

function parse(bytes: Uint8Array) {
  const { textStart, textLength } = npyPreamble(bytes.subarray(0, 12), bytes.length, "a.npy");
  const text = Buffer.from(bytes.subarray(textStart, textStart + textLength)).toString("latin1");
  return parseNpyHeader(text, textStart + textLength, bytes.length, "a.npy");
}

test("hand-built .npy files parse; malformed ones name the file and the fault", () => {
  const data = f32Bytes([1, 2, 3, 4, 5, 6]);
  const ok = parse(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data));
  assert.deepEqual([ok.dtype, ok.shape, ok.start, ok.byteLength], ["F32", [2, 3], 128, 24]);
  assert.deepEqual(
    parse(npyFile("{'descr': '<f2', 'fortran_order': False, 'shape': (12,), }", data)).shape,
    [12],
  );
  const bad = (bytes: Uint8Array, message: RegExp) =>
    assert.throws(
      () => parse(bytes),
      (e: unknown) => e instanceof NpyError && e.message.startsWith("a.npy: ") && message.test(e.message),
    );
  bad(
    npyFile("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 3), }", data),
    /dtype '>f4' is not supported/,
  );
  bad(
    npyFile("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", data),
    /dtype '<i8' is not supported/,
  );
  bad(npyFile("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", data), /Fortran-order/);
  bad(
    npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 4), }", data),
    /32 bytes but the file has 24 .*truncated/,
  );
  bad(npyFile("{'descr': '<f4', 'shape': (2, 3), }", data), /'descr', 'fortran_order' and 'shape'/);
  bad(new Uint8Array([1, 2, 3]), /no \\x93NUMPY magic/);
  const long = npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data);
  long[8] = 0xff;
  long[9] = 0xff;
  bad(long, /runs past the end of the file/);
});

test("toklab's .npy writer: 64-byte aligned headers that parse back", async () => {
  for (const shape of [[3], [2, 5], [0, 4]]) {
    const h = buildNpyHeader("F16", shape);
    assert.equal(h.length % 64, 0);
    const bytes = new Uint8Array(h.length + shape.reduce((a, b) => a * b, 1) * 2);
    bytes.set(h);
    assert.deepEqual(parse(bytes).shape, shape);
  }
  assert.throws(() => buildNpyHeader("BF16", [1]), /no bfloat16/);
});

const python = pythonWithNumpy();

test("NumPy reads toklab's .npy and toklab reads NumPy's", {
  skip: python === null ? "no Python with numpy" : false,
}, async () => {
  const values = [0.5, -1.25, 3, 65504, 2 ** -24, -0];
  const ours = join(dir, "ours.npy");
  await writeTensorFile(
    ours,
    "npy",
    [
      {
        name: "array",
        dtype: "F16",
        shape: [2, 3],
        produce: (sink) =>
          sink.write(
            new Uint8Array(new Uint16Array([0x3800, 0xbd00, 0x4200, 0x7bff, 0x0001, 0x8000]).buffer),
          ),
      },
    ],
    null,
  );
  const theirs = join(dir, "theirs.npy");
  const r = spawnSync(
    python!,
    [
      "-c",
      `import numpy as np, sys
a = np.load(sys.argv[1])
assert a.dtype == np.float16 and a.shape == (2, 3), (a.dtype, a.shape)
print(' '.join(repr(float(x)) for x in a.ravel()))
np.save(sys.argv[2], np.arange(12, dtype=np.float32).reshape(4, 3) / 4)`,
      ours,
      theirs,
    ],
    { encoding: "utf8" },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split(" ").map(Number), values);
  const file = await TensorFile.open(theirs);
  try {
    const m = file.matrix("array");
    assert.deepEqual([m.rows, m.cols, m.dtype], [4, 3, "F32"]);
    assert.deepEqual(Array.from(await m.readRow(3)), [2.25, 2.5, 2.75]);
  } finally {
    await file.close();
  }
  assert.ok(readFileSync(theirs).length > 0);
});
