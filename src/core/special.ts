/**
 * Finds special and added tokens (`<|endoftext|>`, `<s>`, Gemma's runs of tabs ...) in text:
 * non-overlapping leftmost-longest matches over UTF-16 code units, the semantics of tiktoken's
 * regex alternation of special tokens and of the Aho-Corasick automaton Hugging Face builds for
 * added tokens (`MatchKind::LeftmostLongest`).
 *
 * An Aho-Corasick automaton (a trie of the tokens with failure links) reads each character of
 * the text once, however long the tokens: a 20,000-character token whose prefix keeps almost
 * matching costs no re-reading. Leftmost-longest selection is streamed: a completed match is
 * kept as the candidate of its start, and emitted once no token still in progress can start at
 * or before it; positions where nothing starts are skipped, so the work is linear in the text
 * plus the matches found. Where the automaton is at its root, the scan jumps to the next
 * character that starts a token (with `indexOf` when all tokens share their first character, as
 * every OpenAI encoding's do), so text without tokens costs one native scan.
 *
 * When two tokens match at the same start the longest wins (tiktoken's order there depends on
 * hash-set iteration).
 */
export class SpecialTokenMatcher {
  /** The tokens, by index. */
  readonly tokens: readonly string[];
  /** After a successful {@link find}: index (into {@link tokens}) of the matched token. */
  matchIndex = -1;
  /** After a successful {@link find}: end (exclusive, UTF-16) of the match. */
  matchEnd = -1;

  /** Goto transitions of each state, keyed by UTF-16 code unit. */
  private readonly children: Map<number, number>[] = [new Map()];
  /** Depth of each state (the length of the token prefix it stands for). */
  private readonly depth: number[] = [0];
  /** Failure link: the state of the longest proper suffix that is also a prefix. */
  private fail: Int32Array = new Int32Array(1);
  /** Token index ending at each state, or -1. */
  private readonly terminal: number[] = [-1];
  /** The nearest state along the failure links (itself excluded) that ends a token, or 0. */
  private output: Int32Array = new Int32Array(1);
  /** The shared first character of all tokens, or "" when they differ. */
  private readonly firstChar: string;
  private readonly isFirst = new Uint8Array(65536);
  // Candidate matches by start, in a ring over the window a match can start in.
  private bestEnd: Int32Array;
  private bestIndex: Int32Array;

