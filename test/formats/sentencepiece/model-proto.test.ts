import assert from "node:assert/strict";
import { test } from "node:test";
import { SentencePieceModelError } from "../../../src/formats/sentencepiece/errors.js";
import { looksLikeModelProto, parseModelProto } from "../../../src/formats/sentencepiece/model-proto.js";
import { parseSentencePieceModel } from "../../../src/formats/sentencepiece/tokenizer.js";
import { seededRandom } from "../../support/adversarial.js";
import {
  MODEL_TYPE,
  NORMALIZER,
  ProtoWriter,
  TRAINER,
  writeModel,
} from "../../support/sentencepiece/model-writer.js";

const PIECES = [
  { piece: "<unk>", type: "unknown" as const },
  { piece: "<s>", type: "control" as const },
  { piece: "▁a", score: -1.5 },
  { piece: "b", score: -0.25 },
  { piece: "<br>", type: "user-defined" as const },
  { piece: "old", score: -9, type: "unused" as const },
];

const SMALL = writeModel({
  pieces: PIECES,
  trainer: { [TRAINER.modelType]: MODEL_TYPE.bpe, [TRAINER.padId]: -1, [TRAINER.unkSurface]: "??" },
  normalizer: { [NORMALIZER.name]: "identity", [NORMALIZER.removeExtraWhitespaces]: false },
});

function rejects(bytes: Uint8Array, pattern: RegExp): void {
  assert.throws(
    () => parseModelProto(bytes),
    (e: unknown) => e instanceof SentencePieceModelError && pattern.test(e.message),
  );
}

test("reads pieces, scores (32-bit floats), types and the specs, negative ids included", () => {
  const proto = parseModelProto(SMALL);
  assert.deepEqual(
    proto.pieces.map((p) => [p.piece, p.score, p.type]),
    [
      ["<unk>", 0, "unknown"],
      ["<s>", 0, "control"],
      ["▁a", -1.5, "normal"],
      ["b", -0.25, "normal"],
      ["<br>", 0, "user-defined"],
      ["old", -9, "unused"],
    ],
  );
  assert.equal(proto.trainerSpec.modelType, "bpe");
  assert.equal(proto.trainerSpec.padId, -1);
  assert.equal(proto.trainerSpec.unkSurface, "??");
  assert.equal(proto.trainerSpec.bosId, 1, "an absent field keeps SentencePiece's default");
  assert.equal(proto.normalizerSpec.name, "identity");
  assert.equal(proto.normalizerSpec.removeExtraWhitespaces, false);
  assert.equal(proto.normalizerSpec.addDummyPrefix, true);
  assert.equal(proto.denormalizerSpec, null);
});

test("a piece that is U+FEFF keeps it (a BOM is text here)", () => {
  const proto = parseModelProto(
    writeModel({ pieces: [{ piece: "<unk>", type: "unknown" }, { piece: "\ufeff" }] }),
  );
  assert.equal(proto.pieces[1].piece, "\ufeff");
});

test("unknown fields, groups and 64-bit values are skipped, as protobuf readers do", () => {
  const w = new ProtoWriter();
  w.key(99, 0).varint(12345);
  w.key(98, 1).bytes.push(1, 2, 3, 4, 5, 6, 7, 8);
  w.key(97, 3).key(1, 0).varint(1).key(97, 4);
  const bytes = Uint8Array.from([...SMALL, ...w.bytes]);
  assert.equal(parseModelProto(bytes).pieces.length, PIECES.length);
});

test("a truncated file is an error naming the byte, at every cut", () => {
  for (let cut = 1; cut < SMALL.length; cut++) {
    const part = SMALL.subarray(0, cut);
    let error: unknown;
    try {
      parseModelProto(part);
    } catch (e) {
      error = e;
    }
    // A cut between two whole fields leaves a shorter valid message, which may still be
    // rejected as a model (no unknown piece); a cut inside a field is "truncated".
    if (error === undefined) continue;
    assert.ok(error instanceof SentencePieceModelError, `cut at ${cut}: ${error}`);
  }
  rejects(SMALL.subarray(0, SMALL.length - 3), /truncated|runs past the end/);
});

