/**
 * Finds special tokens (`<|endoftext|>` ...) in text with a trie over UTF-16 code units.
 *
 * tiktoken searches with one regex alternation of all special tokens; a trie gives the same
 * leftmost match without a giant RegExp. Candidate starts are found with `indexOf` when all
 * tokens share a first character (true of every OpenAI encoding: `<`), so text without specials
 * costs one native scan. A walk from a candidate is at most the longest token's length, so a
 * search is linear in the text for a fixed token set.
 *
 * When two tokens match at the same start (one is a prefix of the other, which no OpenAI
 * encoding has) the longest wins; tiktoken's order there depends on hash-set iteration.
 */
export class SpecialTokenMatcher {
  /** The tokens, by index. */
  readonly tokens: readonly string[];
  /** After a successful {@link find}: index (into {@link tokens}) of the matched token. */
  matchIndex = -1;
  /** After a successful {@link find}: end (exclusive, UTF-16) of the match. */
  matchEnd = -1;

  /** Children of each trie node, keyed by UTF-16 code unit. */
  private readonly children: Map<number, number>[] = [new Map()];
  /** Token index ending at each trie node, or -1. */
  private readonly terminal: number[] = [-1];
  /** The shared first character of all tokens, or "" when they differ. */
  private readonly firstChar: string;
  private readonly isFirst = new Uint8Array(65536);

  constructor(tokens: readonly string[]) {
    this.tokens = tokens;
    let first = -2;
    tokens.forEach((token, index) => {
      if (token.length === 0) throw new Error("a special token cannot be empty");
      let node = 0;
      for (let i = 0; i < token.length; i++) {
        const c = token.charCodeAt(i);
        let child = this.children[node].get(c);
        if (child === undefined) {
          child = this.children.length;
          this.children.push(new Map());
          this.terminal.push(-1);
          this.children[node].set(c, child);
        }
        node = child;
      }
      this.terminal[node] = index;
      const c0 = token.charCodeAt(0);
      this.isFirst[c0] = 1;
      first = first === -2 || first === c0 ? c0 : -1;
    });
    this.firstChar = first < 0 ? "" : String.fromCharCode(first);
  }

  /**
   * The start of the leftmost token occurrence in `text[from, end)` whose index is flagged in
   * `allowed` (all tokens when omitted), or -1. On success sets {@link matchIndex} and
   * {@link matchEnd}.
   *
   * @example
   * ```ts
   * const m = new SpecialTokenMatcher(["<|endoftext|>"]);
   * m.find("a<|endoftext|>b", 0); // 1; m.matchEnd === 14, m.matchIndex === 0
   * ```
   */
  find(text: string, from: number, allowed?: Uint8Array, end = text.length): number {
    if (this.tokens.length === 0) return -1;
    const { children, terminal, firstChar, isFirst } = this;
    let p = from;
    for (;;) {
      if (firstChar !== "") {
        p = text.indexOf(firstChar, p);
        if (p < 0 || p >= end) return -1;
      } else {
        while (p < end && isFirst[text.charCodeAt(p)] === 0) p++;
        if (p >= end) return -1;
      }
      let node = 0;
      let best = -1;
      let bestEnd = -1;
      for (let i = p; i < end; i++) {
        const child = children[node].get(text.charCodeAt(i));
        if (child === undefined) break;
        node = child;
        const t = terminal[node];
        if (t >= 0 && (allowed === undefined || allowed[t] === 1)) {
          best = t;
          bestEnd = i + 1;
        }
      }
      if (best >= 0) {
        this.matchIndex = best;
        this.matchEnd = bestEnd;
        return p;
      }
      p++;
    }
  }
}

const DISALLOWED = "The text contains a special token that is not allowed: ";

/**
 * The special tokens of one tokenizer and tiktoken's allowed/disallowed rules over them (see
 * `SpecialTokenOptions` in tokenizer.ts), shared by every format so that the same options mean
 * the same thing everywhere.
 *
 * @example
 * ```ts
 * const specials = new SpecialTokenSet({ "<|endoftext|>": 199999 });
 * specials.allowedIn("a<|endoftext|>", { allowedSpecial: "all" }); // Uint8Array [1]
 * specials.allowedIn("a<|endoftext|>", {}); // throws: special token not allowed
 * specials.allowedIn("a<|endoftext|>", { disallowedSpecial: [] }); // undefined (ordinary text)
 * ```
 */
