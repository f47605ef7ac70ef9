import type { Decoder } from "./types.js";

/** Where a Metaspace pre-tokenizer put the replacement character at the start (HF `PrependScheme`). */
export type PrependScheme = "first" | "never" | "always";

/**
 * Undoes SentencePiece-style spaces (HF `Metaspace` as a decoder): every `replacement`
 * character becomes a space, except in the first token when the pre-tokenizer prepended one
 * (`prependScheme` other than `"never"`); there HF drops **every** replacement character of that
 * token, not only the leading one. `split` only matters when pre-tokenizing; it is kept so the
 * component round-trips.
 *
 * @example
 * new MetaspaceDecoder().decodeChain(["▁Hey", "▁friend"]); // ["Hey", " friend"]
 */
export class MetaspaceDecoder implements Decoder {
  readonly type = "Metaspace";

  constructor(
    /** One character (a code point). */
    readonly replacement = "\u2581",
    readonly prependScheme: PrependScheme = "always",
    readonly split = true,
  ) {
    if ([...replacement].length !== 1) throw new Error(`Metaspace replacement must be one character`);
  }

  decodeChain(tokens: readonly string[]): string[] {
    const r = this.replacement;
    return tokens.map((token, i) => {
      if (!token.includes(r)) return token;
      const to = i === 0 && this.prependScheme !== "never" ? "" : " ";
      return token.split(r).join(to);
    });
  }
}
