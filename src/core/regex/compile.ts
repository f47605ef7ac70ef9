/**
 * Syntax tree → program for the linear engine, or the reason it cannot be one.
 *
 * The program follows JavaScript's backtracking semantics exactly, as far as match bounds go
 * (capture groups only group here): alternatives and repetitions become `SPLIT`s whose order is
 * the order backtracking tries them; `X{n,m}` is unrolled into n copies of X and m − n optional
 * ones (a loop when m is infinite). JavaScript rejects an iteration that matches the empty
 * string once the minimum is reached (ECMA-262 RepeatMatcher); here those iterations are
 * compiled as X restricted to its non-empty paths — X's states twice, before and after its first
 * character, in the same priority order — so no loop can come back to where it started without
 * consuming a character.
 *
 * Lookarounds over one character test it; over a few characters they run as a small program
 * where asked (assertion.ts); over more or unboundedly many, as a program over the whole window
 * at once (look-table.ts).
 *
 * Refused (`UnsupportedRegex`): back-references (but see atomic.ts) and programs over
 * `MAX_STATES` states.
 */
import type { RegexNode } from "./ast.js";
import { desugarAtomic } from "./atomic.js";
import { charSet } from "./char-set.js";
import { lookTableCache } from "./look-table.js";
import type { ParsedRegex } from "./parse.js";
import { ASSERT, type Assertion, CHAR, FAIL, MATCH, type Program, ProgramBuilder, SPLIT } from "./program.js";
import { isUnit, maxWidth, minWidth, sourceOf } from "./shape.js";

/** Why the linear engine cannot run a pattern. */
export class UnsupportedRegex extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "UnsupportedRegex";
  }
}

/**
 * The most states a program (its lookarounds included) may have: each step of the engine may
 * visit every state once, so this bounds the work per character. The largest real tokenizer
 * pattern (o200k's) needs 94; at this bound the worst hostile pattern costs a few thousand
 * steps per character, linear but slow, so the bound is not higher.
 */
export const MAX_STATES = 1_000;

/**
 * Compiles a parsed pattern for the linear engine.
 *
 * @example
 * compileProgram(parseRegex("\\s+(?!\\S)|\\s+")).size; // a few states
 * compileProgram(parseRegex("(?=(\\w+))\\1")); // throws UnsupportedRegex (a back-reference)
 */
export function compileProgram(parsed: ParsedRegex): Program {
  const { root, problem } = desugarAtomic(parsed);
  if (problem !== null) throw new UnsupportedRegex(problem);
  let states = 0;
  const limit = () => {
    if (++states > MAX_STATES) {
      throw new UnsupportedRegex(`more than ${MAX_STATES} states once repetitions are unrolled`);
    }
  };
  return new Compiler(parsed.source, limit, false).program(root);
}

const INF = Number.POSITIVE_INFINITY;

/**
 * Widest lookaround body run where it is asked (a walk of up to this many characters each time);
 * wider ones, unbounded ones included, are answered for the whole window in one pass, whose
 * cost per character does not grow with the width.
 */
const SUB_WIDTH = 8;

class Compiler {
  private readonly builder: ProgramBuilder;
  private readonly fail: number;

  constructor(
    private readonly pattern: string,
    private readonly limit: () => void,
    /** Compile for matching backwards (a lookbehind's body): sequences run right to left. */
    private readonly reverse: boolean,
  ) {
    this.builder = new ProgramBuilder(limit);
    this.fail = this.builder.add(FAIL, 0, 0);
  }

  program(root: RegexNode): Program {
    const match = this.builder.add(MATCH, 0, 0);
    return this.builder.build(this.c(root, match));
  }

  private add(op: number, a: number, b: number): number {
    return this.builder.add(op, a, b);
  }

  private char(node: RegexNode, next: number): number {
    return this.builder.add(CHAR, 0, next, charSet(sourceOf(node, this.pattern)));
  }

  private assert(assertion: Assertion, next: number): number {
    return this.builder.add(ASSERT, 0, next, null, assertion);
  }

  /** States matching `node`, then continuing at `next`; returns the entry state. */
  private c(node: RegexNode, next: number): number {
    if (node.kind !== "char" && isUnit(node)) return this.char(node, next);
    switch (node.kind) {
      case "char":
        return this.char(node, next);
      case "seq":
        return this.cSeq(node.items, 0, next);
      case "alt": {
        const entries = node.branches.map((b) => this.c(b, next));
        return this.chain(entries);
      }
      case "group":
        return this.c(node.body, next);
      case "repeat":
        return this.cRep(node.body, node.min, node.max, node.greedy, next);
      case "look":
        return this.look(node.body, node.behind, node.negate, next);
      case "edge":
        return this.assert({ kind: node.atEnd ? "end" : "start" }, next);
      case "boundary":
        return this.assert({ kind: "boundary", negate: node.negate }, next);
      case "backref":
        throw new UnsupportedRegex(`a back-reference at ${node.start}`);
    }
  }

