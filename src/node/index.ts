/** Node-only parts of toklab: loading tokenizer files from disk. */
export * from "./tiktokenFile.js";