  constructor(tokens: readonly string[]) {
    this.tokens = tokens;
    let first = -2;
    let maxLength = 0;
    tokens.forEach((token, index) => {
      if (token.length === 0) throw new Error("a special token cannot be empty");
      maxLength = Math.max(maxLength, token.length);
      let node = 0;
      for (let i = 0; i < token.length; i++) {
        const c = token.charCodeAt(i);
        let child = this.children[node].get(c);
        if (child === undefined) {
          child = this.children.length;
          this.children.push(new Map());
          this.terminal.push(-1);
          this.depth.push(i + 1);
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
    this.bestEnd = new Int32Array(maxLength + 2);
    this.bestIndex = new Int32Array(maxLength + 2);
    this.link();
  }

  /** Failure and output links, breadth first (every state's links come from shallower ones). */
  private link(): void {
    const n = this.children.length;
    this.fail = new Int32Array(n);
    this.output = new Int32Array(n);
    const queue: number[] = [];
    for (const child of this.children[0].values()) queue.push(child);
    for (let q = 0; q < queue.length; q++) {
      const state = queue[q];
      for (const [c, child] of this.children[state]) {
        let f = this.fail[state];
        while (f !== 0 && !this.children[f].has(c)) f = this.fail[f];
        const next = this.children[f].get(c);
        this.fail[child] = next !== undefined && next !== child ? next : 0;
        const fc = this.fail[child];
        this.output[child] = this.terminal[fc] >= 0 ? fc : this.output[fc];
        queue.push(child);
      }
    }
  }

  /** The state after reading `c` in `state`. */
  private step(state: number, c: number): number {
    const { children, fail } = this;
    for (;;) {
      const next = children[state].get(c);
      if (next !== undefined) return next;
      if (state === 0) return 0;
      state = fail[state];
    }
  }

  /**
   * Calls `visit(index, start, end)` for each leftmost-longest, non-overlapping match in
   * `text[from, end)` of a token flagged in `allowed` (all tokens when omitted), in order, until
   * `visit` returns false. Only allowed tokens compete: the others are not matched at all.
   *
   * @example
   * ```ts
   * const m = new SpecialTokenMatcher(["<s>", "</s>"]);
   * m.forEachMatch("<s>hi</s>", 0, 9, undefined, (i, s, e) => console.log(i, s, e)); // 0 0 3, then 1 5 9
   * ```
   */
  forEachMatch(
    text: string,
    from: number,
    end: number,
    allowed: Uint8Array | undefined,
    visit: (index: number, start: number, end: number) => boolean,
  ): void {
    if (this.tokens.length === 0) return;
    const { terminal, output, depth, firstChar, isFirst, bestEnd, bestIndex } = this;
    const ring = bestEnd.length;
    let state = 0;
    let cursor = from; // no match may start before it
    let pos = from; // characters before it have been read
    // Candidates for starts in [cursor, pos): bestEnd[start % ring] > start when one exists.
    while (pos < end) {
      if (state === 0) {
        // Nothing in progress and no candidate: jump to the next possible token start.
        if (firstChar !== "") {
          const next = text.indexOf(firstChar, pos);
          pos = next < 0 || next >= end ? end : next;
        } else {
          while (pos < end && isFirst[text.charCodeAt(pos)] === 0) pos++;
        }
        if (pos >= end) break;
        cursor = pos;
      }
      state = this.step(state, text.charCodeAt(pos));
      pos++;
      // Matches ending here: the state's own token and those along its output links.
      for (let o = terminal[state] >= 0 ? state : output[state]; o !== 0; o = output[o]) {
        const index = terminal[o];
        const start = pos - depth[o];
        if (start < cursor || (allowed !== undefined && allowed[index] !== 1)) continue;
        const slot = start % ring;
        if (bestEnd[slot] <= start || bestEnd[slot] < pos) {
          bestEnd[slot] = pos;
          bestIndex[slot] = index;
        }
      }
      // Starts before `pending` can no longer gain a match: emit or skip them.
      const pending = pos - depth[state];
      while (cursor < pending) {
        const slot = cursor % ring;
        const matchEnd = bestEnd[slot];
        if (matchEnd > cursor) {
          bestEnd[slot] = 0;
          if (!visit(bestIndex[slot], cursor, matchEnd)) {
            this.clear(cursor, pos);
            return;
          }
          this.clear(cursor + 1, matchEnd);
          cursor = matchEnd;
          // Keep only the part of the state's prefix that starts at or after the cursor.
          while (depth[state] > pos - cursor) state = this.fail[state];
        } else {
          cursor++;
        }
      }
    }
    // The end: everything still waiting is final.
    while (cursor < pos) {
      const slot = cursor % ring;
      const matchEnd = bestEnd[slot];
      if (matchEnd > cursor) {
        bestEnd[slot] = 0;
        if (!visit(bestIndex[slot], cursor, matchEnd)) {
          this.clear(cursor, pos);
          return;
        }
        this.clear(cursor + 1, matchEnd);
        cursor = matchEnd;
      } else {
        cursor++;
      }
    }
  }

  /** Forgets the candidates of starts in `[from, to)`. */
  private clear(from: number, to: number): void {
    const ring = this.bestEnd.length;
    for (let s = from; s < to && s < from + ring; s++) this.bestEnd[s % ring] = 0;
  }

  /**
   * The start of the leftmost(-longest) token occurrence in `text[from, end)` whose index is
   * flagged in `allowed` (all tokens when omitted), or -1. On success sets {@link matchIndex}
   * and {@link matchEnd}. To find every match, {@link forEachMatch} reads the text only once.
   *
   * @example
   * ```ts
   * const m = new SpecialTokenMatcher(["<|endoftext|>"]);
   * m.find("a<|endoftext|>b", 0); // 1; m.matchEnd === 14, m.matchIndex === 0
   * ```
   */
  find(text: string, from: number, allowed?: Uint8Array, end = text.length): number {
    let found = -1;
    this.forEachMatch(text, from, end, allowed, (index, start, matchEnd) => {
      found = start;
      this.matchIndex = index;
      this.matchEnd = matchEnd;
      return false;
    });
    return found;
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
