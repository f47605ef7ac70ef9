/**
 * SentencePiece's ModelProto (sentencepiece_model.proto) as plain data, decoded from a `.model`
 * file by the hand-written wire-format reader. Only the fields that change how text is
 * tokenized or decoded are kept; training-only fields are skipped, unknown ones too.
 */
import { SentencePieceModelError } from "./errors.js";
import { ProtobufError, ProtoReader, WireType, wireTypeName } from "./protobuf.js";

/** `ModelProto.SentencePiece.Type`. */
export type PieceType = "normal" | "unknown" | "control" | "user-defined" | "unused" | "byte";

const PIECE_TYPES: Record<number, PieceType> = {
  1: "normal",
  2: "unknown",
  3: "control",
  4: "user-defined",
  5: "unused",
  6: "byte",
};

/** `TrainerSpec.ModelType`. */
export type SentencePieceModelType = "unigram" | "bpe" | "word" | "char";

const MODEL_TYPES: Record<number, SentencePieceModelType> = { 1: "unigram", 2: "bpe", 3: "word", 4: "char" };

/** One vocabulary entry; its id is its index. */
export interface SentencePiece {
  readonly piece: string;
  /** A 32-bit float in the file, exact as a number here. */
  readonly score: number;
  readonly type: PieceType;
}

/** The TrainerSpec fields that matter when running a model (the rest are skipped). */
export interface TrainerSpec {
  readonly modelType: SentencePieceModelType;
  readonly vocabSize: number;
  readonly byteFallback: boolean;
  readonly treatWhitespaceAsSuffix: boolean;
  readonly allowWhitespaceOnlyPieces: boolean;
  readonly splitDigits: boolean;
  readonly splitByWhitespace: boolean;
  readonly unkId: number;
  readonly bosId: number;
  readonly eosId: number;
  readonly padId: number;
  readonly unkPiece: string;
  readonly bosPiece: string;
  readonly eosPiece: string;
  readonly padPiece: string;
  /** What an unknown piece decodes to; SentencePiece's default is " ⁇ ". */
  readonly unkSurface: string;
}

/** NormalizerSpec (also the denormalizer's). */
export interface NormalizerSpec {
  readonly name: string;
  /** The compiled rules; empty for the identity. */
  readonly precompiledCharsmap: Uint8Array;
  readonly addDummyPrefix: boolean;
  readonly removeExtraWhitespaces: boolean;
  readonly escapeWhitespaces: boolean;
}

/** A decoded `.model` file. */
export interface ModelProto {
  readonly pieces: readonly SentencePiece[];
  readonly trainerSpec: TrainerSpec;
  readonly normalizerSpec: NormalizerSpec;
  /** `null` when the file has none (the usual case). */
  readonly denormalizerSpec: NormalizerSpec | null;
}

/**
 * The most pieces a `.model` file may hold: 4,194,304, sixteen times the largest real
 * SentencePiece vocabulary (Gemma's 262,144), so a hostile file cannot make us allocate without
 * bound (docs/security.md).
 */
export const MAX_SENTENCEPIECE_PIECES = 4_194_304;

const DEFAULT_TRAINER: TrainerSpec = {
  modelType: "unigram",
  vocabSize: 8000,
  byteFallback: false,
  treatWhitespaceAsSuffix: false,
  allowWhitespaceOnlyPieces: false,
  splitDigits: false,
  splitByWhitespace: true,
  unkId: 0,
  bosId: 1,
  eosId: 2,
  padId: -1,
  unkPiece: "<unk>",
  bosPiece: "<s>",
  eosPiece: "</s>",
  padPiece: "<pad>",
  unkSurface: " \u2047 ",
};

const DEFAULT_NORMALIZER: NormalizerSpec = {
  name: "",
  precompiledCharsmap: new Uint8Array(0),
  addDummyPrefix: true,
  removeExtraWhitespaces: true,
  escapeWhitespaces: true,
};

/**
 * Decodes a SentencePiece `.model` file (a serialized ModelProto) and checks it as
 * SentencePiece does when it loads one. Throws {@link SentencePieceModelError} naming the field
 * or byte for anything else: a truncated file, a wrong wire type, a file of another kind.
 *
 * @example
 * ```ts
 * const proto = parseModelProto(readFileSync("tokenizer.model"));
 * proto.trainerSpec.modelType; // "bpe" for Llama 2
 * proto.pieces[29871]; // { piece: "▁", score: -1e9, type: "normal" }
 * ```
 */
