/**
 * A trained Unigram vocabulary as a SentencePiece ModelProto, laid out as spm_train lays it
 * out: `<unk>` 0, `<s>` 1, `</s>` 2 (score 0), the 256 byte pieces with byte fallback, then the
 * pieces best score first. The normalizer is the identity with SentencePiece's whitespace
 * handling: toklab does not build NFKC charsmaps (docs/decisions/0045).
 */

import type { TrainedUnigram } from "../../train/unigram/trainer.js";
import type { ModelProto, SentencePiece } from "../sentencepiece/model-proto.js";

/** How the trained model normalizes text (what training did to its sentences). */
export interface UnigramModelOptions {
  readonly addDummyPrefix?: boolean;
  readonly removeExtraWhitespaces?: boolean;
}

/**
 * The ModelProto of a trained Unigram vocabulary; write it with `serializeModelProto`, or
 * convert it with `sentencePieceToTokenizerJson`.
 *
 * @example
 * ```ts
 * const bytes = serializeModelProto(unigramModelProto(trainUnigram(words.counts, { vocabSize: 8000 })));
 * ```
 */
export function unigramModelProto(trained: TrainedUnigram, options: UnigramModelOptions = {}): ModelProto {
  const pieces: SentencePiece[] = [
    { piece: "<unk>", score: 0, type: "unknown" },
    { piece: "<s>", score: 0, type: "control" },
    { piece: "</s>", score: 0, type: "control" },
  ];
  if (trained.byteFallback) {
    for (let b = 0; b < 256; b++) {
      pieces.push({ piece: `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`, score: 0, type: "byte" });
    }
  }
  for (const p of trained.pieces)
    pieces.push({ piece: p.piece, score: Math.fround(p.score), type: "normal" });
  return {
    pieces,
    trainerSpec: {
      modelType: "unigram",
      vocabSize: pieces.length,
      byteFallback: trained.byteFallback,
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
    },
    normalizerSpec: {
      name: "identity",
      precompiledCharsmap: new Uint8Array(0),
      addDummyPrefix: options.addDummyPrefix ?? true,
      removeExtraWhitespaces: options.removeExtraWhitespaces ?? true,
      escapeWhitespaces: true,
    },
    denormalizerSpec: null,
  };
}
