import { FNV_OFFSET, HASH_BASE } from "../hash.js";
import { seededRandom } from "../random.js";
import { encodeCodePointInto } from "../utf8.js";
import { CACHE_MAX_WORD, hashUnits, WordCache } from "./bpe-cache.js";
import { CutRule, codePointAt } from "./bpe-cuts.js";
import { type MergeInput, resolveMerges } from "./bpe-merge-list.js";
import { type MergeTable, NO_MERGE } from "./bpe-merges.js";
import { CharIds, NOT_FOUND, RangeIndex } from "./bpe-vocab.js";
import { BpeWord } from "./bpe-word.js";
import { wellFormed, wellFormedSlice } from "./text.js";
import type { ModelToken, TokenSink, WordModel } from "./types.js";
import { TokenVocab, type VocabInput } from "./vocab.js";

/** Options of {@link BPE}, with HF's defaults (every one off or absent). */
export interface BpeOptions {
  /** Token for a character that is not in the vocabulary; without it such characters are dropped. */
  readonly unkToken?: string | null;
  /**
   * Prepended to every character but the first when looking up initial symbols (e.g. `"##"`).
   * `""` is the same as none (HF prepends the empty string); the model's field is then null.
   */
  readonly continuingSubwordPrefix?: string | null;
  /** Appended to the last character when looking up initial symbols (e.g. `"</w>"`); `""` is none. */
  readonly endOfWordSuffix?: string | null;
  /** Consecutive unknown characters become one unknown token. */
  readonly fuseUnk?: boolean;
  /** Unknown characters become their UTF-8 bytes `<0xAB>` when all of those are tokens. */
  readonly byteFallback?: boolean;
  /** A word that is itself a token is emitted whole, unmerged (Llama 3, tiktoken's rule). */
  readonly ignoreMerges?: boolean;
  /** BPE-dropout: each merge candidate is skipped with this probability, in `[0, 1]`. */
  readonly dropout?: number | null;
  /** Seed of the dropout's random stream ({@link seededRandom}); default 0. */
  readonly seed?: number;
  /**
   * Merge long SentencePiece-style words piece by piece where that is provably the same result
   * (see bpe-cuts.ts). Default `true`; `false` only to compare the two paths in tests.
   */
  readonly cutLongWords?: boolean;
}

/** Ids are stored in `Int32Array`s; HF allows any `u32`, real vocabularies stay far below. */
const MAX_ID = 0x7fffffff;

const HEX = "0123456789ABCDEF";

/**
 * Words up to this many symbols merge by rescanning ({@link BpeWord.mergeByScan}), longer ones
 * with HF's queue: the quadratic scan wins on short words, where the heap's bookkeeping
 * dominates.
 */
const SCAN_MAX_SYMBOLS = 16;

/** Words longer than this (UTF-16 units) are cut into pieces where that is exact. */
const CUT_MIN_WORD = 16;

/**
 * HF's BPE model (tokenizers/src/models/bpe), exact: one pre-tokenized word in, tokens out.
 *
 * 1. The word's characters (code points) become symbols: a character's id is that of
 *    `prefix + char + suffix` (no prefix on the first character, the suffix only on the last);
 *    an unknown character becomes its `<0xAB>` byte tokens (`byteFallback`, when all exist),
 *    else the unknown token (consecutive ones fused with `fuseUnk`), else it is dropped.
 * 2. Adjacent symbols merge by the rank of the *pair* in the merges list, lowest first, leftmost
 *    on ties, with HF's priority queue and its stale-entry rule ({@link BpeWord.mergeAll}).
 *
 * With `ignoreMerges`, a word that is a token is emitted whole first. With `dropout`, merge
 * candidates are skipped at random (seeded; `ignoreMerges` is then not applied, as in HF).
 *
 * Speed: pair lookups probe an open-addressing table in typed arrays; characters map to ids
 * through a flat BMP table; the whole-word lookup hashes the word in place. A 1 MB word
 * without spaces (SentencePiece-style) is O(n log n).
 *
 * Offsets: as HF's, symbol lengths add up from the word's start. Where that is not the text's
 * order (byte fallback puts bytes, dropped characters shift what follows, and a pending unknown
 * token is emitted after byte-fallback bytes), HF's byte offsets are mapped as the binding maps
 * them: a token spans from the character holding its first byte to the end of the character
 * holding its last; byte tokens inside one character all span that character.
 *
 * @example
 * ```ts
 * const bpe = new BPE({ a: 0, b: 1, c: 2, ab: 3, abc: 4 }, [["a", "b"], ["ab", "c"]]);
 * bpe.tokenize("abcab").map((t) => t.value); // ["abc", "ab"]
 * new BPE({ "<unk>": 0, a: 1 }, [], { unkToken: "<unk>", fuseUnk: true }).tokenize("xya").map((t) => t.id); // [0, 1]
 * ```
 */
