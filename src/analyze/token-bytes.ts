/**
 * The raw bytes of every token of a vocabulary, whatever its kind. Every vocabulary analysis
 * (partial UTF-8, byte-fallback duplicates, scripts) is a question about these bytes, so they
 * are worked out once, here, by undoing each vocabulary's spelling convention:
 *
 * | vocabulary | token string → bytes |
 * | --- | --- |
 * | tiktoken | the rank table's bytes (`Encoding.tokenBytes`) |
 * | HF byte-level BPE | each character of GPT-2's byte alphabet back to its byte (`Ġ` → 0x20) |
 * | HF SentencePiece-style | `▁` → space, then UTF-8; with byte fallback `<0xAB>` → the byte 0xAB (HF's own test, `byteOfToken`) |
 * | HF WordPiece | the `##` prefix stripped (and `continuation` set), then UTF-8 |
 * | other HF models | the token string's UTF-8 |
 * | special / added tokens | the UTF-8 of their content, which is what they match in text |
 */
import type { HfTokenizer } from "../core/hf/tokenizer.js";
import { byteOfToken } from "../core/hf-decode/byte-fallback.js";
import type { EvalTokenizer } from "../eval/subject.js";
import { type ByteScheme, byteSchemeOf } from "./byte-scheme.js";

/**
 * Where a token's bytes come from: `text` (an ordinary vocabulary entry), `byte` (a `<0xAB>`
 * byte-fallback token), `added` (a non-special added token) or `special`.
 */
export type TokenForm = "text" | "byte" | "added" | "special";

/** One token and its bytes. */
export interface TokenBytes {
  readonly id: number;
  /** The token's string as the vocabulary stores it (tiktoken: its bytes, lossily decoded). */
  readonly piece: string;
  readonly bytes: Uint8Array;
  readonly form: TokenForm;
  /** A WordPiece continuation piece (`##ing`): it attaches to the token before it. */
  readonly continuation: boolean;
}

/** GPT-2's byte alphabet inverted: character code → byte (-1 if not in the alphabet). */
const GPT2_CHAR_BYTE = (() => {
  // Printable Latin-1 bytes stand for themselves; the other 68 get U+0100.. in byte order.
  const t = new Int16Array(0x144).fill(-1);
  let next = 0x100;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    t[printable ? b : next++] = b;
  }
  return t;
})();

const utf8 = new TextEncoder();

/**
 * The bytes a GPT-2-alphabet string stands for, or `null` if a character is outside the
 * alphabet (then the string is not a byte-level spelling).
 *
 * @example
 * byteLevelBytes("Ġthe"); // Uint8Array [0x20, 0x74, 0x68, 0x65]
 */
export function byteLevelBytes(piece: string): Uint8Array | null {
  const out = new Uint8Array(piece.length);
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    const b = c < GPT2_CHAR_BYTE.length ? GPT2_CHAR_BYTE[c] : -1;
    if (b < 0) return null;
    out[i] = b;
  }
  return out;
}

/** The bytes of one vocabulary string of an HF model under `scheme` (not an added token). */
function modelPieceBytes(id: number, piece: string, scheme: ByteScheme): TokenBytes {
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

function hfVocabularyBytes(tok: HfTokenizer): TokenBytes[] {
  const scheme = byteSchemeOf(tok);
  const added = new Map(tok.addedVocabulary.entries().map((e) => [e.id, e.token]));
  // Ids may have holes; the largest id is the model's or an added token's.
  let end = tok.model.vocabSize;
  for (const id of added.keys()) end = Math.max(end, id + 1);
  const out: TokenBytes[] = [];
  for (let id = 0; id < end; id++) {
    const a = added.get(id);
    if (a !== undefined) {
      // Added tokens are cut out of the raw text before the model: their content is their text.
      const form = a.special ? "special" : "added";
      out.push({ id, piece: a.content, bytes: utf8.encode(a.content), form, continuation: false });
      continue;
    }
    const piece = tok.model.idToToken(id);
    if (piece !== undefined) out.push(modelPieceBytes(id, piece, scheme));
  }
  return out;
}

function tiktokenVocabularyBytes(tok: EvalTokenizer): TokenBytes[] {
  const enc = tok.encoding!;
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const out: TokenBytes[] = [];
  for (let id = 0; id < enc.nVocab; id++) {
    const special = tok.isSpecial(id);
    if (!special && !enc.vocab.hasRank(id)) continue; // a hole in the ranks
    const bytes = enc.tokenBytes(id);
    out.push({
      id,
      piece: decoder.decode(bytes),
      bytes,
      form: special ? "special" : "text",
      continuation: false,
    });
  }
  return out;
}

/**
 * Every token of the vocabulary with its bytes, in id order (ids with no token are skipped).
 *
 * @example
 * const llama2 = evalTokenizerFromHf(loadTokenizerJson(json), "llama2");
 * const all = vocabularyBytes(llama2);
 * all.find((t) => t.piece === "<0x0A>")?.bytes; // Uint8Array [10]
 * all.find((t) => t.piece === "▁the")?.bytes; // the bytes of " the"
 */
export function vocabularyBytes(tok: EvalTokenizer): TokenBytes[] {
  if (tok.encoding !== undefined) return tiktokenVocabularyBytes(tok);
  if (tok.hf !== undefined) return hfVocabularyBytes(tok.hf);
  throw new Error(
    `${tok.name}: no vocabulary to read (neither a tiktoken encoding nor a Hugging Face tokenizer)`,
  );
}
