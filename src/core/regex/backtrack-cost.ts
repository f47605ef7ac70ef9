/**
 * A static bound on what a backtracking engine (V8's RegExp) can do in one match attempt: an
 * upper bound on the steps of trying a pattern from one position, counting every way each part
 * can match (alternatives, every count of a repetition) and every lookaround it evaluates.
 *
 * A pattern whose bound is finite never repeats without limit, so an attempt reads a bounded
 * stretch of text and does bounded work; iterating matches tries each position at most about
 * twice, so the whole scan is linear in the text, with at most this bound per position. Any
 * unbounded repetition (`+`, `*`, `{n,}`) makes the bound infinite: there the work of an attempt
 * grows with the text, and over all positions quadratically or worse.
 */
import type { GroupNode, RegexNode } from "./ast.js";
import type { ParsedRegex } from "./parse.js";
import { maxWidth } from "./shape.js";

/** Beyond this, the exact figure does not matter. */
const CAP = 1e12;

interface Cost {
  /** Ways the node can match from one position (what a failure after it makes backtracking retry). */
  ways: number;
  /** Steps to try every one of them. */
  steps: number;
}

/**
 * Upper bound on the steps of one match attempt of `parsed` on a backtracking engine, or
 * Infinity when it has none.
 *
 * @example
 * backtrackCost(parseRegex("\\p{N}{1,3}")); // 3
 * backtrackCost(parseRegex("a+b")); // Infinity
 */
export function backtrackCost(parsed: ParsedRegex): number {
  const groups = new Map<number, GroupNode>();
  const collect = (node: RegexNode): void => {
    if (node.kind === "group" && node.index > 0) groups.set(node.index, node);
    if (node.kind === "seq") node.items.forEach(collect);
    else if (node.kind === "alt") node.branches.forEach(collect);
    else if (node.kind === "group" || node.kind === "look" || node.kind === "repeat") collect(node.body);
  };
  collect(parsed.root);

  const cost = (node: RegexNode): Cost => {
    switch (node.kind) {
      case "char":
      case "edge":
      case "boundary":
        return { ways: 1, steps: 1 };
      case "seq": {
        let ways = 1;
        let steps = 0;
        for (const item of node.items) {
          const c = cost(item);
          steps = capped(steps + ways * c.steps);
          ways = capped(ways * c.ways);
        }
        return { ways, steps };
      }
      case "alt": {
        let ways = 0;
        let steps = 0;
        for (const b of node.branches) {
          const c = cost(b);
          ways = capped(ways + c.ways);
          steps = capped(steps + c.steps);
        }
        return { ways, steps };
      }
      case "group":
        return cost(node.body);
      case "look":
        // Evaluated in full where it stands; matches (or not) in one way.
        return { ways: 1, steps: capped(1 + cost(node.body).steps) };
      case "backref": {
        const index = typeof node.ref === "number" ? node.ref : parsed.names.get(node.ref);
        const group = index === undefined ? undefined : groups.get(index);
        const w = group === undefined ? 0 : maxWidth(group);
        return { ways: 1, steps: capped(1 + w) };
      }
      case "repeat":
        return repeatCost(cost(node.body), node.min, node.max, maxWidth(node.body) === 0);
    }
  };
  const c = cost(parsed.root);
  return c.steps >= CAP ? Number.POSITIVE_INFINITY : c.steps;
}

/**
 * `X{min,max}`: iteration k + 1 is tried from each of the ways^k ways of the first k. An
 * iteration of an empty-only body past the minimum is rejected at once, so it adds nothing.
 */
function repeatCost(x: Cost, min: number, max: number, empty: boolean): Cost {
  const last = empty ? Math.min(max, min + 1) : max;
  if (last === Number.POSITIVE_INFINITY) return { ways: CAP, steps: CAP };
  if (x.ways <= 1) {
    return { ways: capped(empty ? 1 : last - min + 1), steps: capped(last * x.steps) };
  }
  let partial = 1;
  let ways = min === 0 ? 1 : 0;
  let steps = 0;
  for (let k = 0; k < last && steps < CAP; k++) {
    steps = capped(steps + partial * x.steps);
    partial = capped(partial * x.ways);
    if (k + 1 >= min && !empty) ways = capped(ways + partial);
  }
  return { ways: empty ? capped(partial) : ways, steps };
}

function capped(n: number): number {
  return n >= CAP || Number.isNaN(n) ? CAP : n;
}
