/**
 * The syntax tree of a JavaScript regular expression (`u` flag, no other flag), as `parse`
 * builds it. Positions are UTF-16 offsets into the pattern source, so that any subtree can be
 * handed back to JavaScript's own RegExp as source (see `CharSet`).
 */

/** One node of the tree; `start`/`end` delimit its source. */
export type RegexNode =
  | CharNode
  | SeqNode
  | AltNode
  | GroupNode
  | RepeatNode
  | LookNode
  | EdgeNode
  | BoundaryNode
  | BackrefNode;

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Exactly one character: a literal, an escape, `.`, a class (`[...]`, `\d`, `\p{L}`...). */
export interface CharNode extends Span {
  readonly kind: "char";
}

/** Items one after another (an empty sequence matches the empty string). */
export interface SeqNode extends Span {
  readonly kind: "seq";
  readonly items: readonly RegexNode[];
}

/** Alternatives, tried in order. */
export interface AltNode extends Span {
  readonly kind: "alt";
  readonly branches: readonly RegexNode[];
}

/** `(...)`, `(?<name>...)` (capturing: `index` ≥ 1) or `(?:...)` (`index` 0). */
export interface GroupNode extends Span {
  readonly kind: "group";
  readonly body: RegexNode;
  readonly index: number;
  readonly name: string | null;
}

/** `body{min,max}` (`max` may be infinite), greedy or lazy. */
export interface RepeatNode extends Span {
  readonly kind: "repeat";
  readonly body: RegexNode;
  readonly min: number;
  readonly max: number;
  readonly greedy: boolean;
}

/** `(?=...)`, `(?!...)`, `(?<=...)`, `(?<!...)`. */
export interface LookNode extends Span {
  readonly kind: "look";
  readonly body: RegexNode;
  readonly behind: boolean;
  readonly negate: boolean;
}

/** `^` (start of input) or `$` (end of input): without the `m` flag, no line anchors. */
export interface EdgeNode extends Span {
  readonly kind: "edge";
  readonly atEnd: boolean;
}

/** `\b` or `\B` (ASCII word characters, as JavaScript without the `i` flag). */
export interface BoundaryNode extends Span {
  readonly kind: "boundary";
  readonly negate: boolean;
}

/** `\1` or `\k<name>`. */
export interface BackrefNode extends Span {
  readonly kind: "backref";
  readonly ref: number | string;
}