test("files of other kinds are refused as not a SentencePiece model", () => {
  rejects(new TextEncoder().encode('{"model": {"type": "BPE"}}'), /not a SentencePiece model/);
  rejects(new TextEncoder().encode("IQ== 0\nIg== 1\n"), /not a SentencePiece model|pieces/);
  rejects(new Uint8Array(0), /no pieces/);
  rejects(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), /runs past the end/);
  assert.equal(looksLikeModelProto(SMALL), true);
  assert.equal(looksLikeModelProto(new TextEncoder().encode('{"a": 1}')), false);
  assert.equal(looksLikeModelProto(new TextEncoder().encode("IQ== 0\nIg== 1\n")), false);
});

test("a field with the wrong wire type is named", () => {
  const w = new ProtoWriter().key(1, 0).varint(5);
  rejects(w.toBytes(), /pieces\[0\]: stored as varint, expected length-delimited/);
  const score = new ProtoWriter().string(1, "<unk>").key(2, 0).varint(1);
  rejects(
    new ProtoWriter().lengthDelimited(1, score.bytes).toBytes(),
    /pieces\[0\]\.score: stored as varint/,
  );
});

test("models SentencePiece refuses are refused with its reasons", () => {
  rejects(writeModel({ pieces: [{ piece: "a" }] }), /no unknown piece/);
  rejects(
    writeModel({ pieces: [{ piece: "<unk>", type: "unknown" }, { piece: "" }] }),
    /pieces\[1\]\.piece: empty/,
  );
  rejects(
    writeModel({ pieces: [{ piece: "<unk>", type: "unknown" }, { piece: "a" }, { piece: "a" }] }),
    /pieces\[2\]\.piece: "a" is already defined/,
  );
  rejects(
    writeModel({
      pieces: [
        { piece: "<unk>", type: "unknown" },
        { piece: "<u>", type: "unknown" },
      ],
    }),
    /a second unknown piece/,
  );
  rejects(
    writeModel({
      pieces: [
        { piece: "<unk>", type: "unknown" },
        { piece: "<0x41>", type: "byte" },
      ],
    }),
    /byte_fallback is false/,
  );
  rejects(
    writeModel({
      pieces: [
        { piece: "<unk>", type: "unknown" },
        { piece: "<0x41>", type: "byte" },
      ],
      trainer: { [TRAINER.byteFallback]: true },
    }),
    /only 1 of the 256 byte pieces/,
  );
  const badType = new ProtoWriter().string(1, "x").key(3, 0).varint(9);
  rejects(new ProtoWriter().lengthDelimited(1, badType.bytes).toBytes(), /unknown piece type 9/);
  rejects(writeModel({ pieces: PIECES, trainer: { [TRAINER.modelType]: 7 } }), /unknown model type 7/);
  assert.throws(
    () =>
      parseSentencePieceModel(
        writeModel({ pieces: PIECES, normalizer: { [NORMALIZER.charsmap]: new Uint8Array(3) } }),
      ),
    /normalizer_spec\.precompiled_charsmap: shorter than its 4-byte header/,
  );
});

test("damaged models never fail with anything but a SentencePieceModelError", () => {
  const rnd = seededRandom(15);
  for (let k = 0; k < 1000; k++) {
    const bytes = SMALL.slice();
    const flips = 1 + Math.floor(rnd() * 4);
    for (let f = 0; f < flips; f++) bytes[Math.floor(rnd() * bytes.length)] = Math.floor(rnd() * 256);
    try {
      parseSentencePieceModel(bytes).encode("a b<br>c", { disallowedSpecial: [] });
    } catch (e) {
      assert.ok(e instanceof SentencePieceModelError, `damaged model ${k}: ${(e as Error).stack}`);
    }
  }
});
