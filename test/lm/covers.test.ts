/** Covers of short strings against brute force (test/support/lm/covers.ts), GPT-2's vocabulary. */
import { coverSuite } from "../support/lm/covers.js";

coverSuite("gpt2");
