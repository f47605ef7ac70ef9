/**
 * What each GGUF `tokenizer.ggml.pre` name means in llama.cpp (src/llama-vocab.cpp): the
 * regular expressions that cut text, applied one after another (each cuts the pieces the
 * previous one left, keeping matches and the text between them: Hugging Face's `Split` with
 * `Isolated`), and the flags the name switches on. The expressions are llama.cpp's, which are
 * the models' own tokenizer.json patterns; where one is exactly a toklab preset's pattern the
 * preset's hand-written scanner runs it (see {@link ggufPreTokenizer}).
 */
import { PRETOKENIZER_PRESETS } from "../../core/pretokenize/presets.js";

/** One `pre` entry. */
export interface GgufPreTokenizer {
  /** The name llama.cpp knows it by (its `LLAMA_VOCAB_PRE_TYPE_*`, lower case). */
  readonly kind: string;
  /** Split regexes in Oniguruma syntax, applied in order. */
  readonly regexes: readonly string[];
  /** A piece that is a whole token is emitted without merging (Llama 3, Tekken). */
  readonly ignoreMerges: boolean;
  /** Whether llama.cpp adds BOS by default (the file's `add_bos_token` overrides it). */
  readonly addBos: boolean;
  /** Whether llama.cpp's defaults leave the model without a BOS token (ChatGLM 4). */
  readonly noBos: boolean;
}

function preset(name: string): string {
  const p = PRETOKENIZER_PRESETS.find((x) => x.name === name);
  if (p?.splitPattern == null) throw new Error(`no preset ${name}`);
  return p.splitPattern;
}

// The contraction-free GPT-2 word pattern several lists share.
const GPT2_WORDS = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";

// llama.cpp writes Llama 3's and Qwen2's patterns with `'[sS]` for `(?i:'s)` and runs them with
// hand-written splitters that agree with the tokenizer.json patterns; toklab's presets are
// those patterns' scanners. GPT-2's list lacks the final `|\s+`, which cuts nothing the gaps
// between matches would not (a gap is one whitespace character before a non-space).
const LLAMA3 = [preset("cl100k")];
const QWEN2 = [preset("qwen2")];
const GPT2 = [preset("gpt2")];

const DEEPSEEK_LLM = [
  "[\r\n]",
  "\\s?[A-Za-z\u{B5}\u{C0}-\u{D6}\u{D8}-\u{F6}\u{F8}-\u{1BA}\u{1BC}-\u{1BF}\u{1C4}-\u{293}\u{295}-\u{2AF}\u{370}-\u{373}\u{376}\u{377}\u{37B}-\u{37D}\u{37F}\u{386}\u{388}-\u{38A}\u{38C}\u{38E}-\u{3A1}\u{3A3}-\u{3F5}\u{3F7}-\u{481}\u{48A}-\u{52F}\u{531}-\u{556}\u{10A0}-\u{10C5}\u{13A0}-\u{13F5}\u{13F8}-\u{13FD}\u{1C90}-\u{1CBA}\u{1CBD}-\u{1CBF}\u{1D00}-\u{1D2B}\u{1D6B}-\u{1D77}\u{1D79}-\u{1D9A}\u{1E00}-\u{1F15}\u{1F18}-\u{1F1D}\u{1F20}-\u{1F45}\u{1F48}-\u{1F4D}\u{1F50}-\u{1F57}\u{1F59}\u{1F5B}\u{1F5D}\u{1F5F}-\u{1F7D}\u{1F80}-\u{1FB4}\u{1FB6}-\u{1FBC}\u{1FBE}\u{1FC2}-\u{1FC4}\u{1FC6}-\u{1FCC}\u{1FD0}-\u{1FD3}\u{1FD6}-\u{1FDB}\u{1FE0}-\u{1FEC}\u{1FF2}-\u{1FF4}\u{1FF6}-\u{1FFC}\u{2102}\u{2107}\u{210A}-\u{2113}\u{2115}\u{2119}-\u{211D}\u{2124}\u{2126}\u{2128}\u{212A}-\u{212D}\u{212F}-\u{2134}\u{2139}\u{213C}-\u{213F}\u{2145}-\u{2149}\u{214E}\u{2183}\u{2184}\u{2C00}-\u{2C7B}\u{2C7E}-\u{2CE4}\u{2CEB}-\u{2CEE}\u{2CF2}\u{2CF3}\u{A640}-\u{A66D}\u{A680}-\u{A69B}\u{A722}-\u{A76F}\u{A771}-\u{A787}\u{A78B}-\u{A78E}\u{AB70}-\u{ABBF}\u{FB00}-\u{FB06}\u{FB13}-\u{FB17}\u{FF21}-\u{FF3A}\u{FF41}-\u{FF5A}\u{10400}-\u{1044F}\u{104B0}-\u{104D3}\u{104D8}-\u{104FB}\u{10C80}-\u{10CB2}\u{10CC0}-\u{10CF2}\u{118A0}-\u{118DF}\u{1E900}-\u{1E943}]+",
  "\\s?[!-/:-~\u{FF01}-\u{FF0F}\u{FF1A}-\u{FF5E}\u{2018}-\u{201F}\u{3000}-\u{3002}]+",
  "\\s+$",
  "[\u{4E00}-\u{9FA5}\u{800}-\u{4E00}\u{AC00}-\u{D7FF}]+",
  "\\p{N}+",
];

