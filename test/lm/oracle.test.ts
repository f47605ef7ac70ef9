/** The byte-level layer against the Markov oracle (test/support/lm/oracle.ts): small vocabularies. */
import { getEncoding } from "../../src/encodings/index.js";
import { oracleSuite } from "../support/lm/oracle.js";
import { lenmlTokenizer, smallTrainedBpe } from "../support/lm/tokenizers.js";

oracleSuite("r50k_base", () => getEncoding("r50k_base"));
oracleSuite("a small trained BPE", async () => smallTrainedBpe());
oracleSuite("Llama 2 (SentencePiece BPE, byte fallback)", async () => lenmlTokenizer("llama2"));
