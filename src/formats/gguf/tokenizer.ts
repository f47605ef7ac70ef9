/**
 * A GGUF file's tokenizer, run as llama.cpp runs it, as an {@link HfTokenizer}: the metadata
 * becomes Hugging Face pipeline parts (added tokens from the token types, a Split sequence with
 * llama.cpp's regexes, BPE over the merges, or llama.cpp's own SentencePiece-style model over
 * the scores), so every command and API that takes a Tokenizer takes a GGUF file.
 */
import { HfTokenizer, type HfTokenizerParts } from "../../core/hf/tokenizer.js";
import { LlamaSpm } from "../../core/models/llama-spm.js";
import type { ChatFormat, TokenizerDescription } from "../../core/tokenizer.js";
import { decoderFromJson } from "../hf/decoders.js";
import { normalizerFromJson } from "../hf/normalizers.js";
import { postProcessorFromJson } from "../hf/postprocessors.js";
import { addedTokensFromJson, loadTokenizerJson } from "../hf/tokenizer-json.js";
import { GgufFormatError } from "./errors.js";
import {
  type Entries,
  optionalBool,
  optionalNumbers,
  optionalString,
  optionalStrings,
  optionalUint,
} from "./fields.js";
import { GGUF_PRE_NAMES, ggufPreTokenizer } from "./pre-tokenizers.js";
import { readGgufMetadata } from "./reader.js";

/** llama.cpp's token types (`llama_token_type`). */
const UNKNOWN = 2;
const CONTROL = 3;
const USER_DEFINED = 4;

/** Texts llama.cpp always treats as control tokens (its end-of-generation list). */
const END_OF_GENERATION = new Set([
  "<|eot_id|>",
  "<|im_end|>",
  "<|end|>",
  "<end_of_turn>",
  "<|endoftext|>",
  "<|eom_id|>",
  "<EOT>",
]);

/** What `inspect` shows of a GGUF tokenizer beyond the pipeline. */
export interface GgufTokenizerInfo {
  /** `tokenizer.ggml.model`: "gpt2" (BPE) or "llama" (SentencePiece-style). */
  readonly model: string;
  /** `tokenizer.ggml.pre`, or "default" when absent. */
  readonly pre: string;
  readonly addBos: boolean;
  readonly addEos: boolean;
  readonly bosId: number | null;
  readonly eosId: number | null;
  readonly unkId: number | null;
  /** `general.architecture` and `general.name`, when present. */
  readonly architecture: string | null;
  readonly modelName: string | null;
}

/** A Hugging Face pipeline that says it came from a GGUF file and what the file set. */
export class GgufTokenizer extends HfTokenizer {
  override readonly format = "gguf";
  constructor(
    parts: HfTokenizerParts,
    readonly gguf: GgufTokenizerInfo,
  ) {
    super(parts);
  }

  override describe(): TokenizerDescription {
    const d = super.describe();
    return { ...d, settings: { ...d.settings, gguf: this.gguf } };
  }
}

/** Options of {@link parseGgufTokenizer}. */
export interface ParseGgufOptions {
  /** A name for reports; default the file's `general.name`, else "model.gguf". */
  readonly name?: string;
}

/**
 * The tokenizer in a GGUF file's metadata (`bytes` may stop anywhere after the metadata: the
 * tensors are never read). Runs as llama.cpp does: `tokenizer.ggml.model` "gpt2" is byte-level
 * BPE cut by the regexes its `tokenizer.ggml.pre` selects, "llama" is llama.cpp's
 * SentencePiece-style merging by score with byte fallback. Control and unknown tokens are
 * special (text that spells one is an error unless allowed, as for every format), user-defined
 * ones are always matched; `addSpecialTokens` adds BOS/EOS as the file's `add_bos_token` /
 * `add_eos_token` (or llama.cpp's defaults) say. Throws {@link GgufFormatError} for a malformed
 * file or a tokenizer toklab does not run.
 *
 * @example
 * ```ts
 * const tok = parseGgufTokenizer(new Uint8Array(await file.arrayBuffer()));
 * tok.encode("Hello world", { addSpecialTokens: true }); // [1, 15043, 3186] for a Llama 2 vocabulary
 * ```
 */
export function parseGgufTokenizer(bytes: Uint8Array, options: ParseGgufOptions = {}): GgufTokenizer {
  return ggufTokenizerFromMetadata(readGgufMetadata(bytes).entries, options);
}

