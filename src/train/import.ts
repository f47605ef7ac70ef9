import { BytePairMerger } from "../core/bpe.js";
import type { RankTable } from "../core/types.js";
import { BytePairVocab, NO_RANK } from "../core/vocab.js";
import { bytesKey } from "./token-table.js";
import type { PieceConfig, TrainedBpe } from "./types.js";

/** A byte-level vocabulary to continue training from: every token's bytes by id. */
export interface ExistingVocabulary {
  /** Token bytes by id; `null` for an id with no token (a hole) . */
  readonly tokens: ReadonlyArray<Uint8Array | null>;
  /** Ids of special (control) tokens; their bytes are their text. */
  readonly specialIds: readonly number[];
  /** How the tokenizer cuts text (the extended tokenizer keeps it). */
  readonly pieces: PieceConfig;
}

/**
 * Turns an existing byte-level BPE vocabulary (a tiktoken encoding, a Hugging Face byte-level
 * BPE) into a {@link TrainedBpe} that `BpeRun.resume` can continue on new data ("Getting the
 * most out of your tokenizer", Dagan et al. 2024: extend the vocabulary with domain merges).
 *
 * The merge list is recovered from the ranks, as tiktoken vocabularies are built: for each
 * multi-byte token in id order, BPE over its bytes using only tokens of lower id must end in
 * exactly two tokens, which are its merge. A vocabulary where that fails is not rank-ordered BPE
 * and is rejected with the offending token named.
 *
 * @example
 * const base = importVocabulary({ tokens, specialIds, pieces: { preset: "o200k", numbers: "none", specialTokens: [] } });
 * const run = BpeRun.resume(base, domainCounts, { vocabSize: base.tokens.length + 4096 });
 */
export function importVocabulary(v: ExistingVocabulary): TrainedBpe {
  const special = new Set(v.specialIds);
  const idOf = new Map<string, number>();
  const tokens: Uint8Array[] = [];
  const holes: number[] = [];
  let firstMergeId = -1;
  for (let id = 0; id < v.tokens.length; id++) {
    const bytes = v.tokens[id];
    if (bytes === null || bytes.length === 0) {
      // Keep ids stable: a hole (o200k has ids with no token before its specials) becomes a
      // placeholder special token, as tiktoken-derived tokenizer.json files fill theirs.
      holes.push(id);
      tokens.push(new TextEncoder().encode(`<|toklab_unused_${id}|>`));
      continue;
    }
    tokens.push(bytes);
    if (special.has(id)) continue;
    const key = bytesKey(bytes);
    if (idOf.has(key)) throw new Error(`token ${id} repeats the bytes of token ${idOf.get(key)}`);
    idOf.set(key, id);
    if (bytes.length >= 2) {
      if (firstMergeId < 0) firstMergeId = id;
    } else if (firstMergeId >= 0) {
      throw new Error(
        `token ${id} is a single byte after the first merged token ${firstMergeId}: not a supported layout`,
      );
    }
  }
  const vocab = new BytePairVocab(rankTable(v.tokens, special));
  const missing = vocab.byteRank.indexOf(NO_RANK);
  if (missing >= 0) {
    throw new Error(
      `byte 0x${missing.toString(16).padStart(2, "0")} has no token: not a byte-level vocabulary`,
    );
  }
  // Each merged token's merge: BPE of its bytes by tiktoken's rule, with only the tokens of lower
  // id (the merger's scan below a rank limit, as the split pairs of the backtracking encoder).
  const merger = new BytePairMerger(vocab);
  const merges: Array<readonly [number, number]> = [];
  for (let id = 0; id < vocab.size; id++) {
    const len = vocab.tokenLength(id);
    if (len < 2) continue;
    const parts = merger.mergeBelow(vocab.tokenBytes(id), len, id);
    if (parts !== 2) {
      throw new Error(
        `token ${id} is not the merge of two lower-ranked tokens (BPE over its bytes gives ${parts} parts)`,
      );
    }
    merges.push([merger.out[0], merger.out[1]]);
  }
  return {
    base: "byte",
    tokens,
    specialIds: [...v.specialIds, ...holes].sort((a, b) => a - b),
    reservedIds: [],
    byteFallbackIds: [],
    merges,
    firstMergeId: firstMergeId < 0 ? tokens.length : firstMergeId,
    pieces: v.pieces,
    config: {
      imported: true,
      importedVocabSize: tokens.length,
      importedMerges: merges.length,
      unusedIds: holes.length,
    },
  };
}

/** The mergeable tokens' bytes by id; special tokens and holes are holes. */
function rankTable(tokens: ReadonlyArray<Uint8Array | null>, special: ReadonlySet<number>): RankTable {
  const offsets = new Uint32Array(tokens.length + 1);
  for (let id = 0; id < tokens.length; id++) {
    const len = special.has(id) ? 0 : (tokens[id]?.length ?? 0);
    offsets[id + 1] = offsets[id] + len;
  }
  const blob = new Uint8Array(offsets[tokens.length]);
  for (let id = 0; id < tokens.length; id++) {
    const bytes = tokens[id];
    if (bytes !== null && !special.has(id)) blob.set(bytes, offsets[id]);
  }
  return { blob, offsets };
}
