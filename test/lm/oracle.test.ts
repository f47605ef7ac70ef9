/** The byte-level layer against the Markov oracle (test/support/lm/oracle.ts), small tokenizers. */
import { getEncoding } from "../../src/encodings/index.js";
import { oracleSuite } from "../support/lm/oracle.js";
import { smallTrainedBpe } from "../support/lm/tokenizers.js";

oracleSuite("r50k_base", () => getEncoding("r50k_base"));
oracleSuite("a small trained BPE", async () => smallTrainedBpe());
