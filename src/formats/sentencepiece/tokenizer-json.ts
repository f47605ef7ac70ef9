/**
 * A SentencePiece model written as a Hugging Face tokenizer.json, in the spirit of
 * transformers' `SpmConverter` (what `AutoTokenizer` does with a `tokenizer.model`): the same
 * pieces and ids, a Unigram or BPE model, SentencePiece's whitespace rules as normalizer steps,
 * and no pre-tokenizer (SentencePiece tokenizes the whole text as one word).
 *
 * tokenizer.json cannot say everything a `.model` says, so the file runs like SentencePiece on
 * ordinary text and differs on rare inputs (docs/decisions/0037): HF's `Precompiled` looks rules
 * up by grapheme (SentencePiece: longest rule); BPE gets merges derived from the scores (ties
 * between two pairs forming the same piece resolve by rank, not by position; unused pieces are
 * never formed); Unigram's scores add up in 64 bits (SentencePiece: 32) and control pieces
 * written in the text can match, and user-defined symbols score as written, without
 * SentencePiece's bonus; the unknown piece decodes as itself, not as " ⁇ ".
 */
import { encodeBase64 } from "../base64.js";
import { SentencePieceModelError } from "./errors.js";
import { type ModelProto, parseModelProto } from "./model-proto.js";

const SPACE_MARK = "\u2581";

/**
 * The tokenizer.json text of a `.model` file's bytes (or of its decoded ModelProto).
 * `treat_whitespace_as_suffix` models and word/char models have no tokenizer.json form and
 * throw a `SentencePieceModelError`.
 *
 * @example
 * ```ts
 * writeFileSync("tokenizer.json", sentencePieceToTokenizerJson(readFileSync("tokenizer.model")));
 * ```
 */
export function sentencePieceToTokenizerJson(
  model: Uint8Array | ModelProto,
  options: { pretty?: boolean } = {},
): string {
  const proto = model instanceof Uint8Array ? parseModelProto(model) : model;
  const { trainerSpec: trainer, pieces } = proto;
  if (trainer.treatWhitespaceAsSuffix) {
    throw new SentencePieceModelError(
      "trainer_spec.treat_whitespace_as_suffix",
      "a suffix space has no tokenizer.json form (Metaspace only prepends)",
    );
  }
  // User-defined symbols must not merge with their neighbours in BPE, so they are cut out as
  // added tokens there; in Unigram they stay pieces (their scores make the lattice take them),
  // because added tokens would cut the text before its whitespace is squeezed.
  const cutOut = (type: string) =>
    type === "control" || type === "unknown" || (type === "user-defined" && trainer.modelType === "bpe");
  const added = pieces.flatMap((p, id) =>
    cutOut(p.type)
      ? [
          {
            id,
            content: p.piece,
            single_word: false,
            lstrip: false,
            rstrip: false,
            normalized: false,
            special: p.type !== "user-defined",
          },
        ]
      : [],
  );
  const unkId = pieces.findIndex((p) => p.type === "unknown");
  const json = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: normalizerJson(proto),
    pre_tokenizer: null,
    post_processor: null,
    decoder: decoderJson(proto),
    model: modelJson(proto, unkId),
  };
  return options.pretty ? JSON.stringify(json, null, 2) : JSON.stringify(json);
}

/** The charsmap, then SentencePiece's whitespace squeezing as regex replacements. */
function normalizerJson(proto: ModelProto): object | null {
  const norm = proto.normalizerSpec;
  const steps: object[] = [];
  if (norm.precompiledCharsmap.length > 0) {
    steps.push({ type: "Precompiled", precompiled_charsmap: encodeBase64(norm.precompiledCharsmap) });
  }
  if (norm.removeExtraWhitespaces) {
    const replace = (regex: string, content: string) => ({
      type: "Replace",
      pattern: { Regex: regex },
      content,
    });
    steps.push(replace("^ +", ""), replace(" {2,}", " "));
    // SentencePiece strips trailing spaces after escaping them, so a `▁` written at the end of
    // the text goes too.
    steps.push(replace(norm.escapeWhitespaces ? `[ ${SPACE_MARK}]+$` : " +$", ""));
  }
  // A Prepend normalizer rather than Metaspace's prepend_scheme: Metaspace adds no `▁` to a
  // text that already starts with one (a leading space), SentencePiece always does.
  if (norm.addDummyPrefix)
    steps.push({ type: "Prepend", prepend: norm.escapeWhitespaces ? SPACE_MARK : " " });
  if (norm.escapeWhitespaces) steps.push({ type: "Replace", pattern: { String: " " }, content: SPACE_MARK });
  if (steps.length === 0) return null;
  return steps.length === 1 ? steps[0] : { type: "Sequence", normalizers: steps };
}

function decoderJson(proto: ModelProto): object {
  const steps: object[] = [{ type: "Replace", pattern: { String: SPACE_MARK }, content: " " }];
  if (proto.trainerSpec.byteFallback) steps.push({ type: "ByteFallback" });
  steps.push({ type: "Fuse" });
  if (proto.normalizerSpec.addDummyPrefix) steps.push({ type: "Strip", content: " ", start: 1, stop: 0 });
  return { type: "Sequence", decoders: steps };
}

function modelJson(proto: ModelProto, unkId: number): object {
  const { pieces, trainerSpec: trainer } = proto;
  if (trainer.modelType === "unigram") {
    return {
      type: "Unigram",
      unk_id: unkId,
      vocab: pieces.map((p) => [p.piece, p.score]),
      byte_fallback: trainer.byteFallback,
    };
  }
  if (trainer.modelType !== "bpe") {
    throw new SentencePieceModelError(
      "trainer_spec.model_type",
      `a ${trainer.modelType} model has no tokenizer.json form here (only unigram and bpe)`,
    );
  }
  const vocab: Record<string, number> = Object.create(null);
  pieces.forEach((p, id) => {
    vocab[p.piece] = id;
  });
  return {
    type: "BPE",
    dropout: null,
    unk_token: pieces[unkId].piece,
    continuing_subword_prefix: null,
    end_of_word_suffix: null,
    fuse_unk: true,
    byte_fallback: trainer.byteFallback,
    ignore_merges: false,
    vocab,
    merges: derivedMerges(proto),
  };
}

/**
 * Merges for HF's BPE from SentencePiece's scores: every way to write a normal piece as two
 * mergeable pieces, ranked by the piece's score (best first), then by its id, then by the left
 * part's id. SentencePiece merges the best-scored pair; HF merges the lowest rank, which is the
 * same order except between two pairs forming one piece.
 */
function derivedMerges(proto: ModelProto): [string, string][] {
  const ids = new Map<string, number>();
  proto.pieces.forEach((p, id) => {
    if (p.type === "normal" || p.type === "user-defined") ids.set(p.piece, id);
  });
  const found: { left: string; right: string; score: number; id: number; leftId: number }[] = [];
  proto.pieces.forEach((p, id) => {
    if (p.type !== "normal") return;
    const chars = [...p.piece];
    let cut = 0;
    for (let k = 1; k < chars.length; k++) {
      cut += chars[k - 1].length;
      const left = p.piece.slice(0, cut);
      const right = p.piece.slice(cut);
      const leftId = ids.get(left);
      if (leftId !== undefined && ids.has(right)) found.push({ left, right, score: p.score, id, leftId });
    }
  });
  found.sort((a, b) => b.score - a.score || a.id - b.id || a.leftId - b.leftId);
  return found.map((m) => [m.left, m.right]);
}
