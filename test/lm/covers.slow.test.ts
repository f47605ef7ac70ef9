/** Covers of short strings against brute force (test/support/lm/covers.ts), o200k's vocabulary. */
import { coverSuite } from "../support/lm/covers.js";

coverSuite("o200k_base");
