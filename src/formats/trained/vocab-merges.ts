/**
 * A trained BPE as the GPT-2 / Hugging Face "files" pair: `vocab.json` (vocabulary string → id,
 * the model vocabulary of tokenizer.json) and `merges.txt` (`#version: 0.2`, then one
 * `left right` line per merge). The pair carries no pre-tokenizer, decoder or special-token
 * flags: a loader must add those itself (the manifest records them). Browser-safe.
 */

import { jsonText } from "./json-text.js";
import { TrainedBpeError, trainedLayout } from "./layout.js";
import { mergePairs, modelVocab } from "./tokenizer-json.js";
import type { TrainedBpe } from "./types.js";

/** First line of merges.txt, as GPT-2's files and Hugging Face's `BPE.save` write it. */
export const MERGES_HEADER = "#version: 0.2";

/**
 * `vocab.json` text: every id under its vocabulary string, in id order.
 *
 * @example
 * ```ts
 * JSON.parse(trainedVocabJson(trained))["Ġthe"]; // its id
 * ```
 */
export function trainedVocabJson(trained: TrainedBpe): string {
  return jsonText(modelVocab(trainedLayout(trained)));
}

/**
 * `merges.txt` text. A line is split at its one space, so a merge side containing a space or a
 * line break cannot be written (possible with a character base): that throws a
 * `TrainedBpeError` naming the merge. Byte-level strings never contain them (`Ġ`, `Ċ`).
 *
 * @example
 * ```ts
 * trainedMergesTxt(trained).split("\n")[1]; // e.g. "Ġ t"
 * ```
 */
export function trainedMergesTxt(trained: TrainedBpe): string {
  const lines = [MERGES_HEADER];
  mergePairs(trainedLayout(trained)).forEach(([l, r], i) => {
    if (/[ \n\r]/.test(l) || /[ \n\r]/.test(r)) {
      throw new TrainedBpeError(
        `merges[${i}] = ${JSON.stringify([l, r])} has a space or line break, which merges.txt cannot hold`,
      );
    }
    // Readers skip a line starting with "#version" as the header.
    if (l.startsWith("#version")) {
      throw new TrainedBpeError(`merges[${i}] starts with "#version", which merges.txt readers skip`);
    }
    lines.push(`${l} ${r}`);
  });
  return `${lines.join("\n")}\n`;
}
