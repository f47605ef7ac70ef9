/**
 * Segmenters on Hugging Face byte-level BPE tokenizers (GPT-2, Llama 3, Qwen...): the
 * vocabulary in bytes, and the tokenizer with its model step replaced by a segmenter.
 */
import { BYTE_CHAR, byteOfChar } from "../byte-alphabet.js";
import type { HfTokenizer } from "../hf/tokenizer.js";
import type { MergeRule } from "../merge-rule.js";
import { BPE } from "../models/bpe.js";
import type { ModelToken, TokenSink, WordModel } from "../models/types.js";
import { NO_RANK } from "../rank.js";
import type { RankTable } from "../types.js";
import { BytePairVocab } from "../vocab.js";
import { byteLevelError, type Segmenter } from "./types.js";

/**
 * Ids stay below 2^21: under tiktoken's rule an id is a merge priority, and the merge heap's keys
 * are `priority * 2^32 + position`.
 */
const MAX_ID = 1 << 21;

/** Options of {@link hfSegmentVocabulary}. */
export interface HfSegmentVocabularyOptions {
  /** The segmenter that asks, for error messages. */
  readonly segmenter?: string;
}

/**
 * HF's merge rule, read from the model's own merge table: only the pairs in the merges list
 * merge, by their position there (a pair listed twice keeps its last position, as HF's builder).
 */
class ListMergeRule implements MergeRule {
  constructor(private readonly model: BPE) {}

  mergeRank(left: number, right: number): number {
    const rank = this.model.mergeRank(left, right);
    return rank < 0 ? NO_RANK : rank;
  }

  mergedId(rank: number): number {
    return this.model.mergedId(rank);
  }
}

/** Why `tok` is not a byte-level BPE tokenizer, or null when it is. */
function notByteLevel(tok: HfTokenizer): string | null {
  const model = tok.model;
  if (!(model instanceof BPE)) return `the model is ${model.constructor.name}, not BPE`;
  if (model.continuingSubwordPrefix !== null || model.endOfWordSuffix !== null) {
    return "the BPE model has a subword prefix or suffix";
  }
  const types: string[] = [];
  const walk = (c: unknown) => {
    if (c === null || typeof c !== "object") return;
    const o = c as { type?: string; preTokenizers?: unknown[]; normalizers?: unknown[] };
    if (typeof o.type === "string") types.push(o.type);
    for (const inner of [...(o.preTokenizers ?? []), ...(o.normalizers ?? [])]) walk(inner);
  };
  walk(tok.normalizer);
  walk(tok.preTokenizer);
  if (!types.includes("ByteLevel")) return "no ByteLevel normalizer or pre-tokenizer";
  for (let b = 0; b < 256; b++) {
    if (model.tokenToId(String.fromCharCode(BYTE_CHAR[b])) === undefined) {
      return `byte 0x${b.toString(16).padStart(2, "0")} is not a token`;
    }
  }
  return null;
}

/**
 * The byte vocabulary of each tokenizer (built once), and the tokenizer whose model each token
 * blob spells (a vocabulary made from another one shares its blob: same bytes, another rule).
 */
const vocabularies = new WeakMap<HfTokenizer, BytePairVocab>();
const sources = new WeakMap<Uint8Array, HfTokenizer>();

/**
 * The byte vocabulary of a Hugging Face byte-level BPE tokenizer: each model token's stand-in
 * spelling turned back into bytes, ids kept, with HF's merge rule (the model's merges list and
 * `ignore_merges`) for `bpe` and `dropout`. Added tokens are left out (the pipeline cuts them
 * out of the text before the model). One per tokenizer: every segmenter of it shares the
 * vocabulary and its tables. Throws "segmenter X needs a byte-level BPE vocabulary" for any
 * other kind of tokenizer.
 *
 * @example
 * ```ts
 * const vocab = hfSegmentVocabulary(loadTokenizerJson(json));
 * ```
 */
export function hfSegmentVocabulary(
  tok: HfTokenizer,
  options: HfSegmentVocabularyOptions = {},
): BytePairVocab {
  const segmenter = options.segmenter ?? "any";
  const reason = notByteLevel(tok);
  if (reason !== null) throw byteLevelError(segmenter, reason);
  let vocab = vocabularies.get(tok);
  if (vocab === undefined) {
    const model = tok.model as BPE;
    vocab = new BytePairVocab(modelTokens(tok, model, segmenter), {
      name: tok.name,
      merges: new ListMergeRule(model),
      wholePieceFirst: model.ignoreMerges,
    });
    vocabularies.set(tok, vocab);
    sources.set(vocab.blob, tok);
  }
  return vocab;
}

