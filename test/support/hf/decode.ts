/**
 * Shared helpers of the decoder differential tests: the Hugging Face binding decodes through a
 * tokenizer.json (WordLevel over the token pool, the decoder under test), so every decoder and
 * every option is reachable exactly as a real file would configure it.
 */
import { Tokenizer } from "tokenizers";
import { tokenizerJsonWith } from "./tokenizer-json.js";

/** A tokenizer.json whose WordLevel vocabulary is `pool` (ids in order) with the given parts. */
export function tokenizerJson(pool: readonly string[], parts: Record<string, unknown> = {}): string {
  const vocab: Record<string, number> = {};
  pool.forEach((t, i) => {
    vocab[t] = i;
  });
  return tokenizerJsonWith({ model: { type: "WordLevel", vocab, unk_token: pool[0] }, ...parts });
}

/** Decodes token lists with the binding (no special-token skipping). */
export class HfDecoder {
  private readonly tokenizer: Tokenizer;
  private readonly ids = new Map<string, number>();

  constructor(pool: readonly string[], decoder: unknown) {
    pool.forEach((t, i) => {
      if (this.ids.has(t)) throw new Error(`duplicate pool token ${JSON.stringify(t)}`);
      this.ids.set(t, i);
    });
    this.tokenizer = Tokenizer.fromString(tokenizerJson(pool, { decoder }));
  }

  decode(tokens: readonly string[]): Promise<string> {
    return this.tokenizer.decode(
      tokens.map((t) => this.ids.get(t)!),
      false,
    );
  }
}

/** `count` random lists of 0..maxLen tokens drawn from `pool`, mostly short. */
export function randomLists(
  rand: () => number,
  pool: readonly string[],
  count: number,
  maxLen = 12,
): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < count; i++) {
    const n = Math.floor(rand() * (maxLen + 1));
    const list: string[] = [];
    for (let k = 0; k < n; k++) {
      // Repeat the previous token now and then: CTC collapses duplicates.
      if (k > 0 && rand() < 0.15) list.push(list[k - 1]);
      else list.push(pool[Math.floor(rand() * pool.length)]);
    }
    out.push(list);
  }
  return out;
}
