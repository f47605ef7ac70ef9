/**
 * Atomic groups in the form the Oniguruma translator writes them, `(?=(?<aN>X))\k<aN>`: the
 * lookahead keeps X's first match and the back-reference consumes exactly that. The linear
 * engine has no back-references, so the idiom is rewritten into plain regex when X allows:
 *
 * - X has one way to match at all (no alternation, no variable repetition): X itself;
 * - X is a greedy repetition of one character set U (`U*+`, `U?+`, `U++` in Oniguruma): the
 *   longest run, `U{min,}(?!U)`, or with a bound `U{min}(?:U{k}|U{0,k-1}(?!U))`;
 * - X is a lazy repetition of U: its first match is `U{min}`;
 * - X is a sequence whose items but the last match in one way only: those, then the last as above.
 *
 * Anything else stays an atomic group, which only JavaScript's backtracking engine can run.
 */
import type { LookNode, RegexNode, RepeatNode } from "./ast.js";
import type { ParsedRegex } from "./parse.js";
import { isUnit } from "./shape.js";

/** The tree with the atomic idioms rewritten; `problem` names the first that could not be. */
export interface Desugared {
  readonly root: RegexNode;
  readonly problem: string | null;
}

/**
 * Rewrites every atomic idiom of `parsed` that has a plain equivalent.
 *
 * @example
 * desugarAtomic(parseRegex("(?=(?<a0>\\s*))\\k<a0>x")).root; // the tree of \s*(?!\s)x
 */
export function desugarAtomic(parsed: ParsedRegex): Desugared {
  let problem: string | null = null;
  const visit = (node: RegexNode): RegexNode => {
    switch (node.kind) {
      case "seq": {
        const items: RegexNode[] = [];
        for (let i = 0; i < node.items.length; i++) {
          const item = node.items[i];
          const next = node.items[i + 1];
          const body = atomicBody(item, next, parsed);
          if (body !== null) {
            const plain = plainAtomic(visit(body));
            if (plain === null) {
              problem ??= `an atomic group or possessive quantifier at ${item.start} over a part that can match in several ways`;
              items.push(item, next);
            } else items.push(plain);
            i++;
            continue;
          }
          items.push(visit(item));
        }
        return { ...node, items };
      }
      case "alt":
        return { ...node, branches: node.branches.map(visit) };
      case "group":
      case "look":
      case "repeat":
        return { ...node, body: visit(node.body) } as RegexNode;
      default:
        return node;
    }
  };
  const root = visit(parsed.root);
  return { root, problem };
}

/** X when `look` is `(?=(?<n>X))` and `next` is `\k<n>` (or `\N` for its number), else null. */
function atomicBody(look: RegexNode, next: RegexNode | undefined, parsed: ParsedRegex): RegexNode | null {
  if (look.kind !== "look" || look.behind || look.negate || next?.kind !== "backref") return null;
  const group = (look as LookNode).body;
  if (group.kind !== "group" || group.index === 0) return null;
  const ref = typeof next.ref === "number" ? next.ref : parsed.names.get(next.ref);
  return ref === group.index ? group.body : null;
}

/** A plain tree matching exactly what `(?>body)` matches, or null. */
function plainAtomic(body: RegexNode): RegexNode | null {
  if (deterministic(body)) return body;
  let x = body;
  while (x.kind === "group") x = x.body;
  if (x.kind === "seq") {
    // (?>A B) with A matching in one way only is A (?>B).
    const n = x.items.length;
    if (!x.items.slice(0, n - 1).every(deterministic)) return null;
    const last = plainAtomic(x.items[n - 1]);
    return last === null ? null : { ...x, items: [...x.items.slice(0, n - 1), last] };
  }
  if (x.kind !== "repeat" || !isUnit(x.body)) return null;
  const { body: u, min, max, greedy } = x;
  const span = { start: x.start, end: x.end };
  const rep = (lo: number, hi: number): RepeatNode => ({
    kind: "repeat",
    body: u,
    min: lo,
    max: hi,
    greedy,
    ...span,
  });
  if (!greedy || max === min) return rep(min, min);
  const notU: LookNode = { kind: "look", body: u, behind: false, negate: true, ...span };
  if (max === Number.POSITIVE_INFINITY) return { kind: "seq", items: [rep(min, max), notU], ...span };
  const k = max - min;
  const tail: RegexNode = {
    kind: "alt",
    branches: [rep(k, k), { kind: "seq", items: [rep(0, k - 1), notU], ...span }],
    ...span,
  };
  return { kind: "seq", items: [rep(min, min), tail], ...span };
}

/** Whether `node` can match in at most one way from any position. */
function deterministic(node: RegexNode): boolean {
  switch (node.kind) {
    case "char":
    case "look":
    case "edge":
    case "boundary":
      return true;
    case "group":
      return deterministic(node.body);
    case "seq":
      return node.items.every(deterministic);
    case "repeat":
      return node.min === node.max && deterministic(node.body);
    case "alt":
      return isUnit(node);
    case "backref":
      return false;
  }
}
