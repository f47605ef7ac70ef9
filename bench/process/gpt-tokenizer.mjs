/**
 * `node bench/process/gpt-tokenizer.mjs ENCODING FILE`: counting a file's tokens with
 * gpt-tokenizer (npm, JavaScript) and its defaults (merge cache on), as a user would; timed as a
 * whole process by bench/whole-process.ts.
 */
import { readFileSync } from "node:fs";

const [encoding, file] = process.argv.slice(2);
const { countTokens } = await import(`gpt-tokenizer/encoding/${encoding}`);
// An empty disallowed set: special-token text is ordinary text, as in `toklab count`.
console.log(countTokens(readFileSync(file, "utf8"), { disallowedSpecial: new Set() }));
