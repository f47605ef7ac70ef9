/**
 * The protobuf wire format, read by hand: just enough to decode a SentencePiece ModelProto
 * without a dependency (the runtime core has none; docs/decisions/0037). Every read is bounds
 * checked, so a truncated or foreign file ends in a {@link ProtobufError}, never in a silent
 * wrong value or an out-of-range read.
 */

/** Wire types of protobuf field keys. */
export const WireType = {
  Varint: 0,
  Fixed64: 1,
  LengthDelimited: 2,
  StartGroup: 3,
  EndGroup: 4,
  Fixed32: 5,
} as const;

const WIRE_NAMES = ["varint", "64-bit", "length-delimited", "group start", "group end", "32-bit"];

/** The name of a wire type, for messages. */
export function wireTypeName(wireType: number): string {
  return WIRE_NAMES[wireType] ?? `wire type ${wireType}`;
}

/** Bytes that are not the protobuf message expected; `offset` is where reading failed. */
export class ProtobufError extends Error {
  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {
    super(`byte ${offset}: ${detail}`);
    this.name = "ProtobufError";
  }
}

/** One field's key: its number and how its value is encoded. */
export interface FieldKey {
  readonly field: number;
  readonly wireType: number;
}

// ignoreBOM: a piece that is U+FEFF (Llama 2 has one) must keep it.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * A cursor over one message's bytes. Fields are read in order with {@link ProtoReader.key} and
 * then the read that matches the wire type; unknown fields are skipped with
 * {@link ProtoReader.skip}, as protobuf parsers do, so newer .model files still load.
 *
 * @example
 * ```ts
 * const r = new ProtoReader(new Uint8Array([0x08, 0x96, 0x01]));
 * r.key(); // { field: 1, wireType: 0 }
 * r.varint(); // 150
 * r.done; // true
 * ```
 */
export class ProtoReader {
  private pos: number;

  /**
   * @param bytes The buffer.
   * @param start First byte of the message.
   * @param end One past its last byte.
   */
  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    private readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  /** True when the whole message has been read. */
  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Where the next read starts (for messages). */
  get offset(): number {
    return this.pos;
  }

  /** The next field's key. A field number 0 or a wire type above 5 means these are not protobuf bytes. */
  key(): FieldKey {
    const at = this.pos;
    const k = this.varint();
    const field = Math.floor(k / 8);
    const wireType = k % 8;
    if (field === 0 || wireType > 5) {
      throw new ProtobufError(at, `not a protobuf field key (field ${field}, wire type ${wireType})`);
    }
    return { field, wireType };
  }

  /**
   * An unsigned varint. Values up to 2^53 are exact; larger ones (which no ModelProto field
   * holds) come back rounded, never wrapped.
   */
  varint(): number {
    const at = this.pos;
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufError(at, "truncated varint");
      const b = this.bytes[this.pos++];
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
    throw new ProtobufError(at, "varint longer than 10 bytes");
  }

  /**
   * An `int32` field: negative values are written as 10-byte varints (two's complement over
   * 64 bits), so the low 32 bits are the value.
   */
  int32(): number {
    const at = this.pos;
    const v = this.varint();
    // 2^64 is not representable exactly, but the low 32 bits of any int32's encoding are:
    // a negative int32 is 2^64 + v, which rounds to a multiple of 2^11 whose low 32 bits differ.
    // Re-read the low 32 bits from the bytes instead.
    if (v < 2 ** 31) return v;
    let low = 0;
    let shift = 0;
    for (let p = at; p < at + 5; p++) {
      low |= (this.bytes[p] & 0x7f) << shift;
      shift += 7;
    }
    return low | 0;
  }

  /** A `bool` field. */
  bool(): boolean {
    return this.varint() !== 0;
  }

  /** A `float` field (fixed 32-bit, little-endian IEEE 754). */
  float32(): number {
    const at = this.pos;
    if (this.end - this.pos < 4) throw new ProtobufError(at, "truncated 32-bit value");
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 4);
    this.pos += 4;
    return view.getFloat32(0, true);
  }

  /** The bounds `[start, end)` of a length-delimited value, which is then skipped. */
  span(): [number, number] {
    const at = this.pos;
    const length = this.varint();
    if (length > this.end - this.pos) {
      throw new ProtobufError(
        at,
        `length ${length} runs past the end of its message (${this.end - this.pos} bytes left)`,
      );
    }
    const start = this.pos;
    this.pos += length;
    return [start, this.pos];
  }

  /** A `bytes` field (a view into the buffer, not a copy). */
  bytesField(): Uint8Array {
    const [s, e] = this.span();
    return this.bytes.subarray(s, e);
  }

  /** A `string` field: must be valid UTF-8, as protobuf requires. */
  string(): string {
    const at = this.pos;
    const b = this.bytesField();
    try {
      return utf8.decode(b);
    } catch {
      throw new ProtobufError(at, "string field is not valid UTF-8");
    }
  }

  /** A nested message's reader. */
  message(): ProtoReader {
    const [s, e] = this.span();
    return new ProtoReader(this.bytes, s, e);
  }

  /** Skips the value of a field of wire type `wireType` (groups included, as protobuf does). */
  skip(wireType: number, depth = 0): void {
    const at = this.pos;
    switch (wireType) {
      case WireType.Varint:
        this.varint();
        return;
      case WireType.Fixed64:
        this.advance(8, at);
        return;
      case WireType.LengthDelimited:
        this.span();
        return;
      case WireType.Fixed32:
        this.advance(4, at);
        return;
      case WireType.StartGroup: {
        // Nested groups are legal; the depth bound keeps a hostile file from recursing forever.
        if (depth > 64) throw new ProtobufError(at, "groups nested too deeply");
        for (;;) {
          if (this.done) throw new ProtobufError(at, "unterminated group");
          const k = this.key();
          if (k.wireType === WireType.EndGroup) return;
          this.skip(k.wireType, depth + 1);
        }
      }
      default:
        throw new ProtobufError(at, `unexpected ${wireTypeName(wireType)}`);
    }
  }

  private advance(n: number, at: number): void {
    if (this.end - this.pos < n) throw new ProtobufError(at, `truncated ${n * 8}-bit value`);
    this.pos += n;
  }
}
