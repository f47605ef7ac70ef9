/**
 * The ordered merge list of a BPE tokenizer, whatever file it came from, and how the model turns
 * a piece of text into the symbols its first merge works on. Data-mixture inference replays this
 * list on samples of text (src/mixture/replay.ts): the order of the merges is what it reads.
 */
import { Encoding } from "../core/encoding.js";
import { HfTokenizer } from "../core/hf/tokenizer.js";
import { BPE } from "../core/models/bpe.js";
import type { Tokenizer } from "../core/tokenizer.js";
import { importVocabulary } from "../train/import.js";
import { cleanMerges, type RawMerges } from "./clean.js";
import { MixtureError } from "./errors.js";
import { SpKind, spCut, spKind } from "./sp-words.js";

/**
 * A tokenizer's merges in training order: merge `k` joins the adjacent tokens `left[k]` and
 * `right[k]` (ids of the tokenizer) into `merged[k]`.
 */
export interface MergeList {
  /** The tokenizer's name, for messages. */
  readonly name: string;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly merged: Int32Array;
  /** Number of merges. */
  readonly length: number;
  /** Where the list came from: a tokenizer.json's `merges`, or recovered from tiktoken ranks. */
  readonly source: "merges" | "ranks";
  /**
   * Per token id, 1 when the model may merge it: ordinary vocabulary. Special and added tokens,
   * `<0xAB>` byte-fallback tokens and the unknown token never take part in a merge, so no pair
   * with them competes with the merges.
   */
  readonly mergeable: Uint8Array;
  /** What cleaning left out of the file's list (see {@link cleanMerges}). */
  readonly removed: MergeListRemovals;
  /**
   * Appends to `out` the symbols BPE starts from for one piece of `tokenizer.pretokenize`: bytes
   * (tiktoken, byte-level) or characters (SentencePiece-style), as token ids. `-1` marks a cut:
   * a character the vocabulary cannot spell, across which no pair exists. Returns `false` for a
   * piece that the model never splits (an added or special token): it holds no pair.
   */
  symbols(piece: string, out: number[]): boolean;
}

/** Counts of merges left out of a file's list by {@link cleanMerges}. */
export interface MergeListRemovals {
  /** Further merges that make a token an earlier merge already makes (SentencePiece conversions). */
  readonly duplicates: number;
  /** Merges whose token is a run of one whitespace character (hand-added, not learned). */
  readonly whitespaceRuns: number;
  /** Ranks that a repeated pair left unused (Hugging Face keeps the last rank of a pair). */
  readonly unusedRanks: number;
}

/** Options of {@link extractMerges}. */
export interface ExtractMergesOptions {
  /**
   * Drop merges whose token is a run of a single whitespace character (`▁▁`, `\t\t\t`, `\n\n`).
   * Default: `true` for SentencePiece-style vocabularies, where such runs were added by hand
   * (Gemma's 31 space runs come first in its list; Hayase et al., appendix C.4), `false` for
   * byte-level ones, where they were learned.
   */
  readonly dropWhitespaceRuns?: boolean;
}

/**
 * The merge list of a BPE tokenizer: a tokenizer.json's `merges` as the model resolved them, or,
 * for a tiktoken encoding (which stores only ranks), the merges recovered from the ranks as
 * `importVocabulary` does (BPE over each token's bytes with the tokens of lower rank ends in
 * exactly the two parts it was merged from). SentencePiece-style lists are cleaned as Hayase et
 * al. do: one merge per token, hand-added whitespace runs dropped.
 *
 * Throws a {@link MixtureError} for a tokenizer that has no merges (WordPiece, Unigram,
 * WordLevel) or a BPE this replay cannot follow (a subword prefix or suffix).
 *
 * @example
 * ```ts
 * const list = extractMerges(await loadTokenizer("cl100k_base"));
 * list.length; // 100000
 * [list.left[0], list.right[0], list.merged[0]]; // [220, 220, 256]: "  " is cl100k's first merge
 * ```
 */
export function extractMerges(tok: Tokenizer, options: ExtractMergesOptions = {}): MergeList {
  const mergeable = new Uint8Array(tok.vocabSize);
  for (let id = 0; id < tok.vocabSize; id++) if (tok.token(id)?.form === "text") mergeable[id] = 1;
  if (tok instanceof Encoding) return fromRanks(tok, mergeable, options);
  if (tok instanceof HfTokenizer) return fromHfModel(tok, mergeable, options);
  throw new MixtureError(
    `${tok.name}: a ${tok.format} tokenizer has no merge list that mixture inference can read (tiktoken encodings and tokenizer.json BPE models do)`,
  );
}

function finish(
  tok: Tokenizer,
  raw: RawMerges,
  source: "merges" | "ranks",
  mergeable: Uint8Array,
  symbols: (piece: string, out: number[]) => boolean,
  symbolsOf: (id: number) => number[],
  unusedRanks: number,
  options: ExtractMergesOptions,
): MergeList {
  if (raw.left.length === 0) throw new MixtureError(`${tok.name}: the tokenizer has no merges`);
  const dropRuns = options.dropWhitespaceRuns ?? tok.byteScheme === "sentencepiece";
  const cleaned = cleanMerges(raw, {
    dropWhitespaceRuns: dropRuns,
    tokenBytes: (id) => tok.token(id)?.bytes ?? new Uint8Array(0),
    symbolsOf,
  });
  return {
    name: tok.name,
    left: cleaned.left,
    right: cleaned.right,
    merged: cleaned.merged,
    length: cleaned.left.length,
    source,
    mergeable,
    removed: { duplicates: cleaned.duplicates, whitespaceRuns: cleaned.whitespaceRuns, unusedRanks },
    symbols,
  };
}

