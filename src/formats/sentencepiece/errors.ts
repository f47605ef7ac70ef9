/**
 * A SentencePiece `.model` file that toklab cannot load: not a ModelProto at all (truncated,
 * another file type), or a ModelProto SentencePiece itself would refuse (no unknown piece, a
 * piece defined twice, byte pieces missing with byte_fallback on). The message names the field
 * (`pieces[3].piece: empty`) or the byte where decoding failed.
 */
export class SentencePieceModelError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = "SentencePieceModelError";
  }
}
