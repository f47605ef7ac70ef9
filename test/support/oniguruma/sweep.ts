/**
 * The binding's own Oniguruma, asked which code points a one-character pattern matches: a Split
 * that keeps only the matches over a string of every scalar value, read back from the offsets.
 */
import { Tokenizer } from "tokenizers";

/** Every Unicode scalar value, in order. */
export const SCALARS: readonly number[] = (() => {
  const out: number[] = [];
  for (let cp = 0; cp < 0x110000; cp++) if (cp < 0xd800 || cp > 0xdfff) out.push(cp);
  return out;
})();

/** The code points among `cps` (default: all) that the Oniguruma pattern matches one at a time. */
export async function onigMembers(pattern: string, cps: readonly number[] = SCALARS): Promise<Set<number>> {
  const json = {
    version: "1.0",
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: { type: "Split", pattern: { Regex: pattern }, behavior: "Removed", invert: true },
    post_processor: null,
    decoder: null,
    model: { type: "WordLevel", vocab: { "[UNK]": 0 }, unk_token: "[UNK]" },
  };
  const text = cps.map((c) => String.fromCodePoint(c)).join("");
  const e = await Tokenizer.fromString(JSON.stringify(json)).encode(text, null, { addSpecialTokens: false });
  const out = new Set<number>();
  for (const [a, b] of e.getOffsets()) for (let i = a; i < b; i++) out.add(cps[i]);
  return out;
}