const DEEPSEEK_V3 = [
  "\\p{N}{1,3}",
  "[\u{4E00}-\u{9FA5}\u{3040}-\u{309F}\u{30A0}-\u{30FF}]+",
  "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+",
];

const DEEPSEEK_CODER = [
  "[\r\n]",
  "\\s?\\p{L}+",
  "\\s?\\p{P}+",
  "[\u{4E00}-\u{9FA5}\u{800}-\u{4E00}\u{AC00}-\u{D7FF}]+",
  "\\p{N}",
];

const FALCON = ["[\\p{P}\\$\\+<=>\\^~\\|]+", GPT2_WORDS, "[0-9][0-9][0-9]"];

const STARCODER = ["\\p{N}", GPT2_WORDS];

const BLOOM = [" ?[^(\\s|.,!?\u{2026}\u{3002}\u{FF0C}\u{3001}\u{964}\u{6D4}\u{60C})]+"];

const VIKING = [" ?[^(\\s|.,!?\u{2026}\u{3002}\u{FF0C}\u{3001}\u{964}\u{6D4}\u{60C})]+", "\\p{N}"];

const TEKKEN = [
  "[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))*((?=[\\p{L}])([^A-Z]))+|[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))+((?=[\\p{L}])([^A-Z]))*|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
];

const CHAMELEON = [
  "<sentinel:[0-9]+>",
  // llama.cpp's "(IMGIMG)((A|B|C|D|E|F|G|H|I){1,4})Z", without the groups (which only a
  // capture would see) that the regex translation refuses as nested repetition.
  "IMGIMG[A-I]{1,4}Z",
  "([\\t\\n]|    |  )",
  "\\p{N}",
  "[\\p{P}!-/:-@\\[-`{-~]",
  GPT2_WORDS,
];

// Names llama.cpp added after the snapshot the rest was read from (its master of 2026,
// commit 00ad355e), with the same kind of lists: checked to compile, not against llama.cpp.
const GPT4O = [preset("o200k")];

const QWEN35 = [
  "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?[\\p{L}\\p{M}]+|\\p{N}| ?[^\\s\\p{L}\\p{M}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
];

const SEED_CODER = [
  "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1}| ?[^\\s\\p{L}\\p{N}\\r\\n]+|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
];

const BAILINGMOE = [
  "'(?:[sSdDmMtT]|[lL][lL]|[vV][eE]|[rR][eE])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]|\\s+(?!\\S)|\\s+",
];

// llama.cpp's list for a file with no `pre` or with "default".
const DEFAULT = ["[\\p{P}\\$\\+<=>\\^~\\|]+", GPT2_WORDS, "\\p{N}+", "[0-9][0-9][0-9]"];

interface Row {
  readonly names: readonly string[];
  readonly kind: string;
  readonly regexes: readonly string[];
  readonly ignoreMerges?: boolean;
  readonly addBos?: boolean;
  readonly noBos?: boolean;
}

