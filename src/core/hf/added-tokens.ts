/**
 * Hugging Face's `AddedVocabulary`: tokens added on top of the model's vocabulary (special
 * tokens such as `[CLS]`, `<|im_start|>`, and user tokens), how they get their ids, and how the
 * input is cut around them before the model sees it. Semantics of `tokenizers` 0.23
 * (`tokenizer/added_vocabulary.rs`), checked against the Node binding in test/hf-pipeline.
 */
import type { WordModel } from "../models/types.js";
import { isRustWhitespace } from "../normalize/chars.js";
import { NormalizedString } from "../normalize/normalized.js";
import type { Normalizer } from "../normalize/types.js";
import { LeftmostLongestMatcher } from "./token-matcher.js";

/**
 * One added token, field for field tokenizer.json's `added_tokens[i]` (without the `id`, which
 * HF recomputes on load).
 */
export interface AddedToken {
  /** The text of the token. */
  readonly content: string;
  /** Only match when not preceded or followed by a word character (Rust regex `\w`). */
  readonly singleWord: boolean;
  /** Absorb the whitespace on its left into the token. */
  readonly lstrip: boolean;
  /** Absorb the whitespace on its right into the token. */
  readonly rstrip: boolean;
  /** Match the normalized form against the normalized text, rather than the raw input. */
  readonly normalized: boolean;
  /** Skipped by `decode(..., skipSpecialTokens)`. */
  readonly special: boolean;
}

/** An {@link AddedToken} from a partial description, with HF's defaults (`AddedToken::from`). */
export function addedToken(content: string, options: Partial<Omit<AddedToken, "content">> = {}): AddedToken {
  const special = options.special ?? false;
  return {
    content,
    singleWord: options.singleWord ?? false,
    lstrip: options.lstrip ?? false,
    rstrip: options.rstrip ?? false,
    normalized: options.normalized ?? !special,
    special,
  };
}

function sameToken(a: AddedToken, b: AddedToken): boolean {
  return (
    a.content === b.content &&
    a.singleWord === b.singleWord &&
    a.lstrip === b.lstrip &&
    a.rstrip === b.rstrip &&
    a.normalized === b.normalized &&
    a.special === b.special
  );
}

/** Rust regex crate's Unicode `\w`: Alphabetic, marks, decimal digits, Pc, Join_Control. */
const RUST_WORD = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\u200c\u200d]/u;

function codePointBefore(s: string, i: number): number {
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = s.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  }
  return c;
}