export function parseModelProto(bytes: Uint8Array): ModelProto {
  let proto: ModelProto;
  try {
    proto = readModel(new ProtoReader(bytes));
  } catch (e) {
    if (e instanceof ProtobufError) {
      throw new SentencePieceModelError(
        "ModelProto",
        `truncated, or not a SentencePiece model (${e.message})`,
      );
    }
    throw e;
  }
  validate(proto);
  return proto;
}

/** Checks that a field has the wire type its declaration gives; a mismatch means foreign bytes. */
function expect(path: string, wireType: number, want: number): void {
  if (wireType !== want) {
    throw new SentencePieceModelError(
      path,
      `stored as ${wireTypeName(wireType)}, expected ${wireTypeName(want)} (not a SentencePiece model?)`,
    );
  }
}

function readModel(r: ProtoReader): ModelProto {
  const pieces: SentencePiece[] = [];
  let trainerSpec = DEFAULT_TRAINER;
  let normalizerSpec = DEFAULT_NORMALIZER;
  let denormalizerSpec: NormalizerSpec | null = null;
  while (!r.done) {
    const { field, wireType } = r.key();
    switch (field) {
      case 1:
        expect(`pieces[${pieces.length}]`, wireType, WireType.LengthDelimited);
        if (pieces.length >= MAX_SENTENCEPIECE_PIECES) {
          throw new SentencePieceModelError("pieces", `more than ${MAX_SENTENCEPIECE_PIECES} pieces`);
        }
        pieces.push(readPiece(r.message(), `pieces[${pieces.length}]`));
        break;
      case 2:
        expect("trainer_spec", wireType, WireType.LengthDelimited);
        trainerSpec = readTrainer(r.message());
        break;
      case 3:
        expect("normalizer_spec", wireType, WireType.LengthDelimited);
        normalizerSpec = readNormalizer(r.message(), "normalizer_spec");
        break;
      case 5:
        expect("denormalizer_spec", wireType, WireType.LengthDelimited);
        denormalizerSpec = readNormalizer(r.message(), "denormalizer_spec");
        break;
      default:
        r.skip(wireType);
    }
  }
  return { pieces, trainerSpec, normalizerSpec, denormalizerSpec };
}