export class BPE implements WordModel {
  readonly unkToken: string | null;
  readonly continuingSubwordPrefix: string | null;
  readonly endOfWordSuffix: string | null;
  readonly fuseUnk: boolean;
  readonly byteFallback: boolean;
  readonly ignoreMerges: boolean;
  /** Dropout probability; `0` when off (HF's `None` and `Some(0.0)` behave alike). */
  readonly dropout: number;
  private readonly vocab: TokenVocab;
  private readonly index: RangeIndex;
  private readonly merges: MergeTable;
  private readonly newIdOfRank: Int32Array;
  /** Initial-symbol ids by the character's place: first, middle, last, only. */
  private readonly firstIds: CharIds;
  private readonly middleIds: CharIds;
  private readonly lastIds: CharIds;
  private readonly onlyIds: CharIds;
  /** Id of `<0xAB>` per byte, {@link NOT_FOUND} if absent. */
  private readonly byteIds = new Int32Array(256).fill(NOT_FOUND);
  private readonly prefixBytes: Uint8Array;
  private readonly suffixBytes: Uint8Array;
  private readonly random: () => number;
  /** No two tokens share an id. */
  readonly distinctIds: boolean;
  /** No dropout and no shared ids: the scan merge gives HF's result (see {@link BpeWord.mergeByScan}). */
  private readonly scanIsExact: boolean;
  private readonly word = new BpeWord();
  /** Merged words: their ids and UTF-16 lengths. */
  private readonly cache = new WordCache();
  /** Scratch (id, UTF-16 length) pairs for the cache. */
  private pairs = new Int32Array(64);
  private readonly charBytes = new Uint8Array(4);
  /**
   * Where long words may be cut (bpe-cuts.ts); built on the first long word, `null` when
   * cutting is never exact for this model.
   */
  private cutRule: CutRule | null | undefined;

