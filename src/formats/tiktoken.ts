import { fmix32, hashBytes } from "../core/hash.js";
/**
 * The `.tiktoken` rank file format: one token per line, `<base64 bytes> <rank>`, as read by
 * tiktoken's `load_tiktoken_bpe` and written by its `dump_tiktoken_bpe`. Browser-safe.
 */
import type { RankTable } from "../core/types.js";
import { asciiToString, base64EncodedLength, decodeBase64Bytes, encodeBase64Into } from "./base64.js";

/**
 * Ranks are token ids and size the offsets array, so an absurd rank in a corrupt file would
 * allocate gigabytes; no real vocabulary comes near 2^24 (16.7M) tokens.
 */
export const MAX_TIKTOKEN_RANK = 2 ** 24 - 1;

/** A malformed `.tiktoken` line; `line` is 1-based. */
export class TiktokenFormatError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    source = ".tiktoken",
  ) {
    super(`${source}:${line}: ${reason}`);
    this.name = "TiktokenFormatError";
  }
}

/** Options of {@link parseTiktoken}. */
export interface ParseTiktokenOptions {
  /** Names the input in error messages (e.g. a file path). Default `".tiktoken"`. */
  readonly source?: string;
}

const NEWLINE = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const ZERO = 48;

const isBlank = (c: number) => c === SPACE || c === TAB;

function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

function countLines(bytes: Uint8Array): number {
  let lines = 1;
  for (let pos = bytes.indexOf(NEWLINE); pos !== -1; pos = bytes.indexOf(NEWLINE, pos + 1)) lines++;
  return lines;
}

/** Shows a field of a bad line in an error message, shortened. */
function excerpt(bytes: Uint8Array, start: number, end: number): string {
  const text = new TextDecoder().decode(bytes.subarray(start, Math.min(end, start + 40)));
  return JSON.stringify(end - start > 40 ? `${text}…` : text);
}

/**
 * Parses a `.tiktoken` file into a {@link RankTable}. Ranks need not be sorted or contiguous
 * (missing ranks become holes). Empty lines and `\r\n` line ends are accepted; tokens must be
 * canonical padded base64 (as tiktoken writes them).
 *
 * Throws {@link TiktokenFormatError} naming the line for: a line without exactly two fields,
 * invalid or non-canonical base64, a rank that is not a non-negative decimal integer (or exceeds
 * {@link MAX_TIKTOKEN_RANK}), a duplicate rank, or a duplicate token.
 *
 * @example
 * const ranks = parseTiktoken("IQ== 0\nIg== 1\n");
 * ranks.offsets; // Uint32Array [0, 1, 2]
 */