const TABLE: readonly Row[] = [
  { names: ["default"], kind: "default", regexes: DEFAULT },
  {
    names: ["llama3", "llama-v3", "llama-bpe", "falcon3"],
    kind: "llama3",
    regexes: LLAMA3,
    ignoreMerges: true,
    addBos: true,
  },
  { names: ["dbrx"], kind: "dbrx", regexes: LLAMA3 },
  { names: ["smaug-bpe"], kind: "smaug", regexes: LLAMA3 },
  { names: ["deepseek-llm"], kind: "deepseek-llm", regexes: DEEPSEEK_LLM },
  { names: ["deepseek-coder"], kind: "deepseek-coder", regexes: DEEPSEEK_CODER },
  { names: ["deepseek-v3"], kind: "deepseek3-llm", regexes: DEEPSEEK_V3 },
  { names: ["falcon"], kind: "falcon", regexes: FALCON },
  { names: ["mpt"], kind: "mpt", regexes: GPT2 },
  { names: ["starcoder"], kind: "starcoder", regexes: STARCODER },
  { names: ["refact"], kind: "refact", regexes: STARCODER },
  { names: ["command-r"], kind: "command-r", regexes: STARCODER },
  { names: ["smollm"], kind: "smollm", regexes: STARCODER },
  { names: ["codeshell"], kind: "codeshell", regexes: STARCODER },
  { names: ["exaone"], kind: "exaone", regexes: STARCODER },
  { names: ["minerva-7b"], kind: "minerva", regexes: STARCODER },
  {
    names: [
      "gpt-2",
      "phi-2",
      "jina-es",
      "jina-de",
      "gigachat",
      "jina-v1-en",
      "jina-v2-es",
      "jina-v2-de",
      "jina-v2-code",
      "roberta-bpe",
    ],
    kind: "gpt2",
    regexes: GPT2,
  },
  { names: ["olmo"], kind: "olmo", regexes: GPT2 },
  { names: ["jais"], kind: "jais", regexes: GPT2 },
  { names: ["qwen2", "deepseek-r1-qwen", "megrez"], kind: "qwen2", regexes: QWEN2 },
  { names: ["stablelm2"], kind: "stablelm2", regexes: QWEN2 },
  { names: ["poro-chat"], kind: "poro", regexes: BLOOM },
  { names: ["bloom"], kind: "bloom", regexes: BLOOM },
  { names: ["gpt3-finnish"], kind: "gpt3-finnish", regexes: BLOOM },
  { names: ["chatglm-bpe"], kind: "chatglm4", regexes: LLAMA3, noBos: true },
  { names: ["viking"], kind: "viking", regexes: VIKING },
  { names: ["tekken"], kind: "tekken", regexes: TEKKEN, ignoreMerges: true, addBos: true },
  { names: ["chameleon"], kind: "chameleon", regexes: CHAMELEON, addBos: true },
  // From llama.cpp's later master (see GPT4O above).
  {
    names: ["falcon-h1", "pixtral", "midm-2.0", "lfm2", "jina-v5-nano"],
    kind: "llama3",
    regexes: LLAMA3,
    ignoreMerges: true,
    addBos: true,
  },
  { names: ["gpt-4o", "llama4", "kanana2", "talkie", "minimax-m2"], kind: "gpt4o", regexes: GPT4O },
  { names: ["kormo", "f2llmv2", "hunyuan", "solar-open", "grok-2"], kind: "qwen2", regexes: QWEN2 },
  { names: ["qwen35"], kind: "qwen35", regexes: QWEN35 },
  {
    names: ["a.x-4.0", "mellum", "modern-bert", "exaone4", "trillion", "granite-docling"],
    kind: "gpt2",
    regexes: GPT2,
  },
  { names: ["mellum2"], kind: "mellum2", regexes: STARCODER },
  { names: ["hunyuan-dense", "joyai-llm", "hy_v4"], kind: "deepseek3-llm", regexes: DEEPSEEK_V3 },
  { names: ["glm4"], kind: "chatglm4", regexes: LLAMA3, noBos: true },
  { names: ["seed-coder"], kind: "seed-coder", regexes: SEED_CODER },
  { names: ["bailingmoe", "bailingmoe2", "llada-moe"], kind: "bailingmoe", regexes: BAILINGMOE },
];

/** Every `pre` name toklab runs, for messages. */
export const GGUF_PRE_NAMES: readonly string[] = Object.freeze(TABLE.flatMap((r) => r.names));

/**
 * The pre-tokenizer a `tokenizer.ggml.pre` name selects, as llama.cpp does; an absent name
 * (`undefined`) is llama.cpp's "default". `undefined` for a name llama.cpp does not know.
 *
 * @example
 * ```ts
 * ggufPreTokenizer("llama-bpe")?.ignoreMerges; // true
 * ggufPreTokenizer("qwen2")?.regexes.length; // 1
 * ggufPreTokenizer("nonesuch"); // undefined
 * ```
 */
export function ggufPreTokenizer(name: string | undefined): GgufPreTokenizer | undefined {
  const row = TABLE.find((r) => r.names.includes(name ?? "default"));
  if (row === undefined) return undefined;
  return {
    kind: row.kind,
    regexes: row.regexes,
    ignoreMerges: row.ignoreMerges ?? false,
    addBos: row.addBos ?? false,
    noBos: row.noBos ?? false,
  };
}
