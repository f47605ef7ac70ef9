/**
 * Special tokens of `o200k_harmony` (the gpt-oss models' encoding: o200k_base's ranks and pattern
 * plus the harmony chat-format tokens).
 *
 * Source: openai/tiktoken `tiktoken_ext/openai_public.py`, function `o200k_harmony()` (tiktoken
 * 0.14.0, commit 4e71bbe0c078468e00fefbf94b39849389f346e5). It starts from o200k_base's specials
 * (`<|endoftext|>` 199999, `<|endofprompt|>` 200018), adds the named tokens below, then
 * `<|reserved_N|>` for every N in [200013, 201088). So id 200018 has two names,
 * `<|endofprompt|>` and `<|reserved_200018|>`, exactly as in tiktoken.
 * Cross-checked against gpt-tokenizer 4.0.0 `esm/encodingParams/o200k_harmony.js` (same set)
 * by `scripts/gen-encodings.ts` and the tests.
 */
import { emptyRecord, plainRecord } from "../core/record.js";

const NAMED: ReadonlyArray<readonly [string, number]> = [
  ["<|startoftext|>", 199998],
  ["<|endoftext|>", 199999],
  ["<|reserved_200000|>", 200000],
  ["<|reserved_200001|>", 200001],
  ["<|return|>", 200002],
  ["<|constrain|>", 200003],
  ["<|reserved_200004|>", 200004],
  ["<|channel|>", 200005],
  ["<|start|>", 200006],
  ["<|end|>", 200007],
  ["<|message|>", 200008],
  ["<|reserved_200009|>", 200009],
  ["<|reserved_200010|>", 200010],
  ["<|reserved_200011|>", 200011],
  ["<|call|>", 200012],
];

const RESERVED_START = 200013;
const RESERVED_END = 201088; // exclusive

/**
 * Builds the o200k_harmony special-token map (1091 names for 1090 ids).
 *
 * @example
 * harmonySpecialTokens()["<|start|>"]; // 200006
 */
export function harmonySpecialTokens(): Record<string, number> {
  const tokens: Record<string, number> = emptyRecord<number>();
  for (const [text, id] of NAMED) tokens[text] = id;
  for (let id = RESERVED_START; id < RESERVED_END; id++) tokens[`<|reserved_${id}|>`] = id;
  // Last, as in gpt-tokenizer: a decoder that keeps the last name per id then spells 200018 as
  // o200k_base does. (tiktoken's own choice between the two names is hash-map order.)
  tokens["<|endofprompt|>"] = 200018;
  return plainRecord(tokens);
}
