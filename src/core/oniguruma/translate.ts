/**
 * Oniguruma (Ruby syntax) → JavaScript RegExp: toklab's one translation of tokenizer.json
 * regexes, used by `Split` pre-tokenizers and by the `Replace` normalizer and decoder. It handles
 * possessive quantifiers, atomic groups and scoped case-insensitive groups exactly, pins Unicode
 * classes to Oniguruma's Unicode version, and parses the pattern instead of rewriting it token
 * by token, so that it can refuse shapes that backtrack exponentially: a pattern from an
 * untrusted file cannot hang the process (see docs/decisions/0009-hf-pretokenizers.md).
 */
import { ONIG_WORD, onigPropertyName, pinClass } from "./unicode.js";

/** What the safety check needs to know about a translated piece of pattern. */
interface Info {
  /** Can match strings of different lengths. */
  variable: boolean;
  /** Contains an alternation or a repeating quantifier that can backtrack. */
  ambiguous: boolean;
  /** The single-character unit (class source) when the node is one character, else null. */
  unit: string | null;
  /** For `unit{min,max}` nodes: the unit and its minimum count, so `(X{1,3})+` can become `X+`. */
  repeatedUnit: { unit: string; min: number } | null;
}

interface Node {
  src: string;
  info: Info;
  /** The code point of a literal character under `(?i)`, for the multi-character fold check. */
  ciLiteral?: number;
  /** Anchors and lookarounds cannot take a quantifier in JavaScript's `u` mode. */
  assertion?: boolean;
  /**
   * A property escape (`\p{L}`, `\w`…) as class content: its answer depends on the Unicode
   * version, so it is pinned to Oniguruma's (see `pinClass`).
   */
  property?: { negated: boolean; content: string };
}

const FIXED: Info = { variable: false, ambiguous: false, unit: null, repeatedUnit: null };

/** Error for a Split pattern that toklab cannot translate or will not run (unsafe). */
export class OnigPatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OnigPatternError";
  }
}

/**
 * Translates an Oniguruma pattern (Ruby syntax, as HF's `SysRegex` compiles it) to JavaScript
 * RegExp source for the `u` flag, faithfully or not at all:
 * - `\s \d \w \h`, `\p{…}`/`\p{^…}`, `\x{…}`, `\A \z \Z \b \B`, `.` (not `\n`), line anchors;
 * - `X?+ X*+ X++` (possessive) and `(?>…)` (atomic) as `(?=(?<aN>…))\k<aN>`, which JavaScript
 *   executes exactly like an atomic group; `X{n,m}+` is Ruby's *repeat of a repeat*, not
 *   possessive;
 * - `(?i:…)` by expanding each letter to the class of characters it matches without case;
 *   `(?i)` at the very start for the whole pattern; `(?m:…)` (Ruby's dot-all);
 * - captures become non-capturing groups (a split only needs whole matches).
 *
 * Refused with {@link OnigPatternError}: back-references, `\G \K \R \X`, POSIX brackets, nested
 * classes and `&&`, case-insensitive ranges, and nested repetition — a group repeated more than
 * once whose body can itself match in several ways (`(a+)+`, `(a|aa)*`, `(\w+\s?){2,}`): those
 * are the shapes that backtrack exponentially, and a pattern from a file must not hang the process.
 * `(X{1,n})+` over one character class is rewritten to `X+` (same language, no nesting).
 * With `nestedRepetition`, nested repetition is translated too (the linear engine runs it).
 *
 * @example
 * translateSplitPattern("\\s{1,3}+"); // "\\p{White_Space}+" (Ruby: (\s{1,3})+)
 * translateSplitPattern("[^\\r\\n\\s]?+x"); // "(?=(?<a0>[^\\u{d}\\u{a}\\p{White_Space}]?))\\k<a0>\\u{78}"
 * translateSplitPattern("\\p{S}"); // "(?:(?![\\u{20c1}…])[\\p{S}])": Unicode 16.0, as HF (see pinClass)
 * translateSplitPattern("(a+)+b"); // throws OnigPatternError (nested repetition)
 */
export function translateSplitPattern(pattern: string, options: TranslateOptions = {}): string {
  return new Parser(pattern, options.nestedRepetition === true).parse();
}

/** Options of {@link translateSplitPattern}. */
export interface TranslateOptions {
  /**
   * Translate nested repetition instead of refusing it: for a caller that runs the result on
   * the linear-time engine (see `compileOnigMatcher`), where it cannot backtrack. Default false.
   */
  readonly nestedRepetition?: boolean;
}

