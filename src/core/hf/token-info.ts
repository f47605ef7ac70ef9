/**
 * The bytes behind a Hugging Face token string. tokenizer.json stores tokens as strings whose
 * meaning depends on the vocabulary's convention ({@link ByteScheme}); undoing it gives the
 * bytes every analysis and the byte-level language-model layer need:
 *
 * | vocabulary | token string → bytes |
 * | --- | --- |
 * | byte-level BPE | each character of GPT-2's byte alphabet back to its byte (`Ġ` → 0x20) |
 * | SentencePiece-style | `▁` → space, then UTF-8; with byte fallback `<0xAB>` → the byte 0xAB |
 * | WordPiece | the `##` prefix stripped (and `continuation` set), then UTF-8 |
 * | other models | the token string's UTF-8 |
 * | special / added tokens | the UTF-8 of their content, which is what they match in text |
 */
import { byteLevelBytes } from "../byte-alphabet.js";
import { byteOfToken } from "../hf-decode/byte-fallback.js";
import type { TokenInfo } from "../tokenizer.js";
import type { ByteScheme } from "./byte-scheme.js";

const utf8 = new TextEncoder();

/**
 * The {@link TokenInfo} of a model vocabulary string (not an added token) under `scheme`.
 *
 * @example
 * modelTokenInfo(220, "Ġ", byteLevelScheme).bytes; // Uint8Array [0x20]
 */
export function modelTokenInfo(id: number, piece: string, scheme: ByteScheme): TokenInfo {
  switch (scheme.kind) {
    case "byte-level": {
      // A string outside the alphabet decodes to its own UTF-8, as HF's ByteLevel decoder does.
      const bytes = byteLevelBytes(piece) ?? utf8.encode(piece);
      return { id, piece, bytes, form: "text", continuation: false };
    }
    case "sentencepiece": {
      const b = scheme.byteFallback ? byteOfToken(piece) : -1;
      if (b >= 0) return { id, piece, bytes: Uint8Array.of(b), form: "byte", continuation: false };
      const bytes = utf8.encode(piece.split(scheme.spaceMark).join(" "));
      return { id, piece, bytes, form: "text", continuation: false };
    }
    case "wordpiece": {
      const p = scheme.continuationPrefix;
      const continuation = p.length > 0 && piece.startsWith(p) && piece.length > p.length;
      const text = continuation ? piece.slice(p.length) : piece;
      return { id, piece, bytes: utf8.encode(text), form: "text", continuation };
    }
    default:
      return { id, piece, bytes: utf8.encode(piece), form: "text", continuation: false };
  }
}

/**
 * The {@link TokenInfo} of an added token: added tokens are cut out of the raw text before the
 * model runs, so their content is their text.
 */
export function addedTokenInfo(id: number, content: string, special: boolean): TokenInfo {
  return {
    id,
    piece: content,
    bytes: utf8.encode(content),
    form: special ? "special" : "added",
    continuation: false,
  };
}
