/**
 * Reads a user's parallel corpus (JSONL `{lang, text}` or TSV `lang<TAB>text`) for parity.
 */
import { readFile } from "node:fs/promises";
import { parseParallelCorpus } from "../eval/parallel-corpus.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Language code → concatenated text, from a file. Errors name the file (and line).
 *
 * @example
 * const texts = await readParallelCorpus("flores-sample.tsv");
 * parity(tok, texts).premiums;
 */
export async function readParallelCorpus(path: string): Promise<Record<string, string>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new Error(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let content: string;
  try {
    content = strictUtf8.decode(bytes);
  } catch {
    throw new Error(`${path}: not valid UTF-8`);
  }
  return parseParallelCorpus(content, path);
}
