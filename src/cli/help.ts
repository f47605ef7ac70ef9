/** The CLI's usage text. Keep in step with README.md. */
export const HELP = `toklab — run, count and compare LLM tokenizers

Usage:
  toklab                                  count the built-in sample with every built-in encoding
  toklab sample [-t NAME,...] [--json]    the same, for chosen tokenizers
  toklab encode -t TOKENIZER [FILE]       print token ids (stdin when no FILE)
  toklab decode -t TOKENIZER [FILE]       ids (JSON array or whitespace/comma separated) to text
  toklab count  -t TOKENIZER [FILE...]    token counts; the last line is the total
  toklab list                             built-in encodings

TOKENIZER is a built-in encoding name (r50k_base, p50k_base, p50k_edit, cl100k_base,
o200k_base, o200k_harmony), a model name (gpt-4o, gpt-4, ...), or a path to a .tiktoken
rank file (named after a built-in encoding, or with --preset or --pattern).

Options:
  -t, --tokenizer T   the tokenizer (required except for sample/list)
  --jsonl             encode: each input line is a JSON string, each output line its ids;
                      decode: each input line is a JSON array of ids, each output line a JSON string
  --allow-special     special-token text becomes special tokens (default: ordinary text)
  --json              count/sample: machine-readable output
  --preset NAME       for a .tiktoken file: the built-in encoding whose pattern and specials to use
  --pattern REGEX     for a .tiktoken file: the pretokenization pattern (tiktoken syntax)
  -h, --help          this text
  -v, --version       toklab's version
`;