  /** `vocab`: a map or object, or a {@link TokenVocab} (used as is, not copied). */
  constructor(vocab: VocabInput | TokenVocab, merges: ReadonlyArray<MergeInput>, options: BpeOptions = {}) {
    const dropout = options.dropout ?? 0;
    if (!(dropout >= 0 && dropout <= 1)) throw new RangeError("Dropout should be between 0 and 1, inclusive");
    this.dropout = dropout;
    this.unkToken = options.unkToken ?? null;
    // Qwen 2 and 3 write "" for both: the empty string changes no symbol, so it is no prefix,
    // and code that refuses prefixed models (mixture inference, the segmenters) need not see it.
    const prefix = options.continuingSubwordPrefix || null;
    const suffix = options.endOfWordSuffix || null;
    this.continuingSubwordPrefix = prefix === null ? null : wellFormed(prefix);
    this.endOfWordSuffix = suffix === null ? null : wellFormed(suffix);
    this.fuseUnk = options.fuseUnk ?? false;
    this.byteFallback = options.byteFallback ?? false;
    this.ignoreMerges = options.ignoreMerges ?? false;
    this.random = seededRandom(options.seed ?? 0);
    if (options.cutLongWords === false) this.cutRule = null;

    this.vocab = vocab instanceof TokenVocab ? vocab : new TokenVocab(vocab);
    let maxId = -1;
    for (const [token, id] of this.vocab.ids) {
      if (id > MAX_ID) throw new RangeError(`id of ${JSON.stringify(token)} must be below 2^31: ${id}`);
      if (id > maxId) maxId = id;
    }
    this.index = new RangeIndex(this.vocab.ids);
    this.distinctIds = countDistinct(this.vocab.ids, maxId) === this.vocab.size;
    this.scanIsExact = dropout === 0 && this.distinctIds;
    ({ table: this.merges, newIdOfRank: this.newIdOfRank } = resolveMerges(
      merges,
      this.vocab,
      this.continuingSubwordPrefix,
      this.index,
    ));

    const pre = this.continuingSubwordPrefix ?? "";
    const suf = this.endOfWordSuffix ?? "";
    const tables = new Map<string, CharIds>();
    const charIds = (p: string, s: string): CharIds => {
      const key = `${p}\u0000${s}`;
      let table = tables.get(key);
      if (table === undefined) {
        table = CharIds.build(this.vocab.ids, p, s);
        tables.set(key, table);
      }
      return table;
    };
    this.firstIds = charIds("", "");
    this.middleIds = charIds(pre, "");
    this.lastIds = charIds(pre, suf);
    this.onlyIds = charIds("", suf);
    for (let b = 0; b < 256; b++) {
      this.byteIds[b] = this.vocab.id(`<0x${HEX[b >> 4]}${HEX[b & 15]}>`) ?? NOT_FOUND;
    }
    const encoder = new TextEncoder();
    this.prefixBytes = encoder.encode(pre);
    this.suffixBytes = encoder.encode(suf);
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

  /**
   * The rank (place in the merges list) of the merge of tokens `left` then `right`, or -1 when
   * the list has no such pair: HF's merge rule, for segmenters that run BPE themselves
   * (BPE-dropout over a byte-level vocabulary).
   */
  mergeRank(left: number, right: number): number {
    const at = this.merges.find(left, right);
    return at === NO_MERGE ? -1 : this.merges.rankAt(at);
  }

  /**
   * How many ranks the merges list has (`#version` lines left out): ranks run from 0 to
   * `mergeCount - 1`. A pair listed twice leaves its first rank unused (see {@link mergeRank}).
   */
  get mergeCount(): number {
    return this.newIdOfRank.length;
  }

  /** The id of the token that the merge of rank `rank` makes (see {@link mergeRank}). */
  mergedId(rank: number): number {
    return this.newIdOfRank[rank];
  }

  tokenize(word: string): ModelToken[] {
    const sink: TokenSink = { ids: [], starts: [], ends: [] };
    const n = this.run(word, 0, word.length, sink, null);
    const tokens: ModelToken[] = [];
    for (let k = 0; k < n; k++) {
      const id = sink.ids[k];
      // HF's value is `vocab_r[id]`, except for a whole word kept by `ignore_merges`.
      const value = this.wholeWord && n === 1 ? wellFormed(word) : (this.vocab.token(id) as string);
      tokens.push({ id, value, start: sink.starts[k], end: sink.ends[k] });
    }
    return tokens;
  }

  tokenizeInto(text: string, start: number, end: number, out: TokenSink): number {
    return this.run(text, start, end, out, null);
  }

  tokenizeValuesInto(text: string, start: number, end: number, out: TokenSink, values: string[]): number {
    const n = this.run(text, start, end, out, null);
    // As `tokenize`: HF's value is `vocab_r[id]`, except for a whole word kept by `ignore_merges`.
    if (this.wholeWord && n === 1) values.push(wellFormedSlice(text, start, end));
    else
      for (let k = out.ids.length - n; k < out.ids.length; k++)
        values.push(this.vocab.token(out.ids[k]) as string);
    return n;
  }

  /**
   * The ids of {@link tokenizeInto}'s tokens, without offsets: appended to `ids`; returns their
   * number. Words whose symbols leave text order (byte fallback) need no offset mapping here,
   * and cached results are used whatever their order.
   */
  tokenizeIdsInto(text: string, start: number, end: number, ids: number[]): number {
    return this.run(text, start, end, null, ids);
  }

  /** Whether the last {@link run} emitted the word whole (`ignoreMerges`). */
  private wholeWord = false;

  /** Tokens of `text[start, end)` into `out` (with offsets) or else `ids` (ids only). */
  private run(text: string, start: number, end: number, out: TokenSink | null, ids: number[] | null): number {
    this.wholeWord = false;
    if (end <= start) return 0;
    if (end - start > CUT_MIN_WORD && this.cutRule !== null) {
      this.cutRule ??= this.buildCutRule();
      if (this.cutRule !== null) return this.runPieces(text, start, end, out, ids, this.cutRule);
    }
    const h = end - start <= CACHE_MAX_WORD ? hashUnits(text, start, end) : 0;
    return this.runWord(text, start, end, h, out, ids);
  }

  /**
   * A word cut where {@link CutRule} allows (bpe-cuts.ts), each piece merged on its own: exact
   * because no merge can join symbols across a cut; pieces are short, so they hit the cache and
   * the scan merge. The piece's cache hash is computed during the same pass. If a piece throws
   * (missing unknown token), nothing is kept.
   */
  private runPieces(
    text: string,
    start: number,
    end: number,
    out: TokenSink | null,
    ids: number[] | null,
    rule: CutRule,
  ): number {
    const before = out !== null ? out.ids.length : (ids as number[]).length;
    const ids0 = this.firstIds;
    const { knownDense, densePairs } = rule;
    try {
      let from = start;
      let x = codePointAt(text, start, end);
      let dx = x <= 0xffff ? knownDense[x] : 0;
      let h = Math.imul(FNV_OFFSET ^ text.charCodeAt(start), HASH_BASE);
      let i = start + 1;
      if (x > 0xffff) h = Math.imul(h ^ text.charCodeAt(i++), HASH_BASE);
      while (i < end) {
        const c = text.charCodeAt(i);
        const y = (c & 0xf800) === 0xd800 ? codePointAt(text, i, end) : c;
        const dy = y <= 0xffff ? knownDense[y] : 0;
        // Two frequent vocabulary characters: one table read; else the general test.
        const cut =
          dx !== 0 && dy !== 0
            ? densePairs[(dx << 8) | dy] === 0
            : rule.cuttable(x, ids0.get(x) !== NOT_FOUND, y, ids0.get(y) !== NOT_FOUND);
        if (cut) {
          this.runWord(text, from, i, h, out, ids);
          from = i;
          h = FNV_OFFSET;
        }
        h = Math.imul(h ^ c, HASH_BASE);
        i++;
        if (y > 0xffff) h = Math.imul(h ^ text.charCodeAt(i++), HASH_BASE);
        x = y;
        dx = dy;
      }
      this.runWord(text, from, end, h, out, ids);
    } catch (err) {
      if (out !== null) {
        out.ids.length = before;
        out.starts.length = before;
        out.ends.length = before;
      } else (ids as number[]).length = before;
      throw err;
    }
    return (out !== null ? out.ids.length : (ids as number[]).length) - before;
  }

  /**
   * When cutting words is exact: no dropout or `ignore_merges` (both look at the whole word),
   * no prefix or suffix (they depend on the character's place in the word), and no character
   * ever dropped (a dropped character shifts the offsets of the rest of the word, HF's quirk),
   * i.e. an unknown token exists or byte fallback has every byte.
   */
  private buildCutRule(): CutRule | null {
    if (this.dropout !== 0 || this.ignoreMerges) return null;
    if (this.continuingSubwordPrefix || this.endOfWordSuffix) return null;
    const unk = this.unkToken !== null && this.vocab.id(this.unkToken) !== undefined ? this.unkToken : null;
    const allBytes = this.byteFallback && this.byteIds.every((id) => id !== NOT_FOUND);
    if (unk === null && !allBytes) return null;
    const last: number[] = [];
    const first: number[] = [];
    if (this.byteFallback) {
      // Every byte token is `<0xAB>`.
      last.push(0x3e);
      first.push(0x3c);
    }
    if (!allBytes && unk !== null && unk.length > 0) {
      last.push(unk.codePointAt(unk.length - 1) as number);
      if ((last[last.length - 1] & 0xfc00) === 0xdc00)
        last[last.length - 1] = unk.codePointAt(unk.length - 2) as number;
      first.push(unk.codePointAt(0) as number);
    }
    const ids = this.firstIds;
    return new CutRule(
      this.vocab.ids.keys(),
      { bytesOnly: allBytes, last, first },
      (cp) => ids.get(cp) !== NOT_FOUND,
    );
  }

  /** HF's tokenize of one word (whole-word lookup, cache, merge); `h`: its cache hash. */
  private runWord(
    text: string,
    start: number,
    end: number,
    h: number,
    out: TokenSink | null,
    ids: number[] | null,
  ): number {
    if (this.ignoreMerges && this.dropout === 0) {
      const id = this.index.idOf(text, start, end);
      if (id !== NOT_FOUND) {
        this.wholeWord = true;
        if (out !== null) {
          out.ids.push(id);
          out.starts.push(start);
          out.ends.push(end);
        } else (ids as number[]).push(id);
        return 1;
      }
    }
    // HF caches merged words too; results are the same with or without (dropout bypasses both).
    const cacheable = end - start <= CACHE_MAX_WORD && this.dropout === 0;
    const cache = this.cache;
    let hit = -1;
    if (cacheable) {
      hit = cache.find(text, start, end, h);
      if (hit >= 0 && (out === null || cache.inOrder(hit))) {
        const n = cache.count(hit);
        const values = cache.values;
        let v = cache.valueStart(hit);
        if (out === null) {
          const target = ids as number[];
          for (let k = 0; k < n; k++, v += 2) target.push(values[v]);
        } else {
          let pos = start;
          for (let k = 0; k < n; k++, v += 2) {
            out.ids.push(values[v]);
            out.starts.push(pos);
            pos += values[v + 1];
            out.ends.push(pos);
          }
        }
        return n;
      }
    }
    const inOrder = this.initialSymbols(text, start, end);
    const word = this.word;
    if (word.count <= SCAN_MAX_SYMBOLS && this.scanIsExact) word.mergeByScan(this.merges, this.newIdOfRank);
    else word.mergeAll(this.merges, this.newIdOfRank, this.dropout, this.random);
    const { ids: symbols, len16, next, count } = word;
    let k = 0;
    if (out === null) {
      const target = ids as number[];
      for (let i = 0; i < count; i = next[i], k++) target.push(symbols[i]);
    } else if (!inOrder) {
      k = this.emitByBytes(text, start, end, out);
    } else {
      let pos = start;
      for (let i = 0; i < count; i = next[i], k++) {
        out.ids.push(symbols[i]);
        out.starts.push(pos);
        pos += len16[i];
        out.ends.push(pos);
      }
    }
    if (cacheable && hit < 0) {
      let pairs = this.pairs;
      if (pairs.length < 2 * k) pairs = this.pairs = new Int32Array(2 * k);
      let j = 0;
      for (let i = 0; i < count; i = next[i]) {
        pairs[j++] = symbols[i];
        pairs[j++] = len16[i];
      }
      cache.add(text, start, end, h, pairs, k, inOrder);
    }
    return k;
  }

  /**
   * HF's `merge_word` up to the merge: fills {@link word} with the initial symbols of
   * `text[start, end)`. Returns false when the symbols' lengths no longer follow the text (byte
   * fallback or a dropped character), so offsets must be mapped from bytes. Throws before
   * anything is emitted if the unknown token is needed and missing.
   */
  private initialSymbols(text: string, start: number, end: number): boolean {
    const word = this.word;
    word.reset(end - start);
    const { firstIds, middleIds, lastIds, onlyIds } = this;
    let inOrder = true;
    // A pending unknown token, emitted when a known character follows (HF's `unk`).
    let unkId = -1;
    let unk8 = 0;
    let unk16 = 0;
    for (let i = start; i < end; ) {
      const c = text.charCodeAt(i);
      let cp = c;
      let n16 = 1;
      let n8: number;
      if (c < 0x80) n8 = 1;
      else if (c < 0x800) n8 = 2;
      else if ((c & 0xf800) !== 0xd800) n8 = 3;
      else if (c < 0xdc00 && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        cp = ((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000;
        n16 = 2;
        n8 = 4;
      } else {
        cp = 0xfffd; // a lone surrogate is U+FFFD on the Rust side
        n8 = 3;
      }
      const first = i === start;
      const last = i + n16 === end;
      const id = (first ? (last ? onlyIds : firstIds) : last ? lastIds : middleIds).get(cp);
      if (id !== NOT_FOUND) {
        if (unkId >= 0) {
          word.add(unkId, unk8, unk16);
          unkId = -1;
        }
        word.add(id, n8, n16);
      } else if (this.byteFallback && this.addBytes(cp, first, last)) {
        inOrder = false;
      } else if (this.unkToken !== null) {
        if (unkId >= 0 && this.fuseUnk) {
          unk8 += n8;
          unk16 += n16;
        } else {
          if (unkId >= 0) word.add(unkId, unk8, unk16);
          unkId = this.unkId();
          unk8 = n8;
          unk16 = n16;
        }
      } else {
        inOrder = false; // dropped: later symbols' offsets shift left, as in HF
      }
      i += n16;
    }
    if (unkId >= 0) word.add(unkId, unk8, unk16);
    return inOrder;
  }

  private unkId(): number {
    const token = this.unkToken as string;
    const id = this.vocab.id(token);
    if (id === undefined) throw new Error(`Unk token \`${token}\` not found in the vocabulary`);
    return id;
  }

  /**
   * Byte fallback for one character: the UTF-8 bytes of the string HF looked up, prefix and
   * suffix included (HF's quirk), one symbol of length 1 byte each; false if a byte has no token.
   */
  private addBytes(cp: number, first: boolean, last: boolean): boolean {
    const { byteIds, prefixBytes, suffixBytes } = this;
    const n = encodeCodePointInto(cp, this.charBytes);
    if (!first) for (const b of prefixBytes) if (byteIds[b] === NOT_FOUND) return false;
    for (let k = 0; k < n; k++) if (byteIds[this.charBytes[k]] === NOT_FOUND) return false;
    if (last) for (const b of suffixBytes) if (byteIds[b] === NOT_FOUND) return false;
    const word = this.word;
    if (!first) for (const b of prefixBytes) word.add(byteIds[b], 1, 1);
    for (let k = 0; k < n; k++) word.add(byteIds[this.charBytes[k]], 1, 1);
    if (last) for (const b of suffixBytes) word.add(byteIds[b], 1, 1);
    return true;
  }

  /**
   * Offsets for words whose symbols are not in text order: HF's cumulative byte offsets, each
   * start mapped to the start of the character holding that byte and each end to the end of the
   * character holding the byte before it (what the binding reports). Offsets past the word's
   * end (prefix/suffix bytes from byte fallback) are clamped to it.
   */
  private emitByBytes(text: string, start: number, end: number, out: TokenSink): number {
    const { ids, len8, next, count } = this.word;
    // The character under the cursor: its bytes end at b1, its units are [u0, u1).
    let b1 = 0;
    let u0 = start;
    let u1 = start;
    const advanceTo = (byte: number): void => {
      while (b1 <= byte && u1 < end) {
        u0 = u1;
        const c = text.charCodeAt(u1);
        if (c < 0x80) b1 += 1;
        else if (c < 0x800) b1 += 2;
        else if (c < 0xdc00 && c >= 0xd800 && u1 + 1 < end && (text.charCodeAt(u1 + 1) & 0xfc00) === 0xdc00) {
          b1 += 4;
          u1++;
        } else b1 += 3;
        u1++;
      }
    };
    let pos = 0;
    let k = 0;
    for (let i = 0; i < count; i = next[i], k++) {
      advanceTo(pos);
      out.ids.push(ids[i]);
      out.starts.push(b1 > pos ? u0 : end);
      pos += len8[i];
      advanceTo(pos - 1);
      out.ends.push(b1 > pos - 1 ? u1 : end);
    }
    return k;
  }
}

/**
 * Number of distinct ids among `ids`' values: a bitmap when ids are dense (every real
 * vocabulary), a `Set` otherwise.
 */
function countDistinct(ids: ReadonlyMap<string, number>, maxId: number): number {
  if (maxId > 4 * ids.size + 1024) return new Set(ids.values()).size;
  const seen = new Uint8Array(maxId + 1);
  let n = 0;
  for (const id of ids.values()) {
    if (seen[id] === 0) {
      seen[id] = 1;
      n++;
    }
  }
  return n;
}
