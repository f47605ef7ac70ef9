import { wellFormedSlice } from "./text.js";
import type { ModelToken, TokenSink, WordModel } from "./types.js";
import { TokenVocab, type VocabInput } from "./vocab.js";

/** Options of {@link WordLevel}, with HF's default. */
export interface WordLevelOptions {
  /** Token for a word not in the vocabulary. Default `"<unk>"`. */
  readonly unkToken?: string;
}

/**
 * HF's WordLevel model: a word is one token, its own if the vocabulary has it, else the unknown
 * token. As in HF, a missing unknown token is an error only when an unknown word arrives.
 *
 * @example
 * ```ts
 * const wl = new WordLevel({ "<unk>": 0, hello: 1 });
 * wl.tokenize("hello"); // [{ id: 1, value: "hello", start: 0, end: 5 }]
 * wl.tokenize("bye"); // [{ id: 0, value: "<unk>", start: 0, end: 3 }]
 * ```
 */
export class WordLevel implements WordModel {
  readonly unkToken: string;
  private readonly vocab: TokenVocab;

  constructor(vocab: VocabInput, options: WordLevelOptions = {}) {
    this.unkToken = options.unkToken ?? "<unk>";
    this.vocab = new TokenVocab(vocab);
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
    const id = this.vocab.id(word);
    if (id !== undefined)
      return [{ id, value: wellFormedSlice(word, 0, word.length), start: 0, end: word.length }];
    return [{ id: this.unknownId(), value: this.unkToken, start: 0, end: word.length }];
  }

  tokenizeInto(text: string, start: number, end: number, out: TokenSink): number {
    // The one place a word model must build the word: the vocabulary is keyed by whole words.
    const word = start === 0 && end === text.length ? text : text.slice(start, end);
    out.ids.push(this.vocab.id(word) ?? this.unknownId());
    out.starts.push(start);
    out.ends.push(end);
    return 1;
  }

  tokenizeValuesInto(text: string, start: number, end: number, out: TokenSink, values: string[]): number {
    const word = start === 0 && end === text.length ? text : text.slice(start, end);
    const id = this.vocab.id(word);
    out.ids.push(id ?? this.unknownId());
    out.starts.push(start);
    out.ends.push(end);
    // As `tokenize`: the word itself (well formed), or the unknown token.
    values.push(id !== undefined ? wellFormedSlice(word, 0, word.length) : this.unkToken);
    return 1;
  }

  private unknownId(): number {
    const id = this.vocab.id(this.unkToken);
    if (id === undefined) throw new Error("WordLevel error: Missing [UNK] token from the vocabulary");
    return id;
  }
}
