/**
 * A {@link TrainedBpe} checked and laid out for the writers: the kind of every id, the strings
 * the formats spell it with, and the id every merge produces. Every writer starts here, so a
 * malformed training result fails once, with one clear message, before any file is written.
 * Browser-safe.
 *
 * Vocabulary strings:
 * - byte-level base and merged tokens: GPT-2's byte alphabet, one character per byte (`Ġthe`);
 * - character base and merged tokens: the token's text (its bytes must be valid UTF-8);
 * - byte-fallback tokens: `<0xNN>` (upper-case hex, as Hugging Face and SentencePiece write it);
 * - special and reserved tokens: their raw text, as the Hugging Face trainer puts special tokens
 *   into the model vocabulary (an added token gets its id by looking its text up there).
 *
 * A merge may produce a reserved token (the trainer finds the merged bytes already in the
 * vocabulary and reuses that id). Merges are spelled in the model's alphabet, so in a byte-level
 * base such a token also needs its byte-level spelling in the vocabulary, as a second key for
 * the same id (an alias; `"    "` and `"ĠĠĠĠ"` → one id). Hugging Face and toklab both accept
 * that; the model vocabulary then has more keys than ids.
 */
import { byteLevelSpelling } from "../../core/byte-alphabet.js";
// Type only: the shape the trainer hands over (no runtime dependency on src/train).
import type { TrainedBpe } from "./types.js";

/** Raised for a {@link TrainedBpe} that no output format can represent. */
export class TrainedBpeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TrainedBpeError";
  }
}

/** What an id is: where it sits in the layout and how the formats treat it. */
export type TrainedTokenKind = "special" | "reserved" | "base" | "byteFallback" | "merge";

/** A checked {@link TrainedBpe} with what every writer needs. */
export interface TrainedLayout {
  readonly trained: TrainedBpe;
  /** Kind of every id. */
  readonly kinds: readonly TrainedTokenKind[];
  /** The vocabulary string of every id (see the module comment). */
  readonly strings: readonly string[];
  /**
   * How merges spell every id: `strings`, except a reserved token of a byte-level base, which
   * merges reach through its byte-level spelling.
   */
  readonly mergeStrings: readonly string[];
  /** Extra vocabulary keys: the merge spelling of reserved tokens that merges produce or use. */
  readonly aliases: ReadonlyMap<string, number>;
  /** `mergeResults[i]` = the id merge `i` produces. */
  readonly mergeResults: Int32Array;
  /**
   * Merges whose result bytes an earlier merge had already produced (the Hugging Face trainer
   * keeps such a merge and gives it the existing id). Merge-list BPE (tokenizer.json) and rank
   * BPE (tiktoken) can differ on a vocabulary that has any: see docs/decisions/0022.
   */
  readonly repeatedMerges: number;
  /** Merges whose result is a reserved token (its id, hence its tiktoken rank, predates them). */
  readonly reservedMerges: number;
  /** Bytes without a token in a byte-level base (the `seen` alphabet); 0 for a character base. */
  readonly missingBytes: number;
  /** How many ids of each kind. */
  readonly counts: Readonly<Record<TrainedTokenKind, number>>;
}

