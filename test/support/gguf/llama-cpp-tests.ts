/**
 * llama.cpp's reference tokenizations (models/ggml-vocab-*.gguf.inp and .out, read as its
 * tests/test-tokenizer-0.cpp reads them): the inputs are separated by
 * "\n__ggml_vocab_test__\n", and each line of the .out file holds one input's ids.
 */
import { readFileSync } from "node:fs";

export interface ReferenceCase {
  readonly text: string;
  readonly ids: readonly number[];
}

/** The cases of `base` + ".inp" / ".out"; throws when the two files disagree in number. */
export function readLlamaCppCases(base: string): ReferenceCase[] {
  const raw = readFileSync(`${base}.inp`, "utf8");
  const texts: string[] = [];
  const sep = "\n__ggml_vocab_test__\n";
  let pos = 0;
  while (pos < raw.length) {
    const next = raw.indexOf(sep, pos);
    if (next < 0) {
      texts.push(raw.slice(pos));
      break;
    }
    texts.push(raw.slice(pos, next));
    pos = next + sep.length;
  }
  const lines = readFileSync(`${base}.out`, "utf8").split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (lines.length !== texts.length)
    throw new Error(`${base}: ${texts.length} inputs but ${lines.length} outputs`);
  return texts.map((text, i) => {
    const line = lines[i].trim();
    return { text, ids: line === "" ? [] : line.split(" ").map(Number) };
  });
}
