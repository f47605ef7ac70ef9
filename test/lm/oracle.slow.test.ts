/** The byte-level layer against the Markov oracle (test/support/lm/oracle.ts), large vocabularies. */
import { getEncoding } from "../../src/encodings/index.js";
import { oracleSuite } from "../support/lm/oracle.js";
import { lenmlTokenizer } from "../support/lm/tokenizers.js";

oracleSuite("cl100k_base", () => getEncoding("cl100k_base"));
oracleSuite("o200k_base", () => getEncoding("o200k_base"));
oracleSuite("Llama 3", async () => lenmlTokenizer("llama3"));
oracleSuite("Qwen 3", async () => lenmlTokenizer("qwen3"));
oracleSuite("Gemma 3 (SentencePiece-style BPE, byte fallback, whitespace-run tokens)", async () =>
  lenmlTokenizer("gemma3"),
);
