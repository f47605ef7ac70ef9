/**
 * Shared tools of the pre-tokenizer differential tests: the binding around a `pre_tokenizer`
 * JSON, our side through `preTokenizerFromJson`, both as `[piece, [start, end]]` with offsets in
 * code points (the binding's unit), and the texts they are compared on.
 */
import { Tokenizer } from "tokenizers";
import { PreTokenizedString } from "../../../src/core/hf-pretokenize/index.js";
import { NormalizedString } from "../../../src/core/normalize/index.js";
import { normalizerFromJson } from "../../../src/formats/hf/normalizers.js";
import { preTokenizerFromJson } from "../../../src/formats/hf/pretokenizers.js";
import { adversarialStrings } from "../adversarial.js";
import { textFixtures } from "../fixtures.js";
import { codePointIndex } from "./code-points.js";
import { EDGE_TEXTS, randomTexts } from "./normalize.js";
import { tokenizerJsonWith } from "./tokenizer-json.js";

export type Pieces = [string, [number, number]][];

/** A tokenizer.json with the given normalizer and pre-tokenizer around a WordLevel model. */
export function tokenizerJson(
  pre: unknown,
  normalizer: unknown = null,
  vocab: Record<string, number> = {},
): string {
  return tokenizerJsonWith({
    normalizer,
    pre_tokenizer: pre,
    model: { type: "WordLevel", vocab: { "<unk>": 0, ...vocab }, unk_token: "<unk>" },
  });
}

/** The binding's pre-tokenizer for a `pre_tokenizer` JSON value. */
export function hfPre(pre: unknown): { preTokenizeString(s: string): Pieces } {
  return Tokenizer.fromString(tokenizerJson(pre)).getPreTokenizer()! as never;
}

/** Ours: pieces and code point offsets, optionally after a normalizer. */
export function oursPieces(pre: unknown, text: string, normalizer: unknown = null): Pieces {
  const p = preTokenizerFromJson(pre)!;
  const ns = new NormalizedString(text);
  normalizerFromJson(normalizer)?.normalize(ns);
  const pts = new PreTokenizedString(ns);
  p.preTokenize(pts);
  const cp = codePointIndex(text);
  return pts.pieces().map((x) => [x.text, [cp[x.start], cp[x.end]]]);
}

/** The texts every component is compared on: edge cases, fixtures' lines, adversarial, random. */
export function corpus(seed: number, randomCount = 150): string[] {
  const out = [...EDGE_TEXTS, ...EXTRA];
  for (const text of textFixtures().values())
    out.push(
      ...text
        .split("\n")
        .slice(0, 30)
        .filter((l) => l.length < 400),
    );
  out.push(...adversarialStrings(seed, 60));
  out.push(...randomTexts(seed + 1, randomCount, 30));
  return out;
}

const EXTRA = [
  "I'm sure it's 12345 o'clock, isn't it? We'LL SEE'S",
  "x'ſ 'K 'k DON'T",
  "  leading and trailing  ",
  "tabs\tand\nnewlines\r\n\r\nhere  \n ",
  "a▁b ▁c▁▁d",
  "£1,000.50 and 3.14159 ١٢٣ ⅧⅨ ½",
  "snake_case camelCase kebab-case",
  "Hello世界 ok こんにちは カタカナー 한국어",
  "a|b||c",
  "\u3000full\u3000width\u00a0nbsp",
];

/** First difference between two piece lists, for assertion messages. */
export function diff(a: Pieces, b: Pieces): string {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) {
      return `piece ${i}: ours ${JSON.stringify(a[i])} vs hf ${JSON.stringify(b[i])}`;
    }
  }
  return "";
}
