/**
 * JavaScript regular expression source (`u` flag) → syntax tree. The source is first compiled by
 * the engine's own RegExp, so only valid patterns reach the parser and its tree describes what
 * JavaScript would run; the parser then only needs to find each construct's extent.
 */
import type { RegexNode } from "./ast.js";

/** A parsed pattern: its tree and its capture groups (by name, to resolve `\k<name>`). */
export interface ParsedRegex {
  readonly source: string;
  readonly root: RegexNode;
  /** Number of capturing groups. */
  readonly groups: number;
  /** Capture index of each named group. */
  readonly names: ReadonlyMap<string, number>;
}

/**
 * Parses `source` as JavaScript with the `u` flag; throws JavaScript's own SyntaxError for an
 * invalid pattern.
 *
 * @example
 * parseRegex("a+|b").root.kind; // "alt"
 */
export function parseRegex(source: string): ParsedRegex {
  new RegExp(source, "u");
  return new Parser(source).parse();
}

const INTERVAL = /\{(\d+)(?:(,)(\d*))?\}/y;
const LOW_SURROGATE = /\\u[dD][c-fC-F][0-9a-fA-F]{2}/y;
const DIGITS = /\d*/y;
const SYNTAX = new Set(["^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|"]);

class Parser {
  private i = 0;
  private groups = 0;
  private readonly names = new Map<string, number>();

  constructor(private readonly p: string) {}

  private fail(what: string): never {
    throw new SyntaxError(`${what} at ${this.i} in /${this.p}/u`);
  }

  parse(): ParsedRegex {
    const root = this.disjunction();
    if (this.i < this.p.length) this.fail("unbalanced )");
    return { source: this.p, root, groups: this.groups, names: this.names };
  }

  private disjunction(): RegexNode {
    const start = this.i;
    const branches: RegexNode[] = [this.alternative()];
    while (this.p[this.i] === "|") {
      this.i++;
      branches.push(this.alternative());
    }
    if (branches.length === 1) return branches[0];
    return { kind: "alt", branches, start, end: this.i };
  }

  private alternative(): RegexNode {
    const start = this.i;
    const items: RegexNode[] = [];
    while (this.i < this.p.length && this.p[this.i] !== "|" && this.p[this.i] !== ")") {
      items.push(this.term());
    }
    if (items.length === 1) return items[0];
    return { kind: "seq", items, start, end: this.i };
  }

  private term(): RegexNode {
    const start = this.i;
    const atom = this.atom();
    const q = this.quantifier();
    if (q === null) return atom;
    if (atom.kind === "look" || atom.kind === "edge" || atom.kind === "boundary") {
      this.fail("quantified assertion");
    }
    return { kind: "repeat", body: atom, min: q[0], max: q[1], greedy: q[2], start, end: this.i };
  }