export class SpecialTokenSet {
  /** Special token texts, by index. */
  readonly names: readonly string[];
  /** Their ids, by index. */
  readonly ids: readonly number[];
  readonly matcher: SpecialTokenMatcher;
  private readonly index = new Map<string, number>();
  private readonly allFlags: Uint8Array;

  constructor(tokens: Readonly<Record<string, number>>) {
    this.names = Object.keys(tokens);
    this.ids = this.names.map((name) => tokens[name]);
    this.names.forEach((name, i) => {
      this.index.set(name, i);
    });
    this.matcher = new SpecialTokenMatcher(this.names);
    this.allFlags = new Uint8Array(this.names.length).fill(1);
  }

  get size(): number {
    return this.names.length;
  }

  /** Whether `flags` (from {@link allowedIn}) allow every special token. */
  allowsAll(flags: Uint8Array | undefined): boolean {
    return flags === this.allFlags || (flags !== undefined && !flags.includes(0));
  }

  /** Index of a special token's text, if it is one. */
  indexOf(name: string): number | undefined {
    return this.index.get(name);
  }

  /**
   * Flags (by index) of the special tokens `options` allow, or `undefined` when none is allowed;
   * throws an `Error` naming the first disallowed special token found in `text`.
   */
  allowedIn(
    text: string,
    options: {
      readonly allowedSpecial?: "all" | Iterable<string>;
      readonly disallowedSpecial?: "all" | Iterable<string>;
    } = {},
  ): Uint8Array | undefined {
    const allowed = this.allowedFlags(options.allowedSpecial);
    this.checkDisallowed(text, allowed, options.disallowedSpecial);
    return allowed;
  }

  private allowedFlags(allowedSpecial: "all" | Iterable<string> | undefined): Uint8Array | undefined {
    if (allowedSpecial === undefined || this.names.length === 0) return undefined;
    if (allowedSpecial === "all") return this.allFlags;
    if (typeof allowedSpecial === "string") {
      throw new TypeError(
        `allowedSpecial must be "all" or a list of special tokens, not "${allowedSpecial}"`,
      );
    }
    let flags: Uint8Array | undefined;
    for (const name of allowedSpecial) {
      const i = this.index.get(name);
      if (i === undefined) continue;
      flags ??= new Uint8Array(this.names.length);
      flags[i] = 1;
    }
    return flags;
  }

  /** Throws when the text contains a disallowed special token (tiktoken checks the whole text). */
  private checkDisallowed(
    text: string,
    allowed: Uint8Array | undefined,
    disallowedSpecial: "all" | Iterable<string> | undefined,
  ): void {
    if (disallowedSpecial === undefined || disallowedSpecial === "all") {
      if (allowed === this.allFlags || this.names.length === 0) return;
      let flags = this.allFlags;
      if (allowed !== undefined) {
        flags = allowed.map((a) => 1 - a);
        if (!flags.includes(1)) return;
      }
      if (this.matcher.find(text, 0, flags) >= 0) {
        throw new Error(DISALLOWED + this.names[this.matcher.matchIndex]);
      }
      return;
    }
    // `[]` (tiktoken's encode_ordinary) is the common case: no check, no allocation.
    if (Array.isArray(disallowedSpecial) && disallowedSpecial.length === 0) return;
    if (typeof disallowedSpecial === "string") {
      throw new TypeError(`disallowedSpecial must be "all" or a list of strings, not "${disallowedSpecial}"`);
    }
    const names = [...new Set(disallowedSpecial)].filter((s) => s.length > 0);
    if (names.length === 0) return;
    const matcher = new SpecialTokenMatcher(names);
    if (matcher.find(text, 0) >= 0) throw new Error(DISALLOWED + names[matcher.matchIndex]);
  }
}
