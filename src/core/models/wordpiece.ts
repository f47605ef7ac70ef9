import {
  codePointCount,
  isHighSurrogate,
  isLowSurrogate,
  REPLACEMENT,
  wellFormed,
  wellFormedSlice,
} from "./text.js";
import { CodeUnitTrie, NONE } from "./trie.js";
import { collectTokens, type ModelToken, type TokenSink, type WordModel } from "./types.js";
import { TokenVocab, type VocabInput } from "./vocab.js";

/** Options of {@link WordPiece}, with HF's defaults. */
export interface WordPieceOptions {
  /** Token for a word that cannot be split, or is too long. Default `"[UNK]"`. */
  readonly unkToken?: string;
  /** Marks a piece that continues a word. Default `"##"`. */
  readonly continuingSubwordPrefix?: string;
  /** Longer words (in code points) become one unknown token. Default `100`. */
  readonly maxInputCharsPerWord?: number;
}

/**
 * HF's WordPiece model (BERT): greedy longest-match-first from the left; pieces after the first
 * carry the continuing-subword prefix. If some position has no match, or the word has more than
 * `maxInputCharsPerWord` code points, the whole word becomes the unknown token.
 *
 * Matching walks a trie of the vocabulary once per piece, so a word costs
 * O(length × longest token) probes and no substring allocation (HF slices and hashes every
 * candidate, shortening by one char at a time). The result is identical: the first candidate
 * HF finds is the longest vocabulary entry at a char boundary, which is the trie walk's last
 * terminal.
 *
 * Throws (as HF returns `Err`) only when the unknown token is needed and missing.
 *
 * @example
 * ```ts
 * const wp = new WordPiece({ "[UNK]": 0, un: 1, "##aff": 2, "##able": 3 });
 * wp.tokenize("unaffable").map((t) => t.value); // ["un", "##aff", "##able"]
 * wp.tokenize("xyz")[0].value; // "[UNK]"
 * ```
 */
export class WordPiece implements WordModel {
  readonly unkToken: string;
  readonly continuingSubwordPrefix: string;
  readonly maxInputCharsPerWord: number;
  private readonly vocab: TokenVocab;
  private readonly trie = new CodeUnitTrie();
  /** Trie node after the prefix: where every non-initial piece starts; {@link NONE} if no token has it. */
  private readonly continuationNode: number;

  constructor(vocab: VocabInput, options: WordPieceOptions = {}) {
    this.unkToken = options.unkToken ?? "[UNK]";
    this.continuingSubwordPrefix = wellFormed(options.continuingSubwordPrefix ?? "##");
    const max = options.maxInputCharsPerWord ?? 100;
    if (!Number.isInteger(max) || max < 0) {
      throw new RangeError(`maxInputCharsPerWord must be a non-negative integer: ${max}`);
    }
    this.maxInputCharsPerWord = max;
    this.vocab = new TokenVocab(vocab);
    for (const [token, id] of this.vocab.ids) this.trie.insert(token, id);
    this.continuationNode = this.trie.walk(CodeUnitTrie.ROOT, this.continuingSubwordPrefix);
  }

  get vocabSize(): number {
    return this.vocab.size;
  }

  get maxId(): number {
    return this.vocab.maxId;
  }

  tokenToId(token: string): number | undefined {
    return this.vocab.id(token);
  }

  idToToken(id: number): string | undefined {
    return this.vocab.token(id);
  }

  tokenize(word: string): ModelToken[] {
    return collectTokens(word, (text, start, end, out, values) => this.run(text, start, end, out, values));
  }

  tokenizeInto(text: string, start: number, end: number, out: TokenSink): number {
    return this.run(text, start, end, out, null);
  }
  tokenizeValuesInto(text: string, start: number, end: number, out: TokenSink, values: string[]): number {
    return this.run(text, start, end, out, values);
  }

  /** The greedy split; `values`, when given, receives each token's text (only `tokenize` wants it). */
  private run(text: string, start: number, end: number, out: TokenSink, values: string[] | null): number {
    // Code units bound code points from above, so most words skip the count.
    const max = this.maxInputCharsPerWord;
    if (end - start > max && codePointCount(text, start, end) > max)
      return this.pushUnknown(start, end, out, values);
    const trie = this.trie;
    const first = out.ids.length;
    const firstValue = values?.length ?? 0;
    let pos = start;
    while (pos < end) {
      let node = pos === start ? CodeUnitTrie.ROOT : this.continuationNode;
      let bestId = NONE;
      let bestEnd = pos;
      let j = pos;
      while (node !== NONE && j < end) {
        const c = text.charCodeAt(j);
        if ((c & 0xf800) !== 0xd800) {
          node = trie.child(node, c);
          j++;
        } else if (isHighSurrogate(c) && j + 1 < end && isLowSurrogate(text.charCodeAt(j + 1))) {
          node = trie.child(node, c);
          if (node !== NONE) node = trie.child(node, text.charCodeAt(j + 1));
          j += 2;
        } else {
          node = trie.child(node, REPLACEMENT);
          j++;
        }
        if (node === NONE) break;
        const id = trie.value(node);
        if (id !== NONE) {
          bestId = id;
          bestEnd = j;
        }
      }
      if (bestId === NONE) {
        out.ids.length = first;
        out.starts.length = first;
        out.ends.length = first;
        if (values) values.length = firstValue;
        return this.pushUnknown(start, end, out, values);
      }
      out.ids.push(bestId);
      out.starts.push(pos);
      out.ends.push(bestEnd);
      if (values) {
        const surface = wellFormedSlice(text, pos, bestEnd);
        values.push(pos === start ? surface : this.continuingSubwordPrefix + surface);
      }
      pos = bestEnd;
    }
    return out.ids.length - first;
  }

  private pushUnknown(start: number, end: number, out: TokenSink, values: string[] | null): number {
    const id = this.vocab.id(this.unkToken);
    if (id === undefined) throw new Error("WordPiece error: Missing [UNK] token from the vocabulary");
    out.ids.push(id);
    out.starts.push(start);
    out.ends.push(end);
    values?.push(this.unkToken);
    return 1;
  }
}
