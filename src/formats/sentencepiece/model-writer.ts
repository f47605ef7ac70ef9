/**
 * Writes a SentencePiece `.model` file (a serialized ModelProto): the mirror of model-proto.ts's
 * reader, by hand in the protobuf wire format (no dependency; docs/decisions/0037). Field numbers
 * are sentencepiece_model.proto's; fields are written in field-number order as protobuf does, so
 * the file starts with its first piece (what `looksLikeModelProto` checks).
 */
import type {
  ModelProto,
  NormalizerSpec,
  PieceType,
  SentencePieceModelType,
  TrainerSpec,
} from "./model-proto.js";

const PIECE_TYPE_NUMBERS: Record<PieceType, number> = {
  normal: 1,
  unknown: 2,
  control: 3,
  "user-defined": 4,
  unused: 5,
  byte: 6,
};

const MODEL_TYPE_NUMBERS: Record<SentencePieceModelType, number> = { unigram: 1, bpe: 2, word: 3, char: 4 };

/** Training-only TrainerSpec fields a trainer may record (the reader skips them). */
export interface TrainerSpecExtras {
  /** `character_coverage` (field 10). */
  readonly characterCoverage?: number;
  /** `shrinking_factor` (field 15). */
  readonly shrinkingFactor?: number;
  /** `num_sub_iterations` (field 17). */
  readonly numSubIterations?: number;
  /** `max_sentencepiece_length` (field 20). */
  readonly maxSentencePieceLength?: number;
  /** `seed_sentencepiece_size` (field 14). */
  readonly seedSentencePieceSize?: number;
  /** `max_sentence_length` (field 18). */
  readonly maxSentenceLength?: number;
}

/** Protobuf bytes, appended field by field into a growing buffer. */
class ProtoWriter {
  private buf = new Uint8Array(256);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  private byte(b: number): void {
    this.reserve(1);
    this.buf[this.length++] = b;
  }

  /** An unsigned varint; negative int32 values are written as protobuf does, sign-extended to 64 bits. */
  varint(v: number): this {
    if (v < 0) {
      let x = BigInt.asUintN(64, BigInt(v));
      while (x >= 0x80n) {
        this.byte(Number(x & 0x7fn) | 0x80);
        x >>= 7n;
      }
      this.byte(Number(x));
      return this;
    }
    while (v >= 0x80) {
      this.byte((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(v);
    return this;
  }

  key(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  int(field: number, v: number): this {
    return this.key(field, 0).varint(v);
  }

  bool(field: number, v: boolean): this {
    return this.key(field, 0).varint(v ? 1 : 0);
  }

  bytes(field: number, body: Uint8Array): this {
    this.key(field, 2).varint(body.length);
    this.reserve(body.length);
    this.buf.set(body, this.length);
    this.length += body.length;
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }

  float(field: number, f: number): this {
    this.key(field, 5);
    this.reserve(4);
    new DataView(this.buf.buffer, this.buf.byteOffset).setFloat32(this.length, f, true);
    this.length += 4;
    return this;
  }

  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function trainerBytes(t: TrainerSpec, extras: TrainerSpecExtras): Uint8Array {
  const w = new ProtoWriter();
  w.int(3, MODEL_TYPE_NUMBERS[t.modelType]).int(4, t.vocabSize);
  if (extras.characterCoverage !== undefined) w.float(10, extras.characterCoverage);
  if (extras.seedSentencePieceSize !== undefined) w.int(14, extras.seedSentencePieceSize);
  if (extras.shrinkingFactor !== undefined) w.float(15, extras.shrinkingFactor);
  if (extras.numSubIterations !== undefined) w.int(17, extras.numSubIterations);
  if (extras.maxSentenceLength !== undefined) w.int(18, extras.maxSentenceLength);
  if (extras.maxSentencePieceLength !== undefined) w.int(20, extras.maxSentencePieceLength);
  w.bool(22, t.splitByWhitespace)
    .bool(24, t.treatWhitespaceAsSuffix)
    .bool(25, t.splitDigits)
    .bool(26, t.allowWhitespaceOnlyPieces)
    .bool(35, t.byteFallback)
    .int(40, t.unkId)
    .int(41, t.bosId)
    .int(42, t.eosId)
    .int(43, t.padId)
    .string(44, t.unkSurface)
    .string(45, t.unkPiece)
    .string(46, t.bosPiece)
    .string(47, t.eosPiece)
    .string(48, t.padPiece);
  return w.toBytes();
}

function normalizerBytes(n: NormalizerSpec): Uint8Array {
  const w = new ProtoWriter().string(1, n.name);
  if (n.precompiledCharsmap.length > 0) w.bytes(2, n.precompiledCharsmap);
  return w.bool(3, n.addDummyPrefix).bool(4, n.removeExtraWhitespaces).bool(5, n.escapeWhitespaces).toBytes();
}

/**
 * Serializes a ModelProto as a `.model` file that SentencePiece (spm_encode, the Python and
 * WebAssembly builds) and {@link parseModelProto} load. Scores are stored as 32-bit floats, as
 * the format has them; `extras` records training options that do not change how text is
 * tokenized.
 *
 * @example
 * ```ts
 * const bytes = serializeModelProto(parseModelProto(readFileSync("tokenizer.model")));
 * parseModelProto(bytes).pieces.length; // the same pieces back
 * ```
 */
export function serializeModelProto(proto: ModelProto, extras: TrainerSpecExtras = {}): Uint8Array {
  const w = new ProtoWriter();
  for (const p of proto.pieces) {
    const pw = new ProtoWriter().string(1, p.piece).float(2, p.score);
    if (p.type !== "normal") pw.int(3, PIECE_TYPE_NUMBERS[p.type]);
    w.bytes(1, pw.toBytes());
  }
  w.bytes(2, trainerBytes(proto.trainerSpec, extras));
  w.bytes(3, normalizerBytes(proto.normalizerSpec));
  if (proto.denormalizerSpec !== null) w.bytes(5, normalizerBytes(proto.denormalizerSpec));
  return w.toBytes();
}