  /** `[min, max, greedy]` of a quantifier at the cursor, or null. */
  private quantifier(): [number, number, boolean] | null {
    const p = this.p;
    const c = p[this.i];
    let min: number;
    let max: number;
    if (c === "*" || c === "+" || c === "?") {
      min = c === "+" ? 1 : 0;
      max = c === "?" ? 1 : Number.POSITIVE_INFINITY;
      this.i++;
    } else if (c === "{") {
      INTERVAL.lastIndex = this.i;
      const m = INTERVAL.exec(p);
      if (m === null) this.fail("bad quantifier");
      min = bound(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Number.POSITIVE_INFINITY : bound(m[3]);
      this.i += m[0].length;
    } else return null;
    if (p[this.i] === "?") {
      this.i++;
      return [min, max, false];
    }
    return [min, max, true];
  }

  private atom(): RegexNode {
    const p = this.p;
    const start = this.i;
    const c = p[this.i];
    switch (c) {
      case "(":
        return this.group();
      case "[":
        this.skipClass();
        return { kind: "char", start, end: this.i };
      case ".":
        this.i++;
        return { kind: "char", start, end: this.i };
      case "^":
      case "$":
        this.i++;
        return { kind: "edge", atEnd: c === "$", start, end: this.i };
      case "\\":
        return this.escape();
      default: {
        if (SYNTAX.has(c)) this.fail(`unexpected ${c}`);
        const cp = p.codePointAt(this.i)!;
        this.i += cp > 0xffff ? 2 : 1;
        return { kind: "char", start, end: this.i };
      }
    }
  }

  private group(): RegexNode {
    const p = this.p;
    const start = this.i;
    this.i++;
    let look: { behind: boolean; negate: boolean } | null = null;
    let index = 0;
    let name: string | null = null;
    if (p[this.i] === "?") {
      const rest = p.slice(this.i, this.i + 3);
      if (rest.startsWith("?:")) this.i += 2;
      else if (rest.startsWith("?=") || rest.startsWith("?!")) {
        look = { behind: false, negate: rest[1] === "!" };
        this.i += 2;
      } else if (rest === "?<=" || rest === "?<!") {
        look = { behind: true, negate: rest[2] === "!" };
        this.i += 3;
      } else if (rest.startsWith("?<")) {
        const close = p.indexOf(">", this.i);
        if (close < 0) this.fail("unterminated group name");
        name = p.slice(this.i + 2, close);
        index = ++this.groups;
        this.names.set(name, index);
        this.i = close + 1;
      } else this.fail("unsupported group (?");
    } else index = ++this.groups;
    const body = this.disjunction();
    if (p[this.i] !== ")") this.fail("unterminated group");
    this.i++;
    if (look !== null) return { kind: "look", body, ...look, start, end: this.i };
    return { kind: "group", body, index, name, start, end: this.i };
  }

  /** Moves past a class `[...]` (its contents are JavaScript's to interpret). */
  private skipClass(): void {
    const p = this.p;
    this.i++;
    while (this.i < p.length && p[this.i] !== "]") this.i += p[this.i] === "\\" ? 2 : 1;
    if (this.i >= p.length) this.fail("unterminated class");
    this.i++;
  }

  private escape(): RegexNode {
    const p = this.p;
    const start = this.i;
    const n = p[this.i + 1];
    if (n === undefined) this.fail("trailing backslash");
    this.i += 2;
    switch (n) {
      case "b":
      case "B":
        return { kind: "boundary", negate: n === "B", start, end: this.i };
      case "k": {
        const close = p.indexOf(">", this.i);
        if (p[this.i] !== "<" || close < 0) this.fail("bad \\k");
        const ref = p.slice(this.i + 1, close);
        this.i = close + 1;
        return { kind: "backref", ref, start, end: this.i };
      }
      case "p":
      case "P": {
        const close = p.indexOf("}", this.i);
        if (p[this.i] !== "{" || close < 0) this.fail("bad \\p");
        this.i = close + 1;
        return { kind: "char", start, end: this.i };
      }
      case "x":
        this.i += 2;
        return { kind: "char", start, end: this.i };
      case "c":
        this.i += 1;
        return { kind: "char", start, end: this.i };
      case "u": {
        if (p[this.i] === "{") {
          this.i = p.indexOf("}", this.i) + 1;
        } else {
          const hi = Number.parseInt(p.slice(this.i, this.i + 4), 16);
          this.i += 4;
          // `\uD83D\uDE00` is one character with the `u` flag.
          LOW_SURROGATE.lastIndex = this.i;
          if (hi >= 0xd800 && hi <= 0xdbff && LOW_SURROGATE.test(p)) {
            this.i += 6;
          }
        }
        return { kind: "char", start, end: this.i };
      }
      default: {
        if (n >= "1" && n <= "9") {
          DIGITS.lastIndex = this.i;
          const digits = DIGITS.exec(p)![0];
          this.i += digits.length;
          return { kind: "backref", ref: Number(n + digits), start, end: this.i };
        }
        // \d \D \s \S \w \W, \0, \f \n \r \t \v, identity escapes.
        return { kind: "char", start, end: this.i };
      }
    }
  }
}

/** A quantifier bound; beyond 2^31 − 1 JavaScript treats it as that (as good as infinite here). */
function bound(digits: string): number {
  return Math.min(Number(digits), 2 ** 31 - 1);
}