/** `<0xNN>`, the byte-fallback token for byte `b`. */
export function byteFallbackString(b: number): string {
  return `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function utf8Text(bytes: Uint8Array, what: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new TrainedBpeError(`${what} is not valid UTF-8 (${hexBytes(bytes)})`);
  }
}

function hexBytes(bytes: Uint8Array): string {
  return [...bytes.subarray(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

/** A Map key for a byte string (one UTF-16 unit per byte; collision-free). */
export function bytesKey(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function isId(v: unknown, size: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v < size;
}

function assignKinds(t: TrainedBpe): TrainedTokenKind[] {
  const size = t.tokens.length;
  if (!Number.isInteger(t.firstMergeId) || t.firstMergeId < 0 || t.firstMergeId > size) {
    throw new TrainedBpeError(`firstMergeId ${t.firstMergeId} is outside [0, ${size}]`);
  }
  const kinds: TrainedTokenKind[] = [];
  for (let id = 0; id < size; id++) kinds.push(id < t.firstMergeId ? "base" : "merge");
  const listed: [readonly number[], TrainedTokenKind, string][] = [
    [t.specialIds, "special", "specialIds"],
    [t.reservedIds, "reserved", "reservedIds"],
    [t.byteFallbackIds, "byteFallback", "byteFallbackIds"],
  ];
  const owner = new Map<number, string>();
  for (const [ids, kind, name] of listed) {
    ids.forEach((id, i) => {
      if (!isId(id, size)) throw new TrainedBpeError(`${name}[${i}] = ${id} is not an id below ${size}`);
      const first = owner.get(id);
      if (first !== undefined) throw new TrainedBpeError(`id ${id} is listed twice (${first} and ${name})`);
      owner.set(id, name);
      // Special tokens may follow the merged tokens (an imported tiktoken vocabulary puts
      // <|endoftext|> after them); the others belong to the fixed part before the merges.
      if (id >= t.firstMergeId && kind !== "special") {
        throw new TrainedBpeError(`${name}[${i}] = ${id} is not below firstMergeId ${t.firstMergeId}`);
      }
      kinds[id] = kind;
    });
  }
  return kinds;
}

function checkBase(t: TrainedBpe, kinds: readonly TrainedTokenKind[]): number {
  if (t.base === "byte") {
    if (t.byteFallbackIds.length !== 0) {
      throw new TrainedBpeError(
        "a byte-level base has no byte-fallback tokens (byteFallbackIds must be empty)",
      );
    }
    // Each byte is at most one base token; a missing one is allowed (the Hugging Face trainer's
    // alphabet of seen bytes): the model drops it, and tiktoken refuses such a vocabulary.
    const seen = new Int32Array(256).fill(-1);
    t.tokens.forEach((bytes, id) => {
      // A one-byte reserved token ("0", "\t" in KL3M's lists) is that byte's token: the trainer
      // gives the base byte the reserved id rather than a second id with the same bytes.
      if (kinds[id] === "reserved" && bytes.length === 1 && seen[bytes[0]] < 0) seen[bytes[0]] = id;
      if (kinds[id] !== "base") return;
      if (bytes.length !== 1) {
        throw new TrainedBpeError(`base token ${id} of a byte-level base is not one byte`);
      }
      seen[bytes[0]] = id;
    });
    return seen.filter((id) => id < 0).length;
  }
  if (t.base === "char") {
    if (t.byteFallbackIds.length !== 256) {
      throw new TrainedBpeError(
        `a character base needs 256 byte-fallback ids, got ${t.byteFallbackIds.length}`,
      );
    }
    t.byteFallbackIds.forEach((id, b) => {
      const bytes = t.tokens[id];
      if (bytes.length !== 1 || bytes[0] !== b) {
        throw new TrainedBpeError(
          `byteFallbackIds[${b}] = ${id} is not the one-byte token 0x${b.toString(16)}`,
        );
      }
    });
    return 0;
  }
  throw new TrainedBpeError(`unknown base ${JSON.stringify(t.base)} (expected "byte" or "char")`);
}

function spell(t: TrainedBpe, kinds: readonly TrainedTokenKind[]): string[] {
  return t.tokens.map((bytes, id) => {
    switch (kinds[id]) {
      case "special":
        return utf8Text(bytes, `special token ${id}`);
      case "reserved":
        return utf8Text(bytes, `reserved token ${id}`);
      case "byteFallback":
        return byteFallbackString(bytes[0]);
      default:
        return t.base === "byte"
          ? byteLevelSpelling(bytes)
          : utf8Text(bytes, `token ${id} of a character base`);
    }
  });
}

function checkDistinct(
  strings: readonly string[],
  aliases: ReadonlyMap<string, number>,
  kinds: readonly TrainedTokenKind[],
): void {
  const first = new Map<string, number>();
  const check = (s: string, id: number) => {
    const other = first.get(s);
    if (other !== undefined) {
      throw new TrainedBpeError(
        `tokens ${other} (${kinds[other]}) and ${id} (${kinds[id]}) are both spelled ${JSON.stringify(s)}; ` +
          "a vocabulary maps each string to one id",
      );
    }
    first.set(s, id);
  };
  strings.forEach(check);
  for (const [s, id] of aliases) check(s, id);
}

const MERGEABLE: ReadonlySet<TrainedTokenKind> = new Set(["base", "merge", "reserved"]);

interface ResolvedMerges {
  readonly results: Int32Array;
  readonly repeated: number;
  readonly reserved: number;
}

/**
 * Resolves every merge to the id it produces, by bytes. The first merge to make a byte string
 * must create the next merged id (the layout of {@link TrainedBpe}); a later merge to the same
 * bytes reuses that id, as the Hugging Face trainer does, and so does a merge making the bytes
 * of a reserved token.
 */
function resolveMerges(t: TrainedBpe, kinds: readonly TrainedTokenKind[]): ResolvedMerges {
  const mergeable = new Map<string, number>();
  const other = new Map<string, number>();
  t.tokens.forEach((bytes, id) => {
    (MERGEABLE.has(kinds[id]) ? mergeable : other).set(bytesKey(bytes), id);
  });
  const results = new Int32Array(t.merges.length);
  // The next id a merge must create; special tokens among the merged ids are skipped.
  let nextNew = t.firstMergeId;
  const skipSpecials = () => {
    while (nextNew < t.tokens.length && kinds[nextNew] === "special") nextNew++;
  };
  skipSpecials();
  let repeated = 0;
  let reserved = 0;
  t.merges.forEach((merge, i) => {
    const [l, r] = merge ?? [];
    for (const side of [l, r]) {
      if (!isId(side, t.tokens.length)) throw new TrainedBpeError(`merges[${i}]: ${side} is not an id`);
      if (!MERGEABLE.has(kinds[side])) {
        throw new TrainedBpeError(`merges[${i}]: ${kinds[side]} token ${side} cannot take part in a merge`);
      }
    }
    const joined = new Uint8Array(t.tokens[l].length + t.tokens[r].length);
    joined.set(t.tokens[l]);
    joined.set(t.tokens[r], t.tokens[l].length);
    const key = bytesKey(joined);
    const id = mergeable.get(key);
    if (id === undefined) {
      const clash = other.get(key);
      throw new TrainedBpeError(
        clash === undefined
          ? `merges[${i}] = [${l}, ${r}] makes bytes that are no token (${hexBytes(joined)})`
          : `merges[${i}] = [${l}, ${r}] makes the bytes of ${kinds[clash]} token ${clash}, ` +
              "which is matched before the model and cannot be a merge result",
      );
    }
    if (id === nextNew) {
      // A merge that creates a token can only join older tokens (ids double as tiktoken ranks).
      if (l >= id || r >= id) {
        throw new TrainedBpeError(`merges[${i}] uses a token not older than its result ${id}`);
      }
      nextNew++;
      skipSpecials();
    } else if (kinds[id] === "reserved") reserved++;
    else if (id < nextNew && id >= t.firstMergeId) repeated++;
    else {
      throw new TrainedBpeError(
        `merges[${i}] = [${l}, ${r}] produces token ${id}, but the next new merged token is ${nextNew}`,
      );
    }
    results[i] = id;
  });
  if (nextNew !== t.tokens.length) {
    throw new TrainedBpeError(`token ${nextNew} (and any after it) is produced by no merge`);
  }
  return { results, repeated, reserved };
}

/**
 * The merge spelling of every id and the aliases it needs: reserved tokens that take part in
 * merges are spelled in the byte alphabet there (a character base spells them as text anyway).
 */
function mergeSpellings(
  t: TrainedBpe,
  kinds: readonly TrainedTokenKind[],
  strings: readonly string[],
  results: Int32Array,
): { mergeStrings: string[]; aliases: Map<string, number> } {
  const mergeStrings = [...strings];
  const aliases = new Map<string, number>();
  if (t.base !== "byte") return { mergeStrings, aliases };
  const used = new Set<number>(results);
  for (const [l, r] of t.merges) used.add(l).add(r);
  for (const id of used) {
    if (kinds[id] !== "reserved") continue;
    const spelled = byteLevelSpelling(t.tokens[id]);
    mergeStrings[id] = spelled;
    // Printable ASCII spells itself ("1999", "<div>"): the one key serves both.
    if (spelled !== strings[id]) aliases.set(spelled, id);
  }
  return { mergeStrings, aliases };
}

/**
 * Checks `trained` and computes its {@link TrainedLayout}. Throws a {@link TrainedBpeError} for
 * anything a writer could not represent: overlapping or out-of-range id lists, empty tokens,
 * base tokens that are not single bytes, byte-fallback ids that are not the 256 bytes, text
 * tokens that are not UTF-8, two ids with one vocabulary string, and merges that do not produce
 * the token they should.
 *
 * @example
 * ```ts
 * const layout = trainedLayout(trained);
 * layout.strings[layout.mergeResults[0]]; // e.g. "Ġt"
 * ```
 */
export function trainedLayout(trained: TrainedBpe): TrainedLayout {
  // Every writer asks for the layout; a TrainedBpe is immutable by contract, so once is enough.
  let layout = layouts.get(trained);
  if (layout === undefined) {
    layout = computeLayout(trained);
    layouts.set(trained, layout);
  }
  return layout;
}

const layouts = new WeakMap<TrainedBpe, TrainedLayout>();

function computeLayout(trained: TrainedBpe): TrainedLayout {
  trained.tokens.forEach((bytes, id) => {
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
      throw new TrainedBpeError(`token ${id} is empty or not a Uint8Array`);
    }
  });
  const kinds = assignKinds(trained);
  const missingBytes = checkBase(trained, kinds);
  const strings = spell(trained, kinds);
  const { results, repeated, reserved } = resolveMerges(trained, kinds);
  const { mergeStrings, aliases } = mergeSpellings(trained, kinds, strings, results);
  checkDistinct(strings, aliases, kinds);
  const counts: Record<TrainedTokenKind, number> = {
    special: 0,
    reserved: 0,
    base: 0,
    byteFallback: 0,
    merge: 0,
  };
  for (const k of kinds) counts[k]++;
  return {
    trained,
    kinds,
    strings,
    mergeStrings,
    aliases,
    mergeResults: results,
    repeatedMerges: repeated,
    reservedMerges: reserved,
    missingBytes,
    counts,
  };
}