class Parser {
  private i = 0;
  private atomic = 0;
  constructor(
    private readonly p: string,
    private readonly allowNested: boolean,
  ) {}

  private fail(what: string): never {
    throw new OnigPatternError(`${what} at ${this.i} in pattern ${JSON.stringify(this.p)}`);
  }

  parse(): string {
    let ci = false;
    if (this.p.startsWith("(?i)")) {
      ci = true;
      this.i = 4;
    }
    const node = this.alternation(ci, false);
    if (this.i < this.p.length) this.fail("unbalanced )");
    return node.src;
  }

  private alternation(ci: boolean, dotAll: boolean): Node {
    const branches: Node[] = [this.sequence(ci, dotAll)];
    while (this.p[this.i] === "|") {
      this.i++;
      branches.push(this.sequence(ci, dotAll));
    }
    if (branches.length === 1) return branches[0];
    return {
      src: branches.map((b) => b.src).join("|"),
      info: { variable: true, ambiguous: true, unit: null, repeatedUnit: null },
    };
  }

  private sequence(ci: boolean, dotAll: boolean): Node {
    const nodes: Node[] = [];
    while (this.i < this.p.length) {
      const c = this.p[this.i];
      if (c === "|" || c === ")") break;
      let atom = this.atom(ci, dotAll);
      while (this.i < this.p.length) {
        const q = this.quantifier();
        if (q === null) break;
        atom = this.quantify(atom, q);
      }
      nodes.push(atom);
    }
    if (ci) this.checkMultiFolds(nodes);
    if (nodes.length === 1) return nodes[0];
    return {
      src: nodes.map((n) => n.src).join(""),
      info: {
        variable: nodes.some((n) => n.info.variable),
        ambiguous: nodes.some((n) => n.info.ambiguous),
        unit: null,
        repeatedUnit: null,
      },
    };
  }

  /**
   * Oniguruma's `(?i)` also matches a character whose full case folding is several characters
   * against that sequence (`(?i:ss)` matches `ß`); JavaScript cannot, so such literals are refused.
   */
  private checkMultiFolds(nodes: Node[]): void {
    let run = "";
    for (const n of [...nodes, null]) {
      if (n?.ciLiteral !== undefined) {
        run += String.fromCodePoint(n.ciLiteral).toLowerCase();
        continue;
      }
      for (const fold of multiFolds()) {
        if (run.includes(fold))
          this.fail(`case-insensitive ${JSON.stringify(fold)} (Oniguruma also matches a ligature or ß)`);
      }
      run = "";
    }
  }

  /** Parses a quantifier at the cursor: `[min, max, mode]`, or null when there is none. */
  private quantifier(): [number, number, "greedy" | "lazy" | "possessive"] | null {
    const c = this.p[this.i];
    let min: number;
    let max: number;
    let interval = false;
    if (c === "*" || c === "+" || c === "?") {
      min = c === "+" ? 1 : 0;
      max = c === "?" ? 1 : Number.POSITIVE_INFINITY;
      this.i++;
    } else if (c === "{") {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(this.p.slice(this.i));
      if (m === null || (m[1] === "" && m[3] === "") || (m[1] === "" && m[2] === "")) return null;
      min = m[1] === "" ? 0 : Number(m[1]);
      max = m[2] === "" ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
      if (max < min) this.fail("interval with max < min");
      this.i += m[0].length;
      interval = true;
    } else return null;
    const n = this.p[this.i];
    if (n === "?") {
      this.i++;
      return [min, max, "lazy"];
    }
    // In Ruby syntax `X{n,m}+` repeats `X{n,m}`; only `?+ *+ ++` are possessive.
    if (n === "+" && !interval) {
      this.i++;
      return [min, max, "possessive"];
    }
    return [min, max, "greedy"];
  }

