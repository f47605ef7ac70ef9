import { encodeUtf8Into } from "../utf8.js";

/** A piece's role, as ModelProto's `SentencePiece.Type`. */
export type SentencePieceType = "normal" | "unknown" | "control" | "user-defined" | "unused" | "byte";

/** One vocabulary entry; its id is its index. */
export interface SentencePieceEntry {
  readonly piece: string;
  readonly score: number;
  readonly type: SentencePieceType;
}

const HEX = "0123456789ABCDEF";

/** The `<0xAB>` piece of a byte, as SentencePiece spells it. */
export function bytePiece(b: number): string {
  return `<0x${HEX[b >> 4]}${HEX[b & 15]}>`;
}

/**
 * A SentencePiece vocabulary as `ModelInterface` holds it: the pieces the models may match
 * (normal, user-defined, unused) in one map, the reserved ones (unknown, control, byte) in
 * another, the unknown id, and the byte pieces for byte fallback.
 */
export class SentencePieceVocab {
  readonly pieces: readonly string[];
  /** Scores as stored (32-bit floats, exact in a number). */
  readonly scores: Float64Array;
  readonly types: readonly SentencePieceType[];
  /** Normal, user-defined and unused pieces → id. */
  readonly matchable = new Map<string, number>();
  /** Unknown, control and byte pieces → id. */
  readonly reserved = new Map<string, number>();
  readonly unkId: number;
  readonly byteFallback: boolean;
  /** Id of each byte's `<0xAB>` piece (all 256 exist when byte fallback is on). */
  readonly byteIds = new Int32Array(256).fill(-1);
  readonly userDefined: string[] = [];

  /**
   * @param entries The pieces in id order, checked as SentencePiece checks them (the `.model`
   *   reader does; a hand-made list should be too): exactly one unknown piece, no repeats.
   */
  constructor(entries: readonly SentencePieceEntry[], byteFallback: boolean) {
    this.pieces = entries.map((e) => e.piece);
    this.scores = Float64Array.from(entries, (e) => e.score);
    this.types = entries.map((e) => e.type);
    let unk = -1;
    entries.forEach((e, id) => {
      const matchable = e.type === "normal" || e.type === "user-defined" || e.type === "unused";
      (matchable ? this.matchable : this.reserved).set(e.piece, id);
      if (e.type === "unknown") unk = id;
      if (e.type === "user-defined") this.userDefined.push(e.piece);
    });
    if (unk < 0) throw new Error("a SentencePiece vocabulary needs an unknown piece");
    this.unkId = unk;
    this.byteFallback = byteFallback;
    if (byteFallback) for (let b = 0; b < 256; b++) this.byteIds[b] = this.reserved.get(bytePiece(b)) ?? -1;
  }

  /** SentencePiece's `PieceToId`: reserved pieces first, then the others, else the unknown id. */
  pieceToId(piece: string): number {
    return this.reserved.get(piece) ?? this.matchable.get(piece) ?? this.unkId;
  }

  /** The id of `piece`, or `undefined` when it is no piece (HF's `token_to_id`). */
  tokenToId(piece: string): number | undefined {
    return this.reserved.get(piece) ?? this.matchable.get(piece);
  }
}

/**
 * The raw segmentation of a model (pieces with ids, unknown characters with the unknown id)
 * turned into tokens as `SentencePieceProcessor::PopulateSentencePieceText` does: with byte
 * fallback an unknown piece becomes one `<0xAB>` token per UTF-8 byte (each spanning the
 * piece); without it, a run of unknown pieces becomes one unknown token.
 */
export class TokenEmitter {
  private prevUnk = false;
  private utf8 = new Uint8Array(16);

  constructor(private readonly vocab: SentencePieceVocab) {}

  /** Starts a new text. */
  reset(): void {
    this.prevUnk = false;
  }

  /** Emits `text[start, end)` as `id`; returns the number of tokens added. */
  emit(
    text: string,
    start: number,
    end: number,
    id: number,
    ids: number[],
    starts: number[] | null,
    ends: number[] | null,
  ): number {
    const v = this.vocab;
    const unk = id === v.unkId;
    try {
      if (unk && v.byteFallback) {
        if (this.utf8.length < 3 * (end - start)) this.utf8 = new Uint8Array(3 * (end - start));
        const n = encodeUtf8Into(text, start, end, this.utf8);
        for (let k = 0; k < n; k++) {
          ids.push(v.byteIds[this.utf8[k]]);
          starts?.push(start);
          ends?.push(end);
        }
        return n;
      }
      if (unk && this.prevUnk) {
        if (ends !== null) ends[ends.length - 1] = end;
        return 0;
      }
      ids.push(id);
      starts?.push(start);
      ends?.push(end);
      return 1;
    } finally {
      this.prevUnk = unk;
    }
  }
}