  /** `SPLIT`s trying `entries` in order. */
  private chain(entries: number[]): number {
    let k = entries[entries.length - 1];
    for (let i = entries.length - 2; i >= 0; i--) k = this.add(SPLIT, entries[i], k);
    return k;
  }

  private cSeq(items: readonly RegexNode[], from: number, next: number): number {
    let k = next;
    if (this.reverse) for (let i = from; i < items.length; i++) k = this.c(items[i], k);
    else for (let i = items.length - 1; i >= from; i--) k = this.c(items[i], k);
    return k;
  }

  private cRep(x: RegexNode, min: number, max: number, greedy: boolean, next: number): number {
    // A body that never consumes: its optional iterations are all empty and rejected.
    if (maxWidth(x) === 0) return min > 0 ? this.c(x, next) : next;
    let tail = next;
    if (max === INF) {
      const loop = this.add(SPLIT, 0, 0);
      const body = this.nonEmpty(x, loop);
      this.setSplit(loop, greedy ? body : next, greedy ? next : body);
      tail = loop;
    } else {
      for (let j = max - 1; j >= min; j--) {
        const body = this.nonEmpty(x, tail);
        tail = greedy ? this.add(SPLIT, body, next) : this.add(SPLIT, next, body);
      }
    }
    for (let i = 0; i < min; i++) tail = this.c(x, tail);
    return tail;
  }

  private setSplit(s: number, a: number, b: number): void {
    this.builder.a[s] = a;
    this.builder.b[s] = b;
  }

  /** `node` restricted to the paths that consume at least one character. */
  private nonEmpty(node: RegexNode, next: number): number {
    return this.ne(node, next, this.fail);
  }

  /**
   * `node` entered before the current iteration has consumed anything: at its end, go to `n1`
   * if a character was consumed on the way (in `node` or before), else to `n0`.
   */
  private ne(node: RegexNode, n1: number, n0: number): number {
    if (minWidth(node) > 0) return this.c(node, n1);
    if (maxWidth(node) === 0) return this.c(node, n0);
    switch (node.kind) {
      case "seq":
        return this.neSeq(node.items, n1, n0);
      case "alt":
        return this.chain(node.branches.map((b) => this.ne(b, n1, n0)));
      case "group":
        return this.ne(node.body, n1, n0);
      case "repeat":
        return this.neRep(node.body, node.min, node.max, node.greedy, n1, n0);
      default:
        // Characters are never empty, assertions never consume: handled above.
        throw new Error(`unreachable: ${node.kind}`);
    }
  }

  private neSeq(items: readonly RegexNode[], n1: number, n0: number): number {
    const order = this.reverse ? [...items].reverse() : items;
    const go = (i: number, n1: number, n0: number): number => {
      if (i === order.length) return n0;
      const item = order[i];
      const rest = order.slice(i + 1);
      const restAfterConsume = () => this.cSeq(this.reverse ? [...rest].reverse() : rest, 0, n1);
      if (minWidth(item) > 0) return this.c(item, restAfterConsume());
      if (maxWidth(item) === 0) return this.c(item, go(i + 1, n1, n0));
      return this.ne(item, restAfterConsume(), go(i + 1, n1, n0));
    };
    return go(0, n1, n0);
  }

  private neRep(x: RegexNode, min: number, max: number, greedy: boolean, n1: number, n0: number): number {
    if (max === 0) return n0;
    const lessMax = max === INF ? INF : max - 1;
    if (min > 0) {
      // The first iteration may be empty (it is a mandatory one).
      const after1 = this.cRep(x, min - 1, lessMax, greedy, n1);
      const after0 = this.neRep(x, min - 1, lessMax, greedy, n1, n0);
      return this.ne(x, after1, after0);
    }
    const body = this.nonEmpty(x, this.cRep(x, 0, lessMax, greedy, n1));
    return greedy ? this.add(SPLIT, body, n0) : this.add(SPLIT, n0, body);
  }

  private look(body: RegexNode, behind: boolean, negate: boolean, next: number): number {
    if (isUnit(body)) {
      const set = charSet(sourceOf(body, this.pattern));
      return this.assert({ kind: behind ? "behind" : "ahead", set, negate }, next);
    }
    if (maxWidth(body) > SUB_WIDTH) {
      // Answered for every position in one pass over the window: the body is read towards the
      // position, so a lookahead's runs right to left.
      const program = new Compiler(this.pattern, this.limit, !behind).program(body);
      return this.assert({ kind: "table", program, behind, negate, cache: lookTableCache() }, next);
    }
    const program = new Compiler(this.pattern, this.limit, behind).program(body);
    return this.assert({ kind: "sub", program, backward: behind, negate }, next);
  }
}
