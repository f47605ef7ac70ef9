import { compileOnigMatcher } from "../oniguruma/index.js";
import { compileMatcher, type Matcher } from "../regex/index.js";
import { type NormalizedString, toWellFormed } from "./normalized.js";
import type { Normalizer } from "./types.js";

/** What a {@link Replace} looks for: a literal string or an Oniguruma regex (tokenizer.json form). */
export type ReplacePattern = { String: string } | { Regex: string };

/**
 * Replaces every match of a pattern with `content` (HF `Replace`). The replacement takes the
 * alignment of the last character of its match.
 *
 * @example
 * normalizeText(new Replace({ String: " " }, "▁"), "a b"); // "a▁b"
 */
export class Replace implements Normalizer {
  readonly type = "Replace";
  /** Finds the matches; a file regex runs on an engine that stays linear (see `compileOnigMatcher`). */
  private readonly matcher: Matcher;
  /** The pattern when it is a non-empty, well-formed literal: matches are `split`'s. */
  private readonly literal: string | null;
  /** {@link content} as a `replaceAll` replacement string (every `$` doubled). */
  private readonly replacement: string;
  /** One unit replaced by one unit (see {@link Normalizer.unitwise}). */
  readonly unitwise: boolean;

  constructor(
    readonly pattern: ReplacePattern,
    readonly content: string,
  ) {
    this.matcher =
      "String" in pattern
        ? // A literal matches in one way only (RegExp searches it natively) and may be longer than
          // the linear engine's state limit.
          compileMatcher(pattern.String.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&"), "backtracking")
        : compileOnigMatcher(pattern.Regex);
    const lit = "String" in pattern ? pattern.String : "";
    this.literal = lit.length > 0 && toWellFormed(lit) === lit ? lit : null;
    this.replacement = content.replaceAll("$", "$$$$");
    this.unitwise = this.literal !== null && isPlainUnit(this.literal) && isPlainUnit(content);
  }

  normalize(ns: NormalizedString): void {
    if (ns.length === 0) return;
    // A literal pattern that is absent needs no regex scan.
    if (
      "String" in this.pattern &&
      this.pattern.String.length > 0 &&
      !ns.normalized.includes(this.pattern.String)
    ) {
      return;
    }
    if (this.unitwise) {
      // Each match is one unit and its content one unit that takes the match's alignment: the
      // alignments stay as they are (what `replaceRanges` would rebuild, unit for unit).
      ns.normalized = ns.normalized.replaceAll(this.literal!, this.replacement);
      return;
    }
    ns.replaceRanges(this.matcher.findAll(ns.normalized), this.content);
  }

  /**
   * The replaced text without alignments. `null` for an empty match at the very start with
   * non-empty content (`Replace("^")`): HF aligns that content to nothing, and later steps
   * then leave it out of their rewrites — only the aligned path reproduces that.
   */
  normalizeString(s: string): string | null {
    if (s.length === 0) return s;
    const lit = this.literal;
    if (lit !== null) {
      // Leftmost non-overlapping occurrences of a literal, as `split` cuts; `replaceAll` builds
      // the result without the intermediate array (`$` escaped: the content is literal).
      if (this.unitwise && s.length >= UNIT_MAP_MIN && LITTLE_ENDIAN && toWellFormed(s) === s) {
        return replaceUnit(s, lit.charCodeAt(0), this.content.charCodeAt(0));
      }
      return s.replaceAll(lit, this.replacement);
    }
    const m = this.matcher.findAll(s);
    if (m.length === 0) return s;
    if (m[1] === 0 && this.content.length > 0) return null;
    let out = "";
    let last = 0;
    for (let k = 0; k < m.length; k += 2) {
      out += s.slice(last, m[k]) + this.content;
      last = m[k + 1];
    }
    return out + s.slice(last);
  }
}

/** A single UTF-16 unit that is not a surrogate. */
function isPlainUnit(s: string): boolean {
  return s.length === 1 && (s.charCodeAt(0) & 0xf800) !== 0xd800;
}

/** From this length on, {@link replaceUnit} beats `replaceAll` (measured ~3× on documents). */
const UNIT_MAP_MIN = 256;

/** `Uint16Array` bytes are what the "utf-16le" decoder reads (every common platform). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

let unitBuffer = new Uint16Array(0);
let utf16: TextDecoder | null = null;

/**
 * `s` (well formed) with every unit `from` replaced by `to`: the units are mapped into a reused
 * buffer and decoded in one native call, instead of `replaceAll`'s search-and-build. (Decoding
 * would turn a lone surrogate into U+FFFD: the caller checks that there is none.)
 */
function replaceUnit(s: string, from: number, to: number): string {
  const first = s.indexOf(String.fromCharCode(from));
  if (first < 0) return s;
  const n = s.length;
  if (unitBuffer.length < n) unitBuffer = new Uint16Array(Math.max(n, 2 * unitBuffer.length));
  const buf = unitBuffer;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    buf[i] = c === from ? to : c;
  }
  // ignoreBOM: a U+FEFF at the start is text, not a byte-order mark to drop.
  utf16 ??= new TextDecoder("utf-16le", { ignoreBOM: true });
  return utf16.decode(buf.subarray(0, n));
}