function readPiece(r: ProtoReader, path: string): SentencePiece {
  let piece = "";
  let score = 0;
  let type: PieceType = "normal";
  while (!r.done) {
    const { field, wireType } = r.key();
    if (field === 1) {
      expect(`${path}.piece`, wireType, WireType.LengthDelimited);
      piece = r.string();
    } else if (field === 2) {
      expect(`${path}.score`, wireType, WireType.Fixed32);
      score = r.float32();
    } else if (field === 3) {
      expect(`${path}.type`, wireType, WireType.Varint);
      const t = r.varint();
      const name = PIECE_TYPES[t];
      if (name === undefined) throw new SentencePieceModelError(`${path}.type`, `unknown piece type ${t}`);
      type = name;
    } else r.skip(wireType);
  }
  return { piece, score, type };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function readTrainer(r: ProtoReader): TrainerSpec {
  const spec: Mutable<TrainerSpec> = { ...DEFAULT_TRAINER };
  const bools: Record<number, keyof TrainerSpec> = {
    35: "byteFallback",
    24: "treatWhitespaceAsSuffix",
    26: "allowWhitespaceOnlyPieces",
    25: "splitDigits",
    22: "splitByWhitespace",
  };
  const ints: Record<number, keyof TrainerSpec> = {
    4: "vocabSize",
    40: "unkId",
    41: "bosId",
    42: "eosId",
    43: "padId",
  };
  const strings: Record<number, keyof TrainerSpec> = {
    45: "unkPiece",
    46: "bosPiece",
    47: "eosPiece",
    48: "padPiece",
    44: "unkSurface",
  };
  while (!r.done) {
    const { field, wireType } = r.key();
    const path = `trainer_spec.${field}`;
    if (field === 3) {
      expect("trainer_spec.model_type", wireType, WireType.Varint);
      const t = r.varint();
      const name = MODEL_TYPES[t];
      if (name === undefined)
        throw new SentencePieceModelError("trainer_spec.model_type", `unknown model type ${t}`);
      spec.modelType = name;
    } else if (field in bools) {
      expect(path, wireType, WireType.Varint);
      (spec as Record<string, unknown>)[bools[field]] = r.bool();
    } else if (field in ints) {
      expect(path, wireType, WireType.Varint);
      (spec as Record<string, unknown>)[ints[field]] = r.int32();
    } else if (field in strings) {
      expect(path, wireType, WireType.LengthDelimited);
      (spec as Record<string, unknown>)[strings[field]] = r.string();
    } else r.skip(wireType);
  }
  return spec;
}

function readNormalizer(r: ProtoReader, path: string): NormalizerSpec {
  const spec: Mutable<NormalizerSpec> = { ...DEFAULT_NORMALIZER };
  while (!r.done) {
    const { field, wireType } = r.key();
    if (field === 1) {
      expect(`${path}.name`, wireType, WireType.LengthDelimited);
      spec.name = r.string();
    } else if (field === 2) {
      expect(`${path}.precompiled_charsmap`, wireType, WireType.LengthDelimited);
      spec.precompiledCharsmap = r.bytesField();
    } else if (field === 3 || field === 4 || field === 5) {
      expect(`${path}.${field}`, wireType, WireType.Varint);
      const v = r.bool();
      if (field === 3) spec.addDummyPrefix = v;
      else if (field === 4) spec.removeExtraWhitespaces = v;
      else spec.escapeWhitespaces = v;
    } else r.skip(wireType);
  }
  return spec;
}

/** The checks SentencePiece's `ModelInterface::InitializePieces` makes, with its reasons. */
function validate(proto: ModelProto): void {
  const { pieces, trainerSpec } = proto;
  if (pieces.length === 0)
    throw new SentencePieceModelError("pieces", "no pieces (not a SentencePiece model?)");
  const seen = new Set<string>();
  const reserved = new Set<string>();
  let unk = -1;
  const bytes = new Set<number>();
  for (let i = 0; i < pieces.length; i++) {
    const { piece, type } = pieces[i];
    const path = `pieces[${i}]`;
    if (piece === "") throw new SentencePieceModelError(`${path}.piece`, "empty");
    // SentencePiece keeps two maps (matchable pieces, and control/unknown/byte pieces): a
    // string may repeat across them, not within one.
    const map = type === "normal" || type === "user-defined" || type === "unused" ? seen : reserved;
    if (map.has(piece)) throw new SentencePieceModelError(`${path}.piece`, `"${piece}" is already defined`);
    map.add(piece);
    if (type === "unknown") {
      if (unk >= 0)
        throw new SentencePieceModelError(path, `a second unknown piece (the first is pieces[${unk}])`);
      unk = i;
    }
    if (type === "byte") {
      if (!trainerSpec.byteFallback) {
        throw new SentencePieceModelError(
          path,
          `byte piece "${piece}" but trainer_spec.byte_fallback is false`,
        );
      }
      const b = pieceToByte(piece);
      if (b < 0) throw new SentencePieceModelError(`${path}.piece`, `"${piece}" is not a byte piece <0xAB>`);
      bytes.add(b);
    }
  }
  if (unk < 0) throw new SentencePieceModelError("pieces", "no unknown piece (type UNKNOWN)");
  if (trainerSpec.byteFallback && bytes.size !== 256) {
    throw new SentencePieceModelError(
      "pieces",
      `byte_fallback is on but only ${bytes.size} of the 256 byte pieces exist`,
    );
  }
}

/** The byte of a `<0xAB>` piece (upper-case hex, as SentencePiece writes them), or -1. */
export function pieceToByte(piece: string): number {
  const m = /^<0x([0-9A-F]{2})>$/.exec(piece);
  return m === null ? -1 : Number.parseInt(m[1], 16);
}

/**
 * Whether `bytes` look like a serialized ModelProto rather than text: protobuf writes fields in
 * order, so a `.model` starts with its first piece (field 1, length-delimited: byte 0x0A), and
 * its first bytes hold non-text bytes (lengths, the score's key 0x15), which a tokenizer.json or
 * a `.tiktoken` file (base64 lines) never has.
 *
 * @example
 * ```ts
 * looksLikeModelProto(readFileSync("tokenizer.model")); // true
 * looksLikeModelProto(new TextEncoder().encode("{}")); // false
 * ```
 */
export function looksLikeModelProto(bytes: Uint8Array): boolean {
  if (bytes.length < 2 || bytes[0] !== 0x0a) return false;
  for (let i = 1; i < Math.min(bytes.length, 64); i++) {
    const b = bytes[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return true;
  }
  return false;
}
