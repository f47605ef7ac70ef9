/** Node-only parts of toklab: loading tokenizer files from disk. */

export * from "./atomic-files.js";
export * from "./chart-libraries.js";
export * from "./hf.js";
export * from "./ingest/index.js";
export * from "./load-tokenizer.js";
export * from "./parallel.js";
export * from "./train-output.js";
export * from "./udhr.js";
