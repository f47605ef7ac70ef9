export * from "./dtype.js";
export * from "./header.js";
