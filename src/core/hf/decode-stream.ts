/**
 * Streaming decode for decoders that look at more than one token (Hugging Face's
 * `DecodeStream`, `tokenizers` 0.21+): a SentencePiece decoder drops the space of the very first
 * token only, and byte-fallback or byte-level tokens may cut a character. Each new id is decoded
 * together with the ids since the last complete output, and only the text beyond what those
 * decoded to before is emitted; output waits while the text ends in U+FFFD (an unfinished
 * character).
 */
import type { TokenDecoder } from "../tokenizer.js";

/**
 * @example
 * ```ts
 * const d = new DecodeStream((ids) => tok.decode(ids));
 * d.write(tok.encode("Hello")) + d.write(tok.encode(" world")) + d.end(); // "Hello world"
 * ```
 */
export class DecodeStream implements TokenDecoder {
  /** The ids of the last complete step (the context), then those waiting. */
  private ids: number[] = [];
  /** What the context ids decode to. */
  private prefix = "";
  /** How many of `ids` are context. */
  private prefixIndex = 0;

  constructor(private readonly decodeIds: (ids: readonly number[]) => string) {}

  write(ids: number | ArrayLike<number>): string {
    if (typeof ids === "number") return this.step(ids);
    let out = "";
    for (let i = 0; i < ids.length; i++) out += this.step(ids[i]);
    return out;
  }

  end(): string {
    const text = this.decodeIds(this.ids);
    const rest = text.length > this.prefix.length ? this.fresh(text) : "";
    this.ids = [];
    this.prefix = "";
    this.prefixIndex = 0;
    return rest;
  }

  private step(id: number): string {
    this.ids.push(id);
    const text = this.decodeIds(this.ids);
    if (text.length <= this.prefix.length || text.endsWith("\uFFFD")) return "";
    const fresh = this.fresh(text);
    // Keep this step's ids as the context of the next one, drop what came before them.
    this.ids = this.ids.slice(this.prefixIndex);
    this.prefixIndex = this.ids.length;
    this.prefix = this.decodeIds(this.ids);
    return fresh;
  }

  /** The text past the context's; an error, as in HF, when the decoder rewrote the context. */
  private fresh(text: string): string {
    if (!text.startsWith(this.prefix)) {
      throw new Error("decode stream: the decoder changed text it had already produced (HF InvalidPrefix)");
    }
    return text.slice(this.prefix.length);
  }
}