/** {@link parseGgufTokenizer} from metadata already read (see `readGgufMetadata`). */
export function ggufTokenizerFromMetadata(m: Entries, options: ParseGgufOptions = {}): GgufTokenizer {
  const model = optionalString(m, "tokenizer.ggml.model");
  if (model === undefined)
    throw new GgufFormatError("tokenizer.ggml.model: missing (the file has no tokenizer)");
  if (model !== "gpt2" && model !== "llama") {
    throw new GgufFormatError(
      `tokenizer.ggml.model: "${model}" is not supported (toklab runs "gpt2" (BPE) and "llama" (SentencePiece-style))`,
    );
  }
  const tokens = optionalStrings(m, "tokenizer.ggml.tokens");
  if (tokens === undefined) throw new GgufFormatError("tokenizer.ggml.tokens: missing");
  const n = tokens.length;
  const types = optionalNumbers(m, "tokenizer.ggml.token_type", n, "tokenizer.ggml.tokens");
  const scores = optionalNumbers(m, "tokenizer.ggml.scores", n, "tokenizer.ggml.tokens");
  // llama.cpp names an empty token "[EMPTY_<id>]" and refuses a vocabulary with repeats.
  const pieces = tokens.map((t, i) => (t === "" ? `[EMPTY_${i}]` : t));
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const first = seen.get(pieces[i]);
    if (first !== undefined) {
      throw new GgufFormatError(`tokenizer.ggml.tokens: token ${i} repeats token ${first}`);
    }
    seen.set(pieces[i], i);
  }

  const preName = optionalString(m, "tokenizer.ggml.pre");
  const pre = model === "gpt2" ? ggufPreTokenizer(preName) : undefined;
  if (model === "gpt2" && pre === undefined) {
    throw new GgufFormatError(
      `tokenizer.ggml.pre: "${preName}" is not a pre-tokenizer toklab knows (it knows ${GGUF_PRE_NAMES.join(", ")})`,
    );
  }

  // llama.cpp's defaults per model, then the file's keys (an id past the vocabulary is ignored,
  // as llama.cpp does, with the default kept).
  const spm = model === "llama";
  const special = (key: string, fallback: number | null): number | null => {
    const id = optionalUint(m, `tokenizer.ggml.${key}`);
    return id !== undefined && id < n ? id : fallback !== null && fallback < n ? fallback : null;
  };
  const bosId = special("bos_token_id", spm ? 1 : pre?.noBos ? null : 11);
  const eosId = special("eos_token_id", spm ? 2 : 11);
  const unkId = special("unknown_token_id", spm ? 0 : null);
  const addBos = optionalBool(m, "tokenizer.ggml.add_bos_token") ?? (spm || (pre?.addBos ?? false));
  const addEos = optionalBool(m, "tokenizer.ggml.add_eos_token") ?? false;
  const addSpacePrefix = optionalBool(m, "tokenizer.ggml.add_space_prefix") ?? spm;
  if (addBos && bosId === null)
    throw new GgufFormatError("tokenizer.ggml.add_bos_token: true, but no BOS token");
  if (addEos && eosId === null)
    throw new GgufFormatError("tokenizer.ggml.add_eos_token: true, but no EOS token");

  const addedTokens = addedTokensFromJson(specialTokensJson(pieces, types));
  const postProcessor = postProcessorFromJson(
    templateJson(pieces, addBos ? bosId : null, addEos ? eosId : null),
  );
  const chatTemplate = optionalString(m, "tokenizer.chat_template");
  const chat: ChatFormat = {
    kind: "template",
    config: {
      ...(bosId === null ? {} : { bos_token: pieces[bosId] }),
      ...(eosId === null ? {} : { eos_token: pieces[eosId] }),
    },
    ...(chatTemplate === undefined ? {} : { template: chatTemplate }),
  };
  const name = options.name ?? optionalString(m, "general.name") ?? "model.gguf";
  const info: GgufTokenizerInfo = {
    model,
    pre: preName ?? "default",
    addBos,
    addEos,
    bosId,
    eosId,
    unkId,
    architecture: optionalString(m, "general.architecture") ?? null,
    modelName: optionalString(m, "general.name") ?? null,
  };

  if (spm) {
    if (scores === undefined)
      throw new GgufFormatError('tokenizer.ggml.scores: missing (a "llama" tokenizer merges by score)');
    // llama.cpp prefixes a space to each run of text between special tokens, then writes
    // spaces as "▁"; Prepend does the first per segment, as llama.cpp's fragments are.
    const spacesAsMarks = { type: "Replace", pattern: { String: " " }, content: "▁" };
    const normalizer = normalizerFromJson(
      addSpacePrefix
        ? { type: "Sequence", normalizers: [{ type: "Prepend", prepend: "▁" }, spacesAsMarks] }
        : spacesAsMarks,
    );
    const decoder = decoderFromJson({
      type: "Sequence",
      decoders: [
        { type: "Replace", pattern: { String: "▁" }, content: " " },
        { type: "ByteFallback" },
        { type: "Fuse" },
        ...(addSpacePrefix ? [{ type: "Strip", content: " ", start: 1, stop: 0 }] : []),
      ],
    });
    const parts: HfTokenizerParts = {
      name,
      chat,
      normalizer,
      model: new LlamaSpm(pieces, scores, unkId === null ? {} : { unkId }),
      postProcessor,
      decoder,
      addedTokens,
    };
    return new GgufTokenizer(parts, info);
  }

  const merges = optionalStrings(m, "tokenizer.ggml.merges");
  if (merges === undefined)
    throw new GgufFormatError('tokenizer.ggml.merges: missing (a "gpt2" tokenizer needs its merges)');
  const vocab: Record<string, number> = Object.create(null);
  for (let i = 0; i < n; i++) vocab[pieces[i]] = i;
  const byteLevel = { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false };
  const json = {
    version: "1.0",
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: {
      type: "Sequence",
      pretokenizers: [
        ...pre!.regexes.map((r) => ({
          type: "Split",
          pattern: { Regex: r },
          behavior: "Isolated",
          invert: false,
        })),
        byteLevel,
      ],
    },
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
      ignore_merges: pre!.ignoreMerges,
      vocab,
      merges: ggufMerges(merges),
    },
  };
  const hf = loadTokenizerJson(json, { name, chat });
  return new GgufTokenizer(
    {
      name,
      chat,
      normalizer: null,
      preTokenizer: hf.preTokenizer,
      model: hf.model,
      postProcessor,
      decoder: hf.decoder,
      addedTokens,
    },
    info,
  );
}

