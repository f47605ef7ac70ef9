/**
 * Seeded random regular expressions (JavaScript syntax, `u` flag) from the grammar the linear
 * engine supports, and random strings over small alphabets to run them on, for differential
 * tests against V8's RegExp. Small alphabets make the patterns match often and in many ways.
 */
import { seededRandom } from "../../../src/core/random.js";
import type { RegexNode } from "../../../src/core/regex/ast.js";
import { parseRegex } from "../../../src/core/regex/parse.js";
import { isUnit } from "../../../src/core/regex/shape.js";

/** One character of the alphabets: letters, space, newline, digit, an accent, an astral, a lone surrogate. */
export const TEXT_ALPHABET = ["a", "b", "c", " ", "\n", "1", "é", "😀", "\ud800", "A", "_"];

const LITERALS = ["a", "b", "c", " ", "\\n", "1", "é", "😀", "\\u{1f600}", "\\ud800", "A", "_", "\\."];
const CLASSES = [
  "[ab]",
  "[^a]",
  "[a-c]",
  "[^\\s\\p{L}]",
  "[\\s\\S]",
  "[^\\n]",
  "[a\\n1]",
  ".",
  "\\s",
  "\\S",
  "\\d",
  "\\D",
  "\\w",
  "\\W",
  "\\p{L}",
  "\\P{L}",
  "\\p{N}",
  "\\p{Lu}",
  "(?:a|b)",
  "(?![a])[\\p{L}]",
];

/** A random generator of patterns and texts. */
export class RandomRegex {
  private readonly random: () => number;
  private names = 0;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  /** One character, as a unit (usable inside single-character lookarounds). */
  unit(): string {
    return this.random() < 0.5 ? this.pick(LITERALS) : this.pick(CLASSES);
  }

  /** A pattern of nesting depth at most `depth`. */
  pattern(depth = 3): string {
    this.names = 0;
    return this.alternation(depth);
  }

  private alternation(depth: number): string {
    const n = this.random() < 0.7 ? 1 : 2 + this.int(2);
    const branches: string[] = [];
    for (let i = 0; i < n; i++) branches.push(this.sequence(depth));
    return branches.join("|");
  }

  private sequence(depth: number): string {
    const n = this.int(4);
    let out = "";
    for (let i = 0; i < n; i++) out += this.term(depth);
    return out;
  }

  private term(depth: number): string {
    const r = this.random();
    if (r < 0.06) return this.pick(["^", "$", "\\b", "\\B"]);
    if (r < 0.14) return this.lookaround(depth);
    if (r < 0.18) return this.atomic();
    const atom = this.atom(depth);
    return this.random() < 0.45 ? atom + this.quantifier() : atom;
  }

  private atom(depth: number): string {
    if (depth > 0 && this.random() < 0.35) {
      const body = this.alternation(depth - 1);
      const kind = this.int(3);
      if (kind === 0) return `(?:${body})`;
      if (kind === 1) return `(${body})`;
      return `(?<g${this.names++}>${body})`;
    }
    return this.unit();
  }

  private quantifier(): string {
    const q = this.pick(["*", "+", "?", "{2}", "{0,2}", "{1,3}", "{2,}", "{0,}", "{1}", "{0}"]);
    return this.random() < 0.3 ? `${q}?` : q;
  }

  private lookaround(depth: number): string {
    const op = this.pick(["?=", "?!", "?<=", "?<!"]);
    const r = this.random();
    if (r < 0.6 || depth === 0) return `(${op}${this.unit()})`;
    // A body of a few units, optional parts, alternatives, nested lookarounds, repetitions.
    const body = this.pick([
      () => this.unit() + this.unit(),
      () => `${this.unit()}?${this.unit()}`,
      () => `${this.unit()}|${this.unit()}${this.unit()}`,
      () => `${this.unit()}{0,2}`,
      () => `(?!${this.unit()})${this.unit()}${this.unit()}`,
      () => `${this.pick(["$", "^", "\\b"])}`,
      () => `(?:${this.unit()}|\\b)`,
      // Unbounded bodies (answered for the whole window at once).
      () => `${this.unit()}+`,
      () => `${this.unit()}*${this.unit()}`,
      () => `(?:${this.unit()}${this.unit()})+(?!${this.unit()})`,
      () => `${this.unit()}*?(?:${this.unit()}|$)`,
    ])();
    return `(${op}${body})`;
  }

  /** The translator's atomic idiom `(?=(?<aN>X))\k<aN>`, X a repetition of one unit or fixed. */
  private atomic(): string {
    const name = `a${this.names++}`;
    const u = this.unit();
    const x = this.pick([
      `${u}*`,
      `${u}+`,
      `${u}?`,
      `${u}{1,3}`,
      `${u}{0,2}`,
      `${u}{2,}`,
      u + this.unit(),
      `${u}*?`,
    ]);
    return `(?=(?<${name}>${x}))\\k<${name}>`;
  }

  /** A text of `0..maxLength` characters over `alphabet`. */
  text(maxLength: number, alphabet: readonly string[] = TEXT_ALPHABET): string {
    const n = this.int(maxLength + 1);
    let out = "";
    for (let i = 0; i < n; i++) out += this.pick(alphabet);
    return out;
  }
}

/** The character boundaries of `text` (never between the halves of a surrogate pair), `text.length` included. */
export function boundaries(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i <= text.length; i++) {
    out.push(i);
    const c = text.charCodeAt(i);
    if ((c & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return out;
}

/**
 * Whether V8 runs `source` on long texts without blowing up: no repetition over a part that can
 * match in several ways, and at most three variable repetitions in all (each can multiply the
 * work by the text's length). The differential tests run only these on long texts.
 */
export function tameForBacktracking(source: string): boolean {
  let variable = 0;
  let tame = true;
  const visit = (node: RegexNode, inRepeat: boolean): void => {
    switch (node.kind) {
      case "seq":
        for (const item of node.items) visit(item, inRepeat);
        break;
      case "alt":
        if (inRepeat && !isUnit(node)) tame = false;
        for (const b of node.branches) visit(b, inRepeat);
        break;
      case "group":
      case "look":
        visit(node.body, inRepeat);
        break;
      case "repeat": {
        const varies = node.min !== node.max;
        if (varies) variable++;
        if (inRepeat && (varies || !isUnit(node.body))) tame = false;
        visit(node.body, inRepeat || (node.max > 1 && !isUnit(node.body)) || node.max > 1);
        break;
      }
      default:
        break;
    }
  };
  visit(parseRegex(source).root, false);
  return tame && variable <= 3;
}
