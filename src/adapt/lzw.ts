/**
 * LZW hypertokens (Geng et al., "zip2zip: Inference-Time Adaptive Vocabularies for Language
 * Models via Token Compression", 2025): Lempel-Ziv-Welch compression over base token ids. The
 * codebook starts as the base vocabulary; the encoder emits the code of the longest known run
 * of ids and adds that run plus the next id as a new code, while the run is at most `maxRun`
 * ids long and the codebook has room (`codebookSize` new codes). New codes are ids from the
 * base vocabulary size up, so a hypertoken id never collides with a base id. The decoder
 * rebuilds the same codebook as it reads, so nothing but the codes is sent.
 *
 * Both sides stream: {@link LzwEncoder.write} takes ids as they come and returns the codes that
 * are final, {@link LzwDecoder.write} returns the ids of each code at once.
 */

/** Settings shared by the encoder and the decoder; both sides must use the same. */
export interface LzwOptions {
  /** The base vocabulary size: ids are in `[0, vocabSize)`, new codes from `vocabSize` up. */
  readonly vocabSize: number;
  /** The longest run of base ids one code stands for (default 4; at least 2). */
  readonly maxRun?: number;
  /** How many new codes the codebook may hold (default 1024). */
  readonly codebookSize?: number;
}

/** Error for ids or codes outside what the codebook knows. */
export class LzwError extends Error {
  override name = "LzwError";
}

interface Settings {
  readonly vocabSize: number;
  readonly maxRun: number;
  readonly cap: number;
}

function settings(options: LzwOptions): Settings {
  const { vocabSize } = options;
  const maxRun = options.maxRun ?? 4;
  const cap = options.codebookSize ?? 1024;
  if (!Number.isInteger(vocabSize) || vocabSize < 1)
    throw new RangeError(`vocabSize must be a positive integer, got ${vocabSize}`);
  if (!Number.isInteger(maxRun) || maxRun < 2)
    throw new RangeError(`maxRun must be an integer of at least 2, got ${maxRun}`);
  if (!Number.isInteger(cap) || cap < 0)
    throw new RangeError(`codebook size must be a non-negative integer, got ${cap}`);
  return { vocabSize, maxRun, cap };
}

/**
 * Encodes base ids into codes, incrementally: `write` returns the codes that no later id can
 * change, `end` the last one. A stream of writes and an end gives what {@link lzwEncode} gives
 * for all the ids at once.
 *
 * @example
 * ```ts
 * const enc = new LzwEncoder({ vocabSize: 10, maxRun: 3, codebookSize: 8 });
 * [...enc.write([1, 2, 1, 2]), ...enc.end()]; // [1, 2, 10, ...]: 10 stands for [1, 2]
 * ```
 */
export class LzwEncoder {
  private readonly s: Settings;
  // (code of a run, next id) → code of the longer run.
  private readonly table = new Map<number, number>();
  private readonly runLength: number[] = [];
  private current = -1;
  private currentLength = 0;

  constructor(options: LzwOptions) {
    this.s = settings(options);
  }

  /** Number of new codes in the codebook so far. */
  get codebookSize(): number {
    return this.runLength.length;
  }

  write(ids: ArrayLike<number>): number[] {
    const out: number[] = [];
    const { vocabSize, maxRun, cap } = this.s;
    for (let i = 0; i < ids.length; i++) {
      const c = ids[i];
      if (!Number.isInteger(c) || c < 0 || c >= vocabSize) {
        throw new LzwError(`id ${c} is not in the base vocabulary (0 to ${vocabSize - 1})`);
      }
      if (this.current < 0) {
        this.current = c;
        this.currentLength = 1;
        continue;
      }
      const key = this.current * vocabSize + c;
      const known = this.table.get(key);
      if (known !== undefined) {
        this.current = known;
        this.currentLength++;
        continue;
      }
      out.push(this.current);
      if (this.currentLength + 1 <= maxRun && this.runLength.length < cap) {
        this.table.set(key, vocabSize + this.runLength.length);
        this.runLength.push(this.currentLength + 1);
      }
      this.current = c;
      this.currentLength = 1;
    }
    return out;
  }

  /** The code of the run in progress, if any; the codebook stays, ready for more writes. */
  end(): number[] {
    if (this.current < 0) return [];
    const last = this.current;
    this.current = -1;
    this.currentLength = 0;
    return [last];
  }
}

/**
 * Decodes codes back into base ids, rebuilding the encoder's codebook as it reads.
 *
 * @example
 * ```ts
 * const dec = new LzwDecoder({ vocabSize: 10, maxRun: 3, codebookSize: 8 });
 * dec.write([1, 2, 10]); // [1, 2, 1, 2]
 * ```
 */
export class LzwDecoder {
  private readonly s: Settings;
  private readonly entries: number[][] = [];
  private previous: number[] | null = null;

  constructor(options: LzwOptions) {
    this.s = settings(options);
  }

  /** Number of new codes in the codebook so far. */
  get codebookSize(): number {
    return this.entries.length;
  }

  write(codes: ArrayLike<number>): number[] {
    const out: number[] = [];
    const { vocabSize, maxRun, cap } = this.s;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      if (!Number.isInteger(code) || code < 0) throw new LzwError(`code ${code} is not a code`);
      let entry: number[];
      if (code < vocabSize) entry = [code];
      else if (code - vocabSize < this.entries.length) entry = this.entries[code - vocabSize];
      else if (
        // The encoder's one look-ahead case (the run it just added, "KwKwK"): the previous run
        // plus its own first id.
        code - vocabSize === this.entries.length &&
        this.previous !== null &&
        this.previous.length + 1 <= maxRun &&
        this.entries.length < cap
      ) {
        entry = [...this.previous, this.previous[0]];
      } else {
        throw new LzwError(
          `code ${code} is not in the codebook (${vocabSize + this.entries.length} codes so far)`,
        );
      }
      if (this.previous !== null && this.previous.length + 1 <= maxRun && this.entries.length < cap) {
        this.entries.push([...this.previous, entry[0]]);
      }
      for (const t of entry) out.push(t);
      this.previous = entry;
    }
    return out;
  }

  /** The ids a code stands for (a base id stands for itself), or `undefined` if not known yet. */
  entry(code: number): readonly number[] | undefined {
    if (code >= 0 && code < this.s.vocabSize) return [code];
    return this.entries[code - this.s.vocabSize];
  }

  /** Resets the stream position; like {@link LzwEncoder.end}, the codebook stays. */
  end(): number[] {
    this.previous = null;
    return [];
  }
}

/**
 * LZW codes of `ids` in one call.
 *
 * @example
 * ```ts
 * lzwEncode([5, 6, 5, 6, 5, 6], { vocabSize: 10 }); // [5, 6, 10, 10]
 * ```
 */
export function lzwEncode(ids: ArrayLike<number>, options: LzwOptions): number[] {
  const enc = new LzwEncoder(options);
  return [...enc.write(ids), ...enc.end()];
}

/**
 * The base ids of LZW `codes` in one call; `lzwDecode(lzwEncode(ids, o), o)` is `ids`.
 *
 * @example
 * ```ts
 * lzwDecode([5, 6, 10, 10], { vocabSize: 10 }); // [5, 6, 5, 6, 5, 6]
 * ```
 */
export function lzwDecode(codes: ArrayLike<number>, options: LzwOptions): number[] {
  const dec = new LzwDecoder(options);
  return [...dec.write(codes), ...dec.end()];
}
