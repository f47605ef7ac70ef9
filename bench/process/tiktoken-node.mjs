/**
 * `node bench/process/tiktoken-node.mjs ENCODING FILE`: counting a file's tokens with tiktoken's
 * native binding (npm tiktoken-node), timed as a whole process by bench/whole-process.ts.
 */
import { readFileSync } from "node:fs";
import tiktokenNode from "tiktoken-node";

const [encoding, file] = process.argv.slice(2);
// The package exports one default object (no named exports) from ESM.
console.log(tiktokenNode.getEncoding(encoding).encode(readFileSync(file, "utf8")).length);