export function parseTiktoken(input: string | Uint8Array, options: ParseTiktokenOptions = {}): RankTable {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const source = options.source ?? ".tiktoken";
  const maxEntries = countLines(bytes);
  // Decoded token bytes in file order; base64 never decodes to more than 3/4 of its length.
  const scratch = new Uint8Array(Math.ceil((bytes.length * 3) / 4) + 3);
  const entryRank = new Uint32Array(maxEntries);
  const entryStart = new Uint32Array(maxEntries);
  const entryLength = new Uint32Array(maxEntries);
  const entryLine = new Uint32Array(maxEntries);
  // Duplicate tokens: open addressing over the decoded bytes, slot = entry index + 1.
  const tableMask = (1 << Math.max(4, Math.ceil(Math.log2(maxEntries * 2)))) - 1;
  const table = new Int32Array(tableMask + 1);
  // Duplicate ranks: rank → line, grown on demand.
  let lineOfRank = new Uint32Array(1024);
  let entries = 0;
  let scratchPos = 0;
  let maxRank = -1;

  let line = 0;
  for (let pos = 0; pos < bytes.length; ) {
    line++;
    let eol = bytes.indexOf(NEWLINE, pos);
    if (eol === -1) eol = bytes.length;
    let end = eol;
    if (end > pos && bytes[end - 1] === CR) end--;
    if (end > pos) {
      // <token> <blanks> <rank> <optional trailing blanks>
      let tokenEnd = pos;
      while (tokenEnd < end && !isBlank(bytes[tokenEnd])) tokenEnd++;
      let rankStart = tokenEnd;
      while (rankStart < end && isBlank(bytes[rankStart])) rankStart++;
      let rankEnd = rankStart;
      while (rankEnd < end && !isBlank(bytes[rankEnd])) rankEnd++;
      let rest = rankEnd;
      while (rest < end && isBlank(bytes[rest])) rest++;
      if (tokenEnd === pos || rankStart === end || rest !== end) {
        throw new TiktokenFormatError(
          line,
          `expected "<base64 token> <rank>", got ${excerpt(bytes, pos, end)}`,
          source,
        );
      }

      let rank = 0;
      for (let i = rankStart; i < rankEnd; i++) {
        const digit = bytes[i] - ZERO;
        if (digit < 0 || digit > 9)
          throw new TiktokenFormatError(
            line,
            `rank ${excerpt(bytes, rankStart, rankEnd)} is not a non-negative integer`,
            source,
          );
        rank = rank * 10 + digit;
        if (rank > MAX_TIKTOKEN_RANK)
          throw new TiktokenFormatError(
            line,
            `rank ${excerpt(bytes, rankStart, rankEnd)} exceeds ${MAX_TIKTOKEN_RANK}`,
            source,
          );
      }

      const length = decodeBase64Bytes(bytes, pos, tokenEnd, scratch, scratchPos);
      if (length < 0)
        throw new TiktokenFormatError(line, `invalid base64 token ${excerpt(bytes, pos, tokenEnd)}`, source);

      if (rank >= lineOfRank.length) {
        const grown = new Uint32Array(Math.max(rank + 1, lineOfRank.length * 2));
        grown.set(lineOfRank);
        lineOfRank = grown;
      }
      if (lineOfRank[rank] !== 0)
        throw new TiktokenFormatError(
          line,
          `duplicate rank ${rank} (first on line ${lineOfRank[rank]})`,
          source,
        );
      lineOfRank[rank] = line;

      let slot = fmix32(hashBytes(scratch, scratchPos, scratchPos + length)) & tableMask;
      for (; table[slot] !== 0; slot = (slot + 1) & tableMask) {
        const other = table[slot] - 1;
        if (entryLength[other] === length && sameBytes(scratch, entryStart[other], scratchPos, length)) {
          throw new TiktokenFormatError(
            line,
            `duplicate token ${excerpt(bytes, pos, tokenEnd)} (first on line ${entryLine[other]})`,
            source,
          );
        }
      }
      table[slot] = entries + 1;

      entryRank[entries] = rank;
      entryStart[entries] = scratchPos;
      entryLength[entries] = length;
      entryLine[entries] = line;
      entries++;
      scratchPos += length;
      if (rank > maxRank) maxRank = rank;
    }
    pos = eol + 1;
  }

  // Lay the tokens out in rank order.
  const size = maxRank + 1;
  const offsets = new Uint32Array(size + 1);
  for (let e = 0; e < entries; e++) offsets[entryRank[e] + 1] = entryLength[e];
  for (let r = 0; r < size; r++) offsets[r + 1] += offsets[r];
  const blob = new Uint8Array(scratchPos);
  for (let e = 0; e < entries; e++) {
    const start = entryStart[e];
    blob.set(scratch.subarray(start, start + entryLength[e]), offsets[entryRank[e]]);
  }
  return { blob, offsets };
}

/**
 * Writes a {@link RankTable} as `.tiktoken` text: one `<base64> <rank>\n` line per token in rank
 * order, skipping holes, byte-identical to tiktoken's `dump_tiktoken_bpe` for the same ranks.
 *
 * @example
 * serializeTiktoken(parseTiktoken("IQ== 0\nIg== 1\n")); // "IQ== 0\nIg== 1\n"
 */
export function serializeTiktoken(ranks: RankTable): string {
  const { blob, offsets } = ranks;
  const size = offsets.length - 1;
  let total = 0;
  for (let r = 0; r < size; r++) {
    const length = offsets[r + 1] - offsets[r];
    if (length > 0) total += base64EncodedLength(length) + 2 + String(r).length;
  }
  const out = new Uint8Array(total);
  let j = 0;
  for (let r = 0; r < size; r++) {
    if (offsets[r + 1] === offsets[r]) continue;
    j += encodeBase64Into(blob, offsets[r], offsets[r + 1], out, j);
    out[j++] = SPACE;
    // Rank digits, most significant first.
    const digits = String(r);
    for (let i = 0; i < digits.length; i++) out[j++] = digits.charCodeAt(i);
    out[j++] = NEWLINE;
  }
  return asciiToString(out);
}
