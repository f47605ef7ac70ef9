/**
 * `node bench/process/kitoken.mjs ENCODING FILE RANKS`: counting a file's tokens with kitoken
 * (npm, WASM) built from the encoding's `.tiktoken` rank file RANKS, as its README shows; timed as
 * a whole process by bench/whole-process.ts. ENCODING is unused: the rank file decides.
 */
import { readFileSync } from "node:fs";
import { Kitoken } from "kitoken/node";

const [, file, ranks] = process.argv.slice(2);
const enc = Kitoken.from_tiktoken(readFileSync(ranks));
// false: special-token text is ordinary text, as in `toklab count`.
console.log(enc.encode(readFileSync(file, "utf8"), false).length);