  private quantify(atom: Node, [min, max, mode]: [number, number, string]): Node {
    if (atom.assertion) this.fail("quantified assertion");
    const repeats = max > 1;
    const body = atom.src;
    const wrapped = atom.info.unit !== null ? body : `(?:${body})`;
    const qs =
      (min === 0 && max === Number.POSITIVE_INFINITY
        ? "*"
        : min === 1 && max === Number.POSITIVE_INFINITY
          ? "+"
          : min === 0 && max === 1
            ? "?"
            : max === Number.POSITIVE_INFINITY
              ? `{${min},}`
              : min === max
                ? `{${min}}`
                : `{${min},${max}}`) + (mode === "lazy" ? "?" : "");
    if (repeats && (atom.info.variable || atom.info.ambiguous)) {
      const ru = atom.info.repeatedUnit;
      if (ru !== null && ru.min <= 1 && mode !== "lazy" && max === Number.POSITIVE_INFINITY && min <= 1) {
        // (X{a,b})+ over one character: any count ≥ a·1 — the same as X+ (or X* when a or min is 0).
        const star = ru.min === 0 || min === 0;
        return this.maybeAtomic(
          `${ru.unit}${star ? "*" : "+"}`,
          {
            variable: true,
            ambiguous: true,
            unit: null,
            repeatedUnit: { unit: ru.unit, min: star ? 0 : 1 },
          },
          mode === "possessive",
        );
      }
      if (!this.allowNested) this.fail("nested repetition (exponential backtracking)");
    }
    const info: Info = {
      variable: atom.info.variable || min !== max,
      ambiguous: atom.info.ambiguous || repeats || min !== max,
      unit: null,
      repeatedUnit: atom.info.unit !== null ? { unit: atom.info.unit, min } : null,
    };
    return this.maybeAtomic(wrapped + qs, info, mode === "possessive");
  }

  private maybeAtomic(src: string, info: Info, atomic: boolean): Node {
    if (!atomic) return { src, info };
    const name = `a${this.atomic++}`;
    return {
      src: `(?=(?<${name}>${src}))\\k<${name}>`,
      info: { variable: info.variable, ambiguous: false, unit: null, repeatedUnit: null },
    };
  }

  private atom(ci: boolean, dotAll: boolean): Node {
    const p = this.p;
    const c = p[this.i];
    switch (c) {
      case "(":
        return this.group(ci, dotAll);
      case "[":
        return this.charClass(ci);
      case "\\": {
        const node = this.escape(ci);
        const prop = node.property;
        if (prop === undefined) return node;
        const pinned = pinClass(prop.negated, "", prop.content);
        return pinned === null ? node : unit(pinned);
      }
      case ".":
        this.i++;
        return unit(dotAll ? "[\\s\\S]" : "[^\\n]");
      case "^":
        this.i++;
        return {
          src: "(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))",
          info: FIXED,
          assertion: true,
        };
      case "$":
        this.i++;
        return { src: "(?![^\\n])", info: FIXED, assertion: true };
      case "*":
      case "+":
      case "?":
        return this.fail("quantifier without a target");
      default: {
        const cp = p.codePointAt(this.i)!;
        this.i += cp > 0xffff ? 2 : 1;
        return { ...literal(cp, ci), ciLiteral: ci ? cp : undefined };
      }
    }
  }

