import { isSegmenterName } from "../../core/segment/create.js";
import { SEGMENTER_NAMES } from "../../core/segment/types.js";
import { didYouMean } from "../../core/suggest.js";
import type { SegmenterSpec, Tokenizer } from "../../core/tokenizer.js";
import { CliError } from "../errors.js";

/**
 * `--segmenter NAME [--dropout P] [--seed N]` as a {@link SegmenterSpec}, or undefined when no
 * `--segmenter` is given. Usage errors exit 2.
 *
 * @example
 * parseSegmenterOptions({ segmenter: "dropout", dropout: "0.1", seed: "7" }); // { name: "dropout", dropout: 0.1, seed: 7 }
 */
export function parseSegmenterOptions(values: Record<string, unknown>): SegmenterSpec | undefined {
  const name = values.segmenter as string | undefined;
  const rawP = values.dropout as string | undefined;
  const rawSeed = values.seed as string | undefined;
  if (name === undefined) {
    if (rawP !== undefined || rawSeed !== undefined) {
      throw new CliError("--dropout and --seed go with --segmenter dropout", 2);
    }
    return undefined;
  }
  if (!isSegmenterName(name)) {
    throw new CliError(
      `--segmenter must be one of ${SEGMENTER_NAMES.join(", ")}, got "${name}"${didYouMean(name, SEGMENTER_NAMES)}`,
      2,
    );
  }
  if (name !== "dropout") {
    if (rawP !== undefined || rawSeed !== undefined) {
      throw new CliError(`--dropout and --seed go with --segmenter dropout, not ${name}`, 2);
    }
    return { name };
  }
  const dropout = rawP === undefined ? undefined : Number(rawP);
  if (dropout !== undefined && !(rawP!.trim() !== "" && dropout >= 0 && dropout <= 1)) {
    throw new CliError(`--dropout must be a probability in [0, 1], got "${rawP}"`, 2);
  }
  const seed = rawSeed === undefined ? undefined : Number(rawSeed);
  if (
    seed !== undefined &&
    !(rawSeed!.trim() !== "" && Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)
  ) {
    throw new CliError(`--seed must be an integer in [0, 2^32), got "${rawSeed}"`, 2);
  }
  return { name, dropout, seed };
}

/**
 * `tok` under the segmenter (itself when none); a vocabulary it cannot segment exits 1.
 *
 * @example
 * applySegmenter(tok, { name: "pathpiece" }).encode("hello world");
 */
export function applySegmenter(tok: Tokenizer, spec: SegmenterSpec | undefined): Tokenizer {
  if (spec === undefined) return tok;
  try {
    return tok.withSegmenter(spec);
  } catch (e) {
    throw new CliError(`${tok.name}: ${(e as Error).message}`, 1);
  }
}
