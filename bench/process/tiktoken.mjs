/**
 * `node bench/process/tiktoken.mjs ENCODING FILE`: what a user of tiktoken (npm, WASM) writes to
 * count a file's tokens. bench/whole-process.ts times it from spawn to exit, beside `toklab count`.
 */
import { readFileSync } from "node:fs";
import { get_encoding } from "tiktoken";

const [encoding, file] = process.argv.slice(2);
const enc = get_encoding(encoding);
// encode_ordinary: special-token text counts as text, as in `toklab count`.
console.log(enc.encode_ordinary(readFileSync(file, "utf8")).length);
