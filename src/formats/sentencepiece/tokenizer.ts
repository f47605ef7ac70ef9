/**
 * A SentencePiece `.model` file as a {@link Tokenizer}: the ModelProto's pieces, specs and
 * model type turned into the parts an {@link HfTokenizer} runs, with SentencePiece's own
 * normalizer, models and decoder (src/core/sentencepiece/) so that the ids are SentencePiece's.
 */
import { addedToken } from "../../core/hf/added-tokens.js";
import { HfTokenizer } from "../../core/hf/tokenizer.js";
import { SentencePieceBpe } from "../../core/sentencepiece/bpe.js";
import { SentencePieceDecoder } from "../../core/sentencepiece/decoder.js";
import { SentencePieceLookup } from "../../core/sentencepiece/lookup.js";
import type { SentencePieceModel } from "../../core/sentencepiece/model.js";
import { SentencePieceNormalizer } from "../../core/sentencepiece/normalizer.js";
import { SentencePieceUnigram } from "../../core/sentencepiece/unigram.js";
import { SentencePieceVocab } from "../../core/sentencepiece/vocab.js";
import type { ChatFormat } from "../../core/tokenizer.js";
import { SentencePieceModelError } from "./errors.js";
import { type ModelProto, type NormalizerSpec, parseModelProto } from "./model-proto.js";

/** Options of {@link parseSentencePieceModel}. */
export interface SentencePieceOptions {
  /** The name to show (default "tokenizer.model"). */
  readonly name?: string;
  /** How the model lays out conversations, if known. */
  readonly chat?: ChatFormat;
}

/**
 * A tokenizer from the bytes of a SentencePiece `.model` file (BPE, Unigram, word or char
 * models), with SentencePiece's ids: `encode(text)` is `spm_encode --output_format=id` and
 * `decode(ids)` is `spm_decode --input_format=id`.
 *
 * Control pieces (`<s>`, `</s>`, ALBERT's `[CLS]`...) and the unknown piece are the special
 * tokens: SentencePiece never produces them from text, so text that spells one follows the
 * special-token options of every toklab tokenizer (an error by default; `disallowedSpecial: []`
 * encodes it as SentencePiece does, as ordinary text). Throws `SentencePieceModelError` for a
 * file that is not a valid model.
 *
 * @example
 * ```ts
 * const tok = parseSentencePieceModel(readFileSync("llama-2/tokenizer.model"));
 * tok.encode("Hello world"); // [15043, 3186]
 * tok.decode([15043, 3186]); // "Hello world"
 * tok.format; // "sentencepiece"
 * ```
 */
export function parseSentencePieceModel(bytes: Uint8Array, options: SentencePieceOptions = {}): HfTokenizer {
  return sentencePieceTokenizer(parseModelProto(bytes), options);
}

/**
 * The tokenizer of a decoded ModelProto (see {@link parseSentencePieceModel}).
 *
 * @example
 * ```ts
 * const tok = sentencePieceTokenizer(parseModelProto(bytes), { name: "albert" });
 * ```
 */
export function sentencePieceTokenizer(proto: ModelProto, options: SentencePieceOptions = {}): HfTokenizer {
  const { trainerSpec: trainer, normalizerSpec } = proto;
  const vocab = new SentencePieceVocab(proto.pieces, trainer.byteFallback);
  let model: SentencePieceModel;
  switch (trainer.modelType) {
    case "bpe":
      model = new SentencePieceBpe(vocab);
      break;
    case "unigram":
      model = new SentencePieceUnigram(vocab);
      break;
    default:
      model = new SentencePieceLookup(vocab, trainer.modelType);
  }
  const normalizer = makeNormalizer(
    normalizerSpec,
    "normalizer_spec",
    vocab.userDefined,
    trainer.treatWhitespaceAsSuffix,
  );
  const denormalizer =
    proto.denormalizerSpec === null
      ? null
      : makeNormalizer(proto.denormalizerSpec, "denormalizer_spec", [], false);
  const decoder = new SentencePieceDecoder(vocab, {
    addDummyPrefix: normalizerSpec.addDummyPrefix,
    removeExtraWhitespaces: normalizerSpec.removeExtraWhitespaces,
    unkSurface: trainer.unkSurface,
    denormalize: denormalizer === null ? null : (text) => denormalizer.normalizeString(text),
  });
  const specials = proto.pieces.filter((p) => p.type === "control" || p.type === "unknown");
  return new HfTokenizer({
    name: options.name ?? "tokenizer.model",
    format: "sentencepiece",
    normalizer,
    model,
    decoder,
    addedTokens: specials.map((p) => addedToken(p.piece, { special: true, normalized: false })),
    ...(options.chat === undefined ? {} : { chat: options.chat }),
  });
}

function makeNormalizer(
  spec: NormalizerSpec,
  path: string,
  userDefinedSymbols: readonly string[],
  treatWhitespaceAsSuffix: boolean,
): SentencePieceNormalizer {
  try {
    return new SentencePieceNormalizer({
      charsmap: spec.precompiledCharsmap,
      addDummyPrefix: spec.addDummyPrefix,
      removeExtraWhitespaces: spec.removeExtraWhitespaces,
      escapeWhitespaces: spec.escapeWhitespaces,
      treatWhitespaceAsSuffix,
      userDefinedSymbols,
    });
  } catch (e) {
    throw new SentencePieceModelError(`${path}.precompiled_charsmap`, (e as Error).message);
  }
}
