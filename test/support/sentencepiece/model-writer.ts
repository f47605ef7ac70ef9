/**
 * Writes small SentencePiece `.model` files (serialized ModelProto) for tests: the protobuf
 * wire format by hand, field numbers from sentencepiece_model.proto.
 */

/** Piece type numbers of ModelProto.SentencePiece.Type. */
export const PIECE_TYPE = {
  normal: 1,
  unknown: 2,
  control: 3,
  "user-defined": 4,
  unused: 5,
  byte: 6,
} as const;

export interface PieceSpec {
  readonly piece: string;
  readonly score?: number;
  readonly type?: keyof typeof PIECE_TYPE;
}

export interface ModelSpec {
  readonly pieces: readonly PieceSpec[];
  /** TrainerSpec fields by number → value (numbers as varints, strings as strings). */
  readonly trainer?: Readonly<Record<number, number | boolean | string>>;
  /** NormalizerSpec fields by number. */
  readonly normalizer?: Readonly<Record<number, number | boolean | string | Uint8Array>>;
}

/** Protobuf bytes, appended piece by piece. */
export class ProtoWriter {
  readonly bytes: number[] = [];

  varint(v: number | bigint): this {
    let x = BigInt.asUintN(64, BigInt(v));
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x > 0n) b |= 0x80;
      this.bytes.push(b);
    } while (x > 0n);
    return this;
  }

  key(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  lengthDelimited(field: number, body: Uint8Array | number[]): this {
    this.key(field, 2).varint(body.length);
    for (const b of body) this.bytes.push(b);
    return this;
  }

  string(field: number, s: string): this {
    return this.lengthDelimited(field, new TextEncoder().encode(s));
  }

  float(field: number, f: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, f, true);
    this.key(field, 5);
    for (const x of b) this.bytes.push(x);
    return this;
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function fields(
  w: ProtoWriter,
  spec: Readonly<Record<number, number | boolean | string | Uint8Array>>,
): void {
  for (const [k, v] of Object.entries(spec)) {
    const field = Number(k);
    if (typeof v === "string") w.string(field, v);
    else if (v instanceof Uint8Array) w.lengthDelimited(field, v);
    else w.key(field, 0).varint(typeof v === "boolean" ? Number(v) : v);
  }
}

/** A `.model` file's bytes. */
export function writeModel(spec: ModelSpec): Uint8Array {
  const w = new ProtoWriter();
  for (const p of spec.pieces) {
    const pw = new ProtoWriter().string(1, p.piece).float(2, p.score ?? 0);
    if (p.type !== undefined) pw.key(3, 0).varint(PIECE_TYPE[p.type]);
    w.lengthDelimited(1, pw.bytes);
  }
  if (spec.trainer !== undefined) {
    const tw = new ProtoWriter();
    fields(tw, spec.trainer);
    w.lengthDelimited(2, tw.bytes);
  }
  if (spec.normalizer !== undefined) {
    const nw = new ProtoWriter();
    fields(nw, spec.normalizer);
    w.lengthDelimited(3, nw.bytes);
  }
  return w.toBytes();
}

/** TrainerSpec field numbers the tests set. */
export const TRAINER = { modelType: 3, byteFallback: 35, unkId: 40, padId: 43, unkSurface: 44 } as const;
/** NormalizerSpec field numbers. */
export const NORMALIZER = {
  name: 1,
  charsmap: 2,
  addDummyPrefix: 3,
  removeExtraWhitespaces: 4,
  escapeWhitespaces: 5,
} as const;
/** TrainerSpec.ModelType numbers. */
export const MODEL_TYPE = { unigram: 1, bpe: 2, word: 3, char: 4 } as const;
