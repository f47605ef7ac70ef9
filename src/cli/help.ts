import { PRETOKENIZER_PRESETS } from "../core/pretokenize/presets.js";

/** One line per pretokenizer preset, from the table (so help and code cannot disagree). */
const PRESET_LINES = PRETOKENIZER_PRESETS.map((p) => {
  const notes = [
    ...(p.aliases.length > 0 ? [`also ${p.aliases.join(", ")}`] : []),
    ...(p.tiktokenPattern === null ? ["no single regex (no .tiktoken pattern)"] : []),
    ...(p.hfPreTokenizer === null ? ["no tokenizer.json form"] : []),
  ];
  const note = notes.length === 0 ? "" : `\n${" ".repeat(13)}${notes.join("; ")}`;
  return `  ${p.name.padEnd(10)} ${p.description}${note}`;
}).join("\n");

/** The CLI's usage text. Keep in step with README.md. */
export const HELP = `toklab — run, train, count and compare LLM tokenizers

Usage:
  toklab                                  count the built-in sample with every built-in encoding
  toklab sample [-t NAME,...] [--json]    the same, for chosen tokenizers
  toklab encode -t TOKENIZER [FILE]       print token ids (stdin when no FILE)
  toklab decode -t TOKENIZER [FILE]       ids (JSON array or whitespace/comma separated) to text
  toklab count  -t TOKENIZER [FILE...]    token counts; the last line is the total
  toklab count  -t TOKENIZER --chat CONVERSATION.json...
                                          tokens of conversations (JSON [{role, content}...] or
                                          {messages, tools?}): the HF chat template, harmony for
                                          o200k_harmony, OpenAI's per-message accounting otherwise
  toklab inspect -t TOKENIZER [--json]    pipeline, vocabulary size and special tokens
  toklab audit -t TOKENIZER [--json] [--examples N]   vocabulary audit: unreachable, partial UTF-8, scripts
  toklab list                             built-in encodings
  toklab train --input PATH... --vocab-size N --out DIR [--preset PRESET]
               [--algo bpe|superbpe|parity|char] [--numbers none|single|ltr3|rtl3] [--special T]...
                                          learn a BPE and write tokenizer.json, tokenizer.tiktoken,
                                          vocab.json + merges.txt and manifest.json (README "Train":
                                          --extend, --hf-compat, --lang/--dev, --max-token-chars...);
                                          --out must be new, empty or toklab's, else --force
  toklab compare -t A,B,... --corpus FILE... | --builtin [--json] [--baseline NAME]
                                          metrics of each tokenizer on a corpus (docs/metrics.md);
                                          FILE: plain text, or JSONL with text (and optional cat)
  toklab compare ... --html report.html   also write a self-contained report with charts (adds
                                          UDHR parity and the vocabulary audit of each tokenizer)
  toklab parity -t TOKENIZER [--corpus FILE] [--json]
                                          token premium of each language relative to English on
                                          parallel text (the UDHR, or JSONL {lang,text} / TSV)
  toklab domain -t A,B,... --domain NAME=FILE[,FILE]... [--terms NAME=FILE]... [--json]
                                          tokens of each domain's documents and of term lists
                                          (one term a line), % fewer tokens than --baseline
  toklab mixture -t TOKENIZER --category NAME=FILE[,FILE]... [--udhr CODE,...] [--json]
                 [--merges N] [--sample-bytes B]
                                          share of each category in the BPE tokenizer's training
                                          data, inferred from its merge list (docs/mixture.md);
                                          FILE: plain text; --udhr: UDHR translations as categories

TOKENIZER is a built-in encoding name (r50k_base, p50k_base, p50k_edit, cl100k_base,
o200k_base, o200k_harmony), a model name (gpt-4o, gpt-4, ...), a path to a .tiktoken rank
file (named after a built-in encoding, beside the manifest.json toklab train writes, or with
--preset or --pattern), or a Hugging Face tokenizer: a tokenizer.json file, a model directory
holding one, or hf:ORG/NAME[@REV] from the local hub cache (HF_HUB_CACHE, HF_HOME/hub or
~/.cache/huggingface/hub).

PRESET is a pretokenizer, by name or alias (train --preset, default gpt2; also --preset for a
.tiktoken file, see below):
${PRESET_LINES}

Options:
  -t, --tokenizer T   the tokenizer (required except for sample/list)
  --jsonl             encode: each input line is a JSON string, each output line its ids;
                      decode: each input line is a JSON array of ids, each output line a JSON string
  --allow-special     special-token text becomes special tokens (default: ordinary text, for
                      every format; added tokens that are not special are always recognised)
  --add-special       add the model's template tokens (Hugging Face post-processor: [CLS] ...
                      [SEP], <s>); with --allow-special, encode gives HF encode(text)
  --download          hf:ORG/NAME: fetch into the hub cache, or revalidate the cached copy
                      (HF_ENDPOINT overrides https://huggingface.co; HF_TOKEN is sent)
  --json              count/sample/compare/parity/mixture: machine-readable output
  --merges N          mixture: use the first N merges (default 30000 or all the tokenizer has)
  --sample-bytes B    mixture: read at most B bytes of each category (default: all)
  --chat              count: the inputs are conversations (see above)
  --no-generation-prompt  count --chat: leave out the assistant header that primes the reply
  --template NAME     count --chat: one of the named templates in tokenizer_config.json
  --template-file F   count --chat: a Jinja chat template to use instead of the tokenizer's
  --baseline NAME     compare: the -t tokenizer that normalized sequence length is measured
                      against (default: the first)
  --baseline A[,B]    domain: the -t tokenizers to count % fewer tokens against (default: the first)
  --alpha A           compare: Rényi order (default 2.5)
  --renyi-vocab       compare: normalise Rényi efficiency by the vocabulary size, not the
                      number of token types observed
  --segmenter S       compare: cut each piece with another segmenter over the same vocabulary:
                      bpe (the tokenizer's own), lbpe (longest token first), pathpiece (fewest
                      tokens), dropout (BPE-dropout), greedy (longest prefix); byte-level BPE only
  --dropout P         compare --segmenter dropout: the probability (default 0.1)
  --seed N            compare --segmenter dropout: the random seed (default 0)
  --reference LANG    parity: the reference language (default eng for the UDHR, else en/eng)
  --max-unknown F     parity: leave out languages with more unknown characters (default 0.1)
  --preset NAME       for a .tiktoken file: a built-in encoding's name gives its pattern and its
                      special tokens; a PRESET's name (o200k, qwen2, llama3...) gives its pattern
                      only, with no special tokens (gpt2 is the encoding)
  --pattern REGEX     for a .tiktoken file: the pretokenization pattern (tiktoken syntax)
  -h, --help          this text
  -v, --version       toklab's version
`;
