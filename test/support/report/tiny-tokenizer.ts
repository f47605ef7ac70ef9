/** A tiny byte-level BPE tokenizer.json (259 tokens), for end-to-end tests that need a file. */

/** GPT-2's byte → printable character map (the ByteLevel alphabet). */
function byteAlphabet(): string[] {
  const printable = (b: number) =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const out: string[] = [];
  let next = 256;
  for (let b = 0; b < 256; b++) out.push(String.fromCodePoint(printable(b) ? b : next++));
  return out;
}

/** The tokenizer.json text: byte tokens 0-255 (id = byte), then `Ġt`, `he`, `Ġthe`. */
export function tinyByteLevelTokenizerJson(): string {
  const vocab: Record<string, number> = {};
  byteAlphabet().forEach((c, b) => {
    vocab[c] = b;
  });
  Object.assign(vocab, { Ġt: 256, he: 257, Ġthe: 258 });
  const byteLevel = { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true };
  return JSON.stringify({
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: null,
    decoder: byteLevel,
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges: ["Ġ t", "h e", "Ġt he"],
    },
  });
}