/** The model's tokens as bytes by id (added tokens left out). */
function modelTokens(tok: HfTokenizer, model: BPE, segmenter: string): RankTable {
  const spellings: (string | undefined)[] = [];
  let found = 0;
  const limit = Math.min(MAX_ID, Math.max(4 * model.vocabSize, model.vocabSize + 65536));
  for (let id = 0; id < limit && found < model.vocabSize; id++) {
    const token = model.idToToken(id);
    if (token === undefined) continue;
    found++;
    if (tok.addedVocabulary.idToToken(id) === undefined) spellings[id] = token;
  }
  if (found < model.vocabSize) throw byteLevelError(segmenter, `token ids go beyond ${limit}`);
  return rankTable(spellings);
}

/** Token bytes by id; a spelling outside the byte alphabet (never in a byte-level vocabulary) is a hole. */
function rankTable(spellings: readonly (string | undefined)[]): RankTable {
  const offsets = new Uint32Array(spellings.length + 1);
  let total = 0;
  for (const s of spellings) total += s?.length ?? 0;
  const blob = new Uint8Array(total);
  let n = 0;
  for (let id = 0; id < spellings.length; id++) {
    offsets[id] = n;
    const s = spellings[id];
    if (s === undefined) continue;
    const from = n;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const b = byteOfChar(c);
      if (b < 0) {
        n = from;
        break;
      }
      blob[n++] = b;
    }
  }
  offsets[spellings.length] = n;
  return { blob: blob.subarray(0, n), offsets };
}

/**
 * The model step of an HF pipeline done by a segmenter: the word (in GPT-2's byte alphabet, one
 * UTF-16 unit per byte) goes back to bytes, the segmenter cuts it, and token offsets are byte
 * offsets in the word. Vocabulary questions go to the tokenizer's own model.
 */
export class SegmentedModel implements WordModel {
  private bytes = new Uint8Array(256);
  private readonly ids: number[] = [];

  constructor(
    readonly base: WordModel,
    readonly segmenter: Segmenter,
  ) {
    if (sources.get(segmenter.vocabulary.blob)?.model !== base) {
      throw new Error(`segmenter ${segmenter.name} was not built over this model's hfSegmentVocabulary`);
    }
  }

  /** The base model's unknown token (the pipeline reports it as the tokenizer's). */
  get unkToken(): string | null {
    return (this.base as { unkToken?: string | null }).unkToken ?? null;
  }

  /** Restarts BPE-dropout's random stream: a text always segments the same way. */
  beginText(): void {
    this.segmenter.reset();
  }

  get vocabSize(): number {
    return this.base.vocabSize;
  }

  get maxId(): number {
    return this.base.maxId;
  }

  tokenToId(token: string): number | undefined {
    return this.base.tokenToId(token);
  }

  idToToken(id: number): string | undefined {
    return this.base.idToToken(id);
  }

  tokenize(word: string): ModelToken[] {
    const sink: TokenSink = { ids: [], starts: [], ends: [] };
    const n = this.tokenizeInto(word, 0, word.length, sink);
    const out: ModelToken[] = [];
    for (let k = 0; k < n; k++) {
      const id = sink.ids[k];
      out.push({ id, value: this.base.idToToken(id) ?? "", start: sink.starts[k], end: sink.ends[k] });
    }
    return out;
  }

  /** Ids only (the pipeline's fast path when offsets are not needed). */
  tokenizeIdsInto(text: string, start: number, end: number, ids: number[]): number {
    return this.segmenter.segment(this.wordBytes(text, start, end), 0, end - start, ids);
  }

  tokenizeInto(text: string, start: number, end: number, out: TokenSink): number {
    const ids = this.ids;
    ids.length = 0;
    const count = this.segmenter.segment(this.wordBytes(text, start, end), 0, end - start, ids);
    const tokens = this.segmenter.vocabulary;
    let pos = start;
    for (const id of ids) {
      const len = tokens.tokenLength(id);
      out.ids.push(id);
      out.starts.push(pos);
      out.ends.push(pos + len);
      pos += len;
    }
    return count;
  }

  /** The bytes of a word spelled in the byte alphabet, in a scratch buffer. */
  private wordBytes(text: string, start: number, end: number): Uint8Array {
    const n = end - start;
    if (this.bytes.length < n) this.bytes = new Uint8Array(Math.max(n, 2 * this.bytes.length));
    const bytes = this.bytes;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(start + i);
      const b = byteOfChar(c);
      if (b < 0) {
        throw byteLevelError(
          this.segmenter.name,
          `the model was given U+${c.toString(16).toUpperCase().padStart(4, "0")}, outside the byte alphabet`,
        );
      }
      bytes[i] = b;
    }
    return bytes;
  }
}
