/** Node-only parts of toklab: loading tokenizer files from disk. */

export * from "./hf.js";
export * from "./parallel.js";
export * from "./tiktokenFile.js";
export * from "./udhr.js";
