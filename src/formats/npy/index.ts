export * from "./header.js";