/**
 * The merges as tokenizer.json pairs. llama.cpp splits "a b" at the first space after the
 * first byte (so a merge whose left side is a space still reads), which a pair states exactly.
 */
function ggufMerges(merges: readonly string[]): [string, string][] {
  return merges.map((s, i) => {
    const at = s.indexOf(" ", 1);
    if (at < 0) throw new GgufFormatError(`tokenizer.ggml.merges[${i}]: no space between the two parts`);
    return [s.slice(0, at), s.slice(at + 1)];
  });
}

/**
 * Control and unknown tokens as special added tokens, user-defined ones as plain added tokens,
 * all matched on the raw text (llama.cpp's `tokenizer_st_partition` looks for their text before
 * anything else).
 */
function specialTokensJson(pieces: readonly string[], types: ArrayLike<number> | undefined): object[] {
  const out: object[] = [];
  for (let id = 0; id < pieces.length; id++) {
    // llama.cpp makes these end-of-generation texts control tokens whatever the file says.
    const t = END_OF_GENERATION.has(pieces[id]) ? CONTROL : types?.[id];
    if (t !== CONTROL && t !== UNKNOWN && t !== USER_DEFINED) continue;
    out.push({
      id,
      content: pieces[id],
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: t !== USER_DEFINED,
    });
  }
  return out;
}

/** BOS and EOS around the text when the file asks for them (TemplateProcessing), else none. */
function templateJson(pieces: readonly string[], bos: number | null, eos: number | null): object | null {
  if (bos === null && eos === null) return null;
  const specials: Record<string, object> = Object.create(null);
  for (const id of [bos, eos]) {
    if (id !== null) specials[pieces[id]] = { id: pieces[id], ids: [id], tokens: [pieces[id]] };
  }
  // A pair is two texts each laid out as a single one, the second with type id 1 (as
  // Llama's tokenizer.json writes it).
  const layout = (sequence: "A" | "B", typeId: number): object[] => [
    ...(bos === null ? [] : [{ SpecialToken: { id: pieces[bos], type_id: typeId } }]),
    { Sequence: { id: sequence, type_id: typeId } },
    ...(eos === null ? [] : [{ SpecialToken: { id: pieces[eos], type_id: typeId } }]),
  ];
  return {
    type: "TemplateProcessing",
    single: layout("A", 0),
    pair: [...layout("A", 0), ...layout("B", 1)],
    special_tokens: specials,
  };
}
