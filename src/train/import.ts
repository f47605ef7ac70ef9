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
  const rankOf = new Map<string, number>();
  const tokens: Uint8Array[] = [];
  const merges: Array<readonly [number, number]> = [];
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
    if (rankOf.has(key)) throw new Error(`token ${id} repeats the bytes of token ${rankOf.get(key)}`);
    if (bytes.length >= 2) {
      const parts = bpeParts(bytes, rankOf);
      if (parts.length !== 2) {
        throw new Error(
          `token ${id} is not the merge of two lower-ranked tokens (BPE over its bytes gives ${parts.length} parts)`,
        );
      }
      merges.push([parts[0], parts[1]]);
      if (firstMergeId < 0) firstMergeId = id;
    } else if (firstMergeId >= 0) {
      throw new Error(
        `token ${id} is a single byte after the first merged token ${firstMergeId}: not a supported layout`,
      );
    }
    rankOf.set(key, id);
  }
  for (let b = 0; b < 256; b++) {
    if (!rankOf.has(String.fromCharCode(b)))
      throw new Error(`byte 0x${b.toString(16).padStart(2, "0")} has no token: not a byte-level vocabulary`);
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

/** Rank-BPE of `bytes` using only the tokens in `rankOf` (tiktoken's merge rule). */
function bpeParts(bytes: Uint8Array, rankOf: ReadonlyMap<string, number>): number[] {
  let parts: string[] = Array.from(bytes, (b) => String.fromCharCode(b));
  for (;;) {
    let best = -1;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < parts.length; i++) {
      const r = rankOf.get(parts[i] + parts[i + 1]);
      if (r !== undefined && r < bestRank) {
        bestRank = r;
        best = i;
      }
    }
    if (best < 0) break;
    parts = [...parts.slice(0, best), parts[best] + parts[best + 1], ...parts.slice(best + 2)];
  }
  return parts.map((p) => rankOf.get(p) ?? -1);
}