/** tiktoken: the merges are implied by the ranks; recover them with the trainer's importer. */
function fromRanks(tok: Encoding, mergeable: Uint8Array, options: ExtractMergesOptions): MergeList {
  const tokens: Array<Uint8Array | null> = [];
  const specialIds: number[] = [];
  for (let id = 0; id < tok.vocabSize; id++) {
    const info = tok.token(id);
    tokens.push(info === undefined ? null : info.bytes);
    if (info !== undefined && info.form !== "text") specialIds.push(id);
  }
  let imported: ReturnType<typeof importVocabulary>;
  try {
    imported = importVocabulary({
      tokens,
      specialIds,
      pieces: { preset: "none", numbers: "none", specialTokens: [] },
    });
  } catch (e) {
    throw new MixtureError(
      `${tok.name}: no merge list can be recovered from the ranks: ${(e as Error).message}`,
    );
  }
  // importVocabulary lists one merge per multi-byte ordinary token, in id order.
  const n = imported.merges.length;
  const raw: RawMerges = { left: new Int32Array(n), right: new Int32Array(n), merged: new Int32Array(n) };
  let k = 0;
  for (let id = 0; id < tokens.length && k < n; id++) {
    if (mergeable[id] === 0 || (tokens[id]?.length ?? 0) < 2) continue;
    raw.left[k] = imported.merges[k][0];
    raw.right[k] = imported.merges[k][1];
    raw.merged[k] = id;
    k++;
  }
  const byteIds = tok.vocab.byteRank;
  const utf8 = new TextEncoder();
  const specials = new Set(Object.keys(tok.specialTokens));
  const symbols = (piece: string, out: number[]): boolean => {
    if (specials.has(piece)) return false;
    const bytes = utf8.encode(piece);
    for (let i = 0; i < bytes.length; i++) out.push(byteIds[bytes[i]]);
    return true;
  };
  const symbolsOf = (id: number): number[] => Array.from(tok.tokenBytes(id), (b) => byteIds[b]);
  return finish(tok, raw, "ranks", mergeable, symbols, symbolsOf, 0, options);
}

/** Hugging Face BPE: the model's own merge table, read back in rank order. */
function fromHfModel(tok: HfTokenizer, mergeable: Uint8Array, options: ExtractMergesOptions): MergeList {
  const model = tok.model;
  if (!(model instanceof BPE)) {
    throw new MixtureError(
      `${tok.name}: the model is ${model.constructor.name}, which has no merge list: data-mixture inference needs a BPE tokenizer`,
    );
  }
  if (model.continuingSubwordPrefix !== null || model.endOfWordSuffix !== null) {
    throw new MixtureError(`${tok.name}: a BPE model with a subword prefix or suffix is not supported`);
  }
  const n = model.mergeCount;
  const left: number[] = [];
  const right: number[] = [];
  const merged: number[] = [];
  let unused = 0;
  for (let rank = 0; rank < n; rank++) {
    const id = model.mergedId(rank);
    const text = model.idToToken(id) ?? "";
    // The merge of this rank is the split of its token's string whose two halves the table maps
    // to this rank (a pair listed twice maps to its last rank only: the earlier one is unused).
    let found = false;
    for (let cut = 1; cut < text.length && !found; cut++) {
      if (isLowSurrogate(text.charCodeAt(cut))) continue;
      const a = model.tokenToId(text.slice(0, cut));
      const b = model.tokenToId(text.slice(cut));
      if (a !== undefined && b !== undefined && model.mergeRank(a, b) === rank) {
        left.push(a);
        right.push(b);
        merged.push(id);
        found = true;
      }
    }
    if (!found) unused++;
  }
  const raw: RawMerges = {
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    merged: Int32Array.from(merged),
  };
  const fallback = new Int32Array(256).fill(-1);
  if (model.byteFallback) {
    for (let b = 0; b < 256; b++) {
      fallback[b] = model.tokenToId(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`) ?? -1;
    }
  }
  const utf8 = new TextEncoder();
  const buf = new Uint8Array(4);
  // SentencePiece's trainer cut words where its tokenizer.json may not (see sp-words.ts).
  const spWords = tok.byteScheme === "sentencepiece";
  const symbols = (piece: string, out: number[]): boolean => {
    const whole = tok.tokenId(piece);
    if (whole !== undefined && mergeable[whole] === 0) return false;
    let prev: number = SpKind.Start;
    for (const c of piece) {
      if (spWords) {
        const kind = spKind(c);
        if (kind === SpKind.Drop || spCut(prev, kind)) out.push(-1);
        prev = kind;
        if (kind === SpKind.Drop) continue;
      }
      const id = model.tokenToId(c);
      if (id !== undefined) {
        out.push(id);
        continue;
      }
      // As the model: a character outside the vocabulary becomes its byte tokens (which never
      // merge) or the unknown token; either way no pair crosses it.
      const { written } = utf8.encodeInto(c, buf);
      let all = model.byteFallback;
      for (let i = 0; i < written && all; i++) all = fallback[buf[i]] >= 0;
      if (all) for (let i = 0; i < written; i++) out.push(fallback[buf[i]]);
      else out.push(-1);
    }
    return true;
  };
  const symbolsOf = (id: number): number[] => {
    const out: number[] = [];
    for (const c of model.idToToken(id) ?? "") out.push(model.tokenToId(c) ?? -1);
    return out;
  };
  return finish(tok, raw, "merges", mergeable, symbols, symbolsOf, unused, options);
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