function isWordChar(cp: number): boolean {
  if (cp < 0x80) {
    return (
      (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f
    );
  }
  return RUST_WORD.test(String.fromCodePoint(cp));
}

/**
 * The added tokens of a tokenizer, with HF's id assignment and its two-pass split:
 * non-normalized tokens are found in the raw input, normalized ones (by their normalized form)
 * in the normalized text of the parts between.
 *
 * Ids: a token whose content the model (or an earlier added token) knows takes that id; any
 * other gets the next id after the model's vocabulary (or after the largest added id, when that
 * is already past it). The ids written in tokenizer.json are ignored, as in HF. Empty tokens
 * are ignored; a token equal to an earlier one is skipped; a token with the same content but
 * other flags replaces the earlier one's flags (its special status stays).
 *
 * @example
 * ```ts
 * const model = new WordLevel(new Map([["<unk>", 0], ["hi", 1]]), { unkToken: "<unk>" });
 * const added = new AddedVocabulary([addedToken("[SEP]", { special: true })], model, null);
 * added.tokenToId("[SEP]"); // 2
 * const cuts: number[] = [];
 * added.findMatches("hi[SEP]hi", false, cuts); // cuts = [0, 2, -1, 2, 7, 2, 7, 9, -1]
 * ```
 */
export class AddedVocabulary {
  private readonly byContent = new Map<string, number>();
  private readonly byId = new Map<number, AddedToken>();
  private readonly normalizedForms = new Map<number, string>();
  private readonly specials = new Set<string>();
  private readonly rawMatcher: LeftmostLongestMatcher;
  private readonly normalizedMatcher: LeftmostLongestMatcher;

  constructor(tokens: readonly AddedToken[], model: WordModel, normalizer: Normalizer | null) {
    const modelSize = model.vocabSize;
    let nextId = modelSize;
    for (const token of tokens) {
      if (token.content.length === 0) continue;
      const known = this.byContent.get(token.content);
      if (known !== undefined && sameToken(this.byId.get(known)!, token)) continue;
      let id = known ?? model.tokenToId(token.content);
      if (id === undefined) id = nextId++;
      if (token.normalized && normalizer !== null) {
        const ns = new NormalizedString(token.content);
        normalizer.normalize(ns);
        if (ns.normalized !== token.content) this.normalizedForms.set(id, ns.normalized);
      }
      this.byContent.set(token.content, id);
      if (token.special) this.specials.add(token.content);
      this.byId.set(id, token);
    }
    const raw: [string[], number[]] = [[], []];
    const norm: [string[], number[]] = [[], []];
    for (const [id, token] of this.byId) {
      const target = token.normalized ? norm : raw;
      target[0].push(token.normalized ? (this.normalizedForms.get(id) ?? token.content) : token.content);
      target[1].push(id);
    }
    this.rawMatcher = new LeftmostLongestMatcher(raw[0], raw[1]);
    this.normalizedMatcher = new LeftmostLongestMatcher(norm[0], norm[1]);
  }

  /** Number of distinct added contents (HF `AddedVocabulary::len`). */
  get size(): number {
    return this.byContent.size;
  }

  /** True when there are tokens to look for in the raw input. */
  get hasRawTokens(): boolean {
    return this.rawMatcher.size > 0;
  }

  /** True when there are tokens to look for in normalized text. */
  get hasNormalizedTokens(): boolean {
    return this.normalizedMatcher.size > 0;
  }

  /** Id of an added token's content. */
  tokenToId(content: string): number | undefined {
    return this.byContent.get(content);
  }

  /**
   * The string HF decodes for an added id (HF `simple_id_to_token`): the normalized form of a
   * `normalized` token when the normalizer changes it, else its content.
   */
  idToToken(id: number): string | undefined {
    const token = this.byId.get(id);
    if (token === undefined) return undefined;
    return this.normalizedForms.get(id) ?? token.content;
  }

  /** The token registered for `id`. */
  tokenOf(id: number): AddedToken | undefined {
    return this.byId.get(id);
  }

  /** Whether `content` is a special token's content (HF `is_special_token`). */
  isSpecialToken(content: string): boolean {
    return this.specials.has(content);
  }

  /** Every added token with its id, sorted by id (HF's serialization order). */
  entries(): { id: number; token: AddedToken }[] {
    return [...this.byId]
      .sort((a, b) => a[0] - b[0])
      .map(([id, token]) => ({
        id,
        token: this.specials.has(token.content) ? { ...token, special: true } : token,
      }));
  }

  /** Content → id of every added token. */
  vocabulary(): Map<string, number> {
    return new Map(this.byContent);
  }

  /**
   * Cuts `sentence[from, to)` around the added tokens of one pass (HF `find_matches`): pushes
   * `start, end, id` triples to `out`, `id = -1` for the text between tokens. Offsets are
   * absolute indices in `sentence`. With `normalizedPass`, the normalized tokens are searched
   * (the caller passes normalized text), else the non-normalized ones.
   *
   * A match of a `single_word` token touching a word character is dropped (and the search goes
   * on after it, as HF's iterator does); `lstrip`/`rstrip` extend the token over the adjacent
   * whitespace (not past the previous token).
   *
   * Ids in `skip` are not matched: their text stays ordinary text (HF's `encode_special_tokens`,
   * which drops the match and searches on after it).
   */
  findMatches(
    sentence: string,
    normalizedPass: boolean,
    out: number[],
    from = 0,
    to = sentence.length,
    skip: ReadonlySet<number> | null = null,
  ): void {
    const matcher = normalizedPass ? this.normalizedMatcher : this.rawMatcher;
    let startOffset = from;
    // HF's leftmost_find_iter: each search goes on from the end of the last match, whether the
    // match is kept or dropped (skipped specials, single-word tokens inside a word).
    matcher.forEachMatch(sentence, from, to, (id, s, e) => {
      if (skip?.has(id)) return true;
      const token = this.byId.get(id)!;
      let start = s;
      let stop = e;
      if (token.singleWord) {
        const wordBefore = start > from && isWordChar(codePointBefore(sentence, start));
        const wordAfter = stop < to && isWordChar(sentence.codePointAt(stop)!);
        if (wordBefore || wordAfter) return true;
      }
      if (token.lstrip) {
        let k = start;
        while (k > from && isRustWhitespace(sentence.charCodeAt(k - 1))) k--;
        start = Math.max(k, startOffset);
      }
      if (token.rstrip) {
        while (stop < to && isRustWhitespace(sentence.charCodeAt(stop))) stop++;
      }
      if (startOffset < start) out.push(startOffset, start, -1);
      out.push(start, stop, id);
      startOffset = stop;
      return true;
    });
    if (startOffset !== to) out.push(startOffset, to, -1);
  }
}