  private group(ci: boolean, dotAll: boolean): Node {
    const p = this.p;
    this.i++;
    let kind: "plain" | "atomic" | "look" = "plain";
    let prefix = "(?:";
    if (p[this.i] === "?") {
      const rest = p.slice(this.i);
      const flags = /^\?([imx]*)(?:-([imx]*))?([:)])/.exec(rest);
      if (rest.startsWith("?:")) this.i += 2;
      else if (rest.startsWith("?>")) {
        kind = "atomic";
        this.i += 2;
      } else if (/^\?(=|!|<=|<!)/.test(rest)) {
        const op = /^\?(<?[=!])/.exec(rest)![1];
        prefix = `(?${op}`;
        kind = "look";
        this.i += 1 + op.length;
      } else if (rest.startsWith("?<") || rest.startsWith("?'")) {
        const close = rest.startsWith("?<") ? ">" : "'";
        const end = p.indexOf(close, this.i + 2);
        if (end < 0) this.fail("unterminated group name");
        this.i = end + 1;
      } else if (flags !== null && (flags[1] !== "" || flags[2] !== undefined)) {
        if (flags[3] === ")") this.fail("inline flags (?flags) inside the pattern");
        const on = flags[1];
        const off = flags[2] ?? "";
        if (on.includes("x") || off.includes("x")) this.fail("extended mode (?x)");
        if (on.includes("i")) ci = true;
        if (off.includes("i")) ci = false;
        if (on.includes("m")) dotAll = true;
        if (off.includes("m")) dotAll = false;
        this.i += flags[0].length;
      } else this.fail("unsupported group (?");
    }
    const body = this.alternation(ci, dotAll);
    if (p[this.i] !== ")") this.fail("unterminated group");
    this.i++;
    if (kind === "look") return { src: `${prefix}${body.src})`, info: FIXED, assertion: true };
    if (kind === "atomic") return this.maybeAtomic(body.src, body.info, true);
    return { src: `(?:${body.src})`, info: body.info };
  }

  private escape(ci: boolean): Node {
    const p = this.p;
    const n = p[this.i + 1];
    if (n === undefined) this.fail("trailing backslash");
    this.i += 2;
    switch (n) {
      case "s":
        return property("\\p{White_Space}", false, "\\p{White_Space}");
      case "S":
        return property("\\P{White_Space}", true, "\\p{White_Space}");
      case "d":
        return property("\\p{Nd}", false, "\\p{Nd}");
      case "D":
        return property("\\P{Nd}", true, "\\p{Nd}");
      case "w":
        return property(`[${ONIG_WORD}]`, false, ONIG_WORD);
      case "W":
        return property(`[^${ONIG_WORD}]`, true, ONIG_WORD);
      case "h":
        return unit("[0-9a-fA-F]");
      case "H":
        return unit("[^0-9a-fA-F]");
      case "A":
        return { src: "(?<![\\s\\S])", info: FIXED, assertion: true };
      case "z":
        return { src: "(?![\\s\\S])", info: FIXED, assertion: true };
      case "Z":
        return { src: "(?=\\n?(?![\\s\\S]))", info: FIXED, assertion: true };
      case "b":
      case "B": {
        const w = `[${ONIG_WORD}]`;
        const at = `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
        return { src: n === "b" ? at : `(?!${at})`, info: FIXED, assertion: true };
      }
      case "p":
      case "P": {
        const src = this.property(n === "P");
        return property(src, false, src);
      }
      default: {
        const cp = this.escapedCodePoint(n);
        return { ...literal(cp, ci), ciLiteral: ci ? cp : undefined };
      }
    }
  }

  /** `\p{…}` after the `\p`: JavaScript source of the property escape. */
  private property(negated: boolean): string {
    const p = this.p;
    if (p[this.i] !== "{") this.fail("\\p without braces");
    const close = p.indexOf("}", this.i);
    if (close < 0) this.fail("unterminated \\p{");
    let name = p.slice(this.i + 1, close);
    if (name.startsWith("^")) {
      negated = !negated;
      name = name.slice(1);
    }
    const js = onigPropertyName(name);
    if (js === null) this.fail(`unknown property \\p{${name}}`);
    this.i = close + 1;
    return `\\${negated ? "P" : "p"}{${js}}`;
  }

  /** The code point of a character escape whose letter `n` was just consumed. */
  private escapedCodePoint(n: string): number {
    const p = this.p;
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7, e: 0x1b };
    if (n in simple) return simple[n];
    if (n === "x") {
      if (p[this.i] === "{") {
        const close = p.indexOf("}", this.i);
        const hex = p.slice(this.i + 1, close);
        if (close < 0 || !/^[0-9a-fA-F]{1,8}$/.test(hex)) this.fail("bad \\x{...}");
        this.i = close + 1;
        return Number.parseInt(hex, 16);
      }
      const hex = /^[0-9a-fA-F]{1,2}/.exec(p.slice(this.i))?.[0] ?? this.fail("bad \\x");
      this.i += hex.length;
      return Number.parseInt(hex, 16);
    }
    if (n === "u") {
      const hex = /^[0-9a-fA-F]{4}/.exec(p.slice(this.i))?.[0] ?? this.fail("bad \\u");
      this.i += 4;
      return Number.parseInt(hex, 16);
    }
    if (n === "0") {
      const oct = /^[0-7]{0,2}/.exec(p.slice(this.i))![0];
      this.i += oct.length;
      return Number.parseInt(`0${oct}`, 8);
    }
    if (/[1-9k]/.test(n)) this.fail("back-reference");
    if (/[A-Za-z0-9]/.test(n)) this.fail(`unsupported escape \\${n}`);
    const cp = p.codePointAt(this.i - 1)!;
    if (cp > 0xffff) this.i++;
    return cp;
  }

  private charClass(ci: boolean): Node {
    const p = this.p;
    this.i++;
    // Literal items and property items apart: only the latter depend on the Unicode version.
    let out = "";
    let props = "";
    const negated = p[this.i] === "^";
    if (negated) this.i++;
    let first = true;
    while (true) {
      if (this.i >= p.length) this.fail("unterminated class");
      const c = p[this.i];
      if (c === "]" && !first) break;
      first = false;
      if (c === "[") this.fail(p.startsWith("[:", this.i) ? "POSIX bracket" : "nested class");
      if (c === "&" && p[this.i + 1] === "&") this.fail("class intersection &&");
      let item: string;
      let cp = -1;
      if (c === "\\") {
        const n = p[this.i + 1];
        if (n === "W" || n === "S" || n === "D" || n === "H") this.fail(`\\${n} inside a class`);
        const node = this.escape(false);
        if (node.assertion) this.fail("assertion inside a class");
        item = node.src.startsWith("[") ? node.src.slice(1, -1) : node.src;
        if (node.property !== undefined) {
          props += item;
          continue;
        }
        if (node.src.startsWith("\\u{")) cp = Number.parseInt(node.src.slice(3, -1), 16);
      } else {
        cp = p.codePointAt(this.i)!;
        this.i += cp > 0xffff ? 2 : 1;
        item = classChar(cp);
      }
      if (cp >= 0 && p[this.i] === "-" && p[this.i + 1] !== "]" && this.i + 1 < p.length) {
        this.i++;
        let hi: number;
        if (p[this.i] === "\\") {
          const node = this.escape(false);
          if (!node.src.startsWith("\\u{")) this.fail("bad class range");
          hi = Number.parseInt(node.src.slice(3, -1), 16);
        } else {
          hi = p.codePointAt(this.i)!;
          this.i += hi > 0xffff ? 2 : 1;
        }
        if (hi < cp) this.fail("class range out of order");
        if (ci && hasCasedIn(cp, hi)) this.fail("case-insensitive class range");
        out += `${classChar(cp)}-${classChar(hi)}`;
        continue;
      }
      if (ci && cp >= 0) {
        for (const v of caseVariants(cp)) out += classChar(v);
      } else out += item;
    }
    this.i++;
    return unit(pinClass(negated, out, props) ?? `[${negated ? "^" : ""}${out}${props}]`);
  }
}

/** A property escape: `src` alone, `content` inside a class (negated when `negated`). */
function property(src: string, negated: boolean, content: string): Node {
  return { ...unit(src), property: { negated, content } };
}

function unit(src: string): Node {
  return { src, info: { variable: false, ambiguous: false, unit: src, repeatedUnit: null } };
}

/** A literal character, expanded to its case variants under `(?i)`. */
function literal(cp: number, ci: boolean): Node {
  if (ci) {
    const variants = caseVariants(cp);
    if (variants.length > 1) return unit(`[${variants.map(classChar).join("")}]`);
  }
  return unit(`\\u{${cp.toString(16)}}`);
}

function classChar(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

function hasCasedIn(lo: number, hi: number): boolean {
  for (let cp = lo; cp <= hi; cp++) if (caseVariants(cp).length > 1) return true;
  return false;
}

let multiFoldList: string[] | null = null;

/** Lowercase strings of two or more characters that some single character case-folds to. */
function multiFolds(): string[] {
  if (multiFoldList === null) {
    const set = new Set<string>();
    for (let c = 0x80; c < 0x20000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const f = String.fromCodePoint(c).toUpperCase().toLowerCase();
      if ([...f].length > 1) set.add(f);
    }
    multiFoldList = [...set];
  }
  return multiFoldList;
}

const variantCache = new Map<number, number[]>();
let foldGroups: Map<string, number[]> | null = null;

/**
 * The characters equal to `cp` under simple case folding (Oniguruma's `(?i)` for one character):
 * `s` → `s S ſ`, `k` → `k K K`. Built once from the engine's own `iu` matching.
 */
function caseVariants(cp: number): number[] {
  const hit = variantCache.get(cp);
  if (hit !== undefined) return hit;
  if (foldGroups === null) {
    foldGroups = new Map();
    for (let c = 0; c < 0x20000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const s = String.fromCodePoint(c);
      const lower = s.toLowerCase();
      const upper = s.toUpperCase();
      if (lower === s && upper === s) continue;
      // Key by the case-folded form when it is one character; rarer folds are merged below.
      const key = upper.toLowerCase();
      const group = foldGroups.get(key) ?? [];
      group.push(c);
      foldGroups.set(key, group);
    }
  }
  const self = String.fromCodePoint(cp);
  const re = new RegExp(`^\\u{${cp.toString(16)}}$`, "iu");
  const candidates = new Set<number>([cp]);
  for (const key of [self.toUpperCase().toLowerCase(), self.toLowerCase(), self.toUpperCase()]) {
    for (const c of foldGroups.get(key) ?? []) candidates.add(c);
    for (const ch of key) candidates.add(ch.codePointAt(0)!);
  }
  const out = [...candidates].filter((c) => re.test(String.fromCodePoint(c))).sort((a, b) => a - b);
  variantCache.set(cp, out);
  return out;
}
