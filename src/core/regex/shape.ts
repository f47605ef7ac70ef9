/**
 * Static facts about a syntax tree that the compiler and the safety check need: the shortest and
 * longest text a node can match, whether it is one character (a set the engine can test in one
 * step), and its source.
 */
import type { RegexNode } from "./ast.js";

const minWidths = new WeakMap<RegexNode, number>();
const maxWidths = new WeakMap<RegexNode, number>();
const units = new WeakMap<RegexNode, boolean>();

/** The shortest match of `node` in characters (0: it can match the empty string). */
export function minWidth(node: RegexNode): number {
  let w = minWidths.get(node);
  if (w === undefined) {
    w = minWidthOf(node);
    minWidths.set(node, w);
  }
  return w;
}

function minWidthOf(node: RegexNode): number {
  switch (node.kind) {
    case "char":
      return 1;
    case "seq":
      return node.items.reduce((n, item) => n + minWidth(item), 0);
    case "alt":
      return node.branches.reduce((n, b) => Math.min(n, minWidth(b)), Number.POSITIVE_INFINITY);
    case "group":
      return minWidth(node.body);
    case "repeat":
      return node.min === 0 ? 0 : node.min * minWidth(node.body);
    default:
      return 0;
  }
}

/** The longest match of `node` in characters (Infinity when unbounded; a back-reference is). */
export function maxWidth(node: RegexNode): number {
  let w = maxWidths.get(node);
  if (w === undefined) {
    w = maxWidthOf(node);
    maxWidths.set(node, w);
  }
  return w;
}

function maxWidthOf(node: RegexNode): number {
  switch (node.kind) {
    case "char":
      return 1;
    case "seq":
      return node.items.reduce((n, item) => n + maxWidth(item), 0);
    case "alt":
      return node.branches.reduce((n, b) => Math.max(n, maxWidth(b)), 0);
    case "group":
      return maxWidth(node.body);
    case "repeat": {
      const w = maxWidth(node.body);
      return w === 0 || node.max === 0 ? 0 : node.max * w;
    }
    case "backref":
      return Number.POSITIVE_INFINITY;
    default:
      return 0;
  }
}

/**
 * Whether `node` always matches exactly one character and looks at nothing else: a character or
 * class, an alternation or group of such, or lookaheads at that character followed by one
 * (`(?![\u{20c1}])[\p{S}]`, the translator's Unicode-pinned classes). Its JavaScript source,
 * tested on that one character alone, then says whether it matches in context too.
 */
export function isUnit(node: RegexNode): boolean {
  let u = units.get(node);
  if (u === undefined) {
    u = isUnitOf(node);
    units.set(node, u);
  }
  return u;
}

function isUnitOf(node: RegexNode): boolean {
  switch (node.kind) {
    case "char":
      return true;
    case "group":
      return isUnit(node.body);
    case "alt":
      return node.branches.every(isUnit);
    case "seq": {
      const n = node.items.length;
      if (n === 0 || !isUnit(node.items[n - 1])) return false;
      for (let i = 0; i < n - 1; i++) {
        const item = node.items[i];
        if (item.kind !== "look" || item.behind || !isUnit(item.body)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * JavaScript source for `node` (u flag) built from the tree, so that nodes made by rewriting
 * (which have no span in the pattern) have one too. Characters keep their own source.
 */
export function sourceOf(node: RegexNode, pattern: string): string {
  switch (node.kind) {
    case "char":
      return pattern.slice(node.start, node.end);
    case "seq":
      return node.items.map((item) => wrapped(item, pattern)).join("");
    case "alt":
      return node.branches.map((b) => sourceOf(b, pattern)).join("|");
    case "group":
      return `(?:${sourceOf(node.body, pattern)})`;
    case "look":
      return `(?${node.behind ? "<" : ""}${node.negate ? "!" : "="}${sourceOf(node.body, pattern)})`;
    case "repeat": {
      const max = node.max === Number.POSITIVE_INFINITY ? "" : String(node.max);
      const q = node.min === node.max ? `{${node.min}}` : `{${node.min},${max}}`;
      return `(?:${sourceOf(node.body, pattern)})${q}${node.greedy ? "" : "?"}`;
    }
    case "edge":
      return node.atEnd ? "$" : "^";
    case "boundary":
      return node.negate ? "\\B" : "\\b";
    case "backref":
      return typeof node.ref === "number" ? `\\${node.ref}` : `\\k<${node.ref}>`;
  }
}

/** Source of an item inside a sequence: alternations need a group there. */
function wrapped(node: RegexNode, pattern: string): string {
  const src = sourceOf(node, pattern);
  return node.kind === "alt" ? `(?:${src})` : src;
}
