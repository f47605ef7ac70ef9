/**
 * toklab: run, count and compare LLM tokenizers. This entry is browser-safe (no Node APIs);
 * Node-only helpers (reading files) are in `toklab/node`.
 *
 * @example
 * import { getEncoding } from "toklab";
 * const enc = await getEncoding("o200k_base");
 * enc.encode("hello world"); // [24912, 2375]
 */

export * from "./analyze/index.js";
export * from "./chat/index.js";
export * from "./core/index.js";
export * from "./encodings/index.js";
export * from "./eval/index.js";
export * from "./formats/index.js";
export * from "./report/index.js";
export * from "./train/index.js";
