import { QWEN2_PATTERN } from "../../../src/core/hf-pretokenize/index.js";
import { CL100K_PATTERN, GPT2_PATTERN, O200K_PATTERN } from "../../../src/core/pretokenize/index.js";

const BEHAVIORS = ["Removed", "Isolated", "MergedWithPrevious", "MergedWithNext", "Contiguous"];

/**
 * Pre-tokenizer configurations (tokenizer.json objects) covering every component, parameter and
 * behavior, and the sequences real models use. Shared by the differential tests against the
 * binding and by the ids-only-path tests, so both exercise the same set.
 */
export const PRE_TOKENIZER_CONFIGS: [string, unknown][] = [];
const CONFIGS = PRE_TOKENIZER_CONFIGS;
for (const add of [true, false]) {
  for (const regex of [true, false]) {
    CONFIGS.push([
      `ByteLevel add_prefix_space=${add} use_regex=${regex}`,
      { type: "ByteLevel", add_prefix_space: add, trim_offsets: true, use_regex: regex },
    ]);
  }
}
for (const scheme of ["always", "first", "never"]) {
  for (const split of [true, false]) {
    CONFIGS.push([
      `Metaspace ${scheme} split=${split}`,
      { type: "Metaspace", replacement: "▁", prepend_scheme: scheme, split },
    ]);
  }
}
CONFIGS.push([
  "Metaspace replacement _",
  { type: "Metaspace", replacement: "_", prepend_scheme: "always", split: true },
]);
for (const b of BEHAVIORS) {
  for (const invert of [false, true]) {
    CONFIGS.push([
      `Split String " " ${b} invert=${invert}`,
      { type: "Split", pattern: { String: " " }, behavior: b, invert },
    ]);
    CONFIGS.push([
      `Split Regex \\d+|\\s ${b} invert=${invert}`,
      { type: "Split", pattern: { Regex: "\\d+|\\s" }, behavior: b, invert },
    ]);
  }
  CONFIGS.push([`Punctuation ${b}`, { type: "Punctuation", behavior: b }]);
}
CONFIGS.push([
  "Split String multi-char",
  { type: "Split", pattern: { String: "ab" }, behavior: "Isolated", invert: false },
]);
CONFIGS.push([
  "Split Regex empty-match",
  { type: "Split", pattern: { Regex: "x*" }, behavior: "MergedWithNext", invert: false },
]);
CONFIGS.push([
  "Split Regex ^ and $",
  { type: "Split", pattern: { Regex: "^\\s*|\\s*$" }, behavior: "Removed", invert: false },
]);
CONFIGS.push([
  "Split Regex possessive",
  {
    type: "Split",
    pattern: { Regex: "[^\\r\\n\\p{L}\\p{N}]?+\\p{L}++|\\p{N}{1,3}+|\\s++" },
    behavior: "Isolated",
    invert: false,
  },
]);
CONFIGS.push([
  "Split Regex (?i:...)",
  {
    type: "Split",
    pattern: { Regex: "(?i:'s|'t|'re|'ve|'m|'ll|'d|k|é)" },
    behavior: "Isolated",
    invert: false,
  },
]);
CONFIGS.push([
  "Split Regex \\w+ \\b",
  { type: "Split", pattern: { Regex: "\\b\\w+\\b|\\W" }, behavior: "Isolated", invert: false },
]);
for (const [name, re] of [
  ["GPT-2", GPT2_PATTERN],
  ["Llama 3", CL100K_PATTERN],
  ["Qwen2", QWEN2_PATTERN],
  ["o200k", O200K_PATTERN],
]) {
  CONFIGS.push([
    `Split ${name} Isolated`,
    { type: "Split", pattern: { Regex: re }, behavior: "Isolated", invert: false },
  ]);
  CONFIGS.push([
    `Split ${name} Removed invert`,
    { type: "Split", pattern: { Regex: re }, behavior: "Removed", invert: true },
  ]);
  CONFIGS.push([
    `Split ${name} MergedWithNext`,
    { type: "Split", pattern: { Regex: re }, behavior: "MergedWithNext", invert: false },
  ]);
}
CONFIGS.push(["Digits", { type: "Digits", individual_digits: false }]);
CONFIGS.push(["Digits individual", { type: "Digits", individual_digits: true }]);
CONFIGS.push(["Whitespace", { type: "Whitespace" }]);
CONFIGS.push(["WhitespaceSplit", { type: "WhitespaceSplit" }]);
CONFIGS.push(["BertPreTokenizer", { type: "BertPreTokenizer" }]);
CONFIGS.push(["CharDelimiterSplit |", { type: "CharDelimiterSplit", delimiter: "|" }]);
CONFIGS.push(["FixedLength default (5)", { type: "FixedLength" }]);
CONFIGS.push(["FixedLength 1", { type: "FixedLength", length: 1 }]);
CONFIGS.push(["FixedLength 3", { type: "FixedLength", length: 3 }]);
CONFIGS.push([
  "Whitespace then FixedLength 4",
  { type: "Sequence", pretokenizers: [{ type: "WhitespaceSplit" }, { type: "FixedLength", length: 4 }] },
]);
CONFIGS.push(["CharDelimiterSplit ▁", { type: "CharDelimiterSplit", delimiter: "▁" }]);
CONFIGS.push(["UnicodeScripts", { type: "UnicodeScripts" }]);
const llama3 = {
  type: "Sequence",
  pretokenizers: [
    { type: "Split", pattern: { Regex: CL100K_PATTERN }, behavior: "Isolated", invert: false },
    { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
  ],
};
const qwen = {
  type: "Sequence",
  pretokenizers: [
    { type: "Split", pattern: { Regex: QWEN2_PATTERN }, behavior: "Isolated", invert: false },
    { type: "ByteLevel", add_prefix_space: false, trim_offsets: false, use_regex: false },
  ],
};
CONFIGS.push(["Llama 3 sequence", llama3]);
CONFIGS.push(["Qwen2 sequence", qwen]);
CONFIGS.push(["GPT-2", { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true }]);
CONFIGS.push([
  "Mistral-style Metaspace",
  { type: "Metaspace", replacement: "▁", prepend_scheme: "first", split: false },
]);
CONFIGS.push([
  "DeepSeek-style sequence",
  {
    type: "Sequence",
    pretokenizers: [
      { type: "Split", pattern: { Regex: "\\p{N}{1,3}" }, behavior: "Isolated", invert: false },
      { type: "Split", pattern: { Regex: "[一-龥\u3040-ゟ゠-ヿ]+" }, behavior: "Isolated", invert: false },
      { type: "Digits", individual_digits: true },
      { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    ],
  },
]);
CONFIGS.push([
  "Sequence Whitespace+Digits+Punctuation+Metaspace",
  {
    type: "Sequence",
    pretokenizers: [
      { type: "WhitespaceSplit" },
      { type: "Digits", individual_digits: true },
      { type: "Punctuation", behavior: "MergedWithPrevious" },
      { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true },
    ],
  },
]);
