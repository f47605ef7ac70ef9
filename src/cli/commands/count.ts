import { stat } from "node:fs/promises";
import type { EncodeOptions, Tokenizer } from "../../core/tokenizer.js";
import { codePointLength, utf8Length } from "../../eval/text.js";
import {
  CountThreads,
  canCountInParts,
  countInParallel,
  defaultCountThreads,
  PARALLEL_MIN_CHARS,
  type TokenizerSource,
} from "../../node/count-parallel.js";
import { intOption, parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { readTextInput, writeOut } from "../io.js";
import { Progress } from "../progress.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";
import { CHAT_ONLY_OPTIONS, chatCountCommand } from "./chat.js";
import { inputSource, specialOptions } from "./encode.js";

/** What `count --json` reports for one input. */
export interface CountRow {
  file: string;
  tokens: number;
  bytes: number;
  chars: number;
}

/**
 * `toklab count -t T [FILE...]`: one `tokens<TAB>file` line per file when there are several,
 * and always, as the last line of stdout, the total as a plain integer. `--json` prints one
 * JSON object with per-file rows and the total instead. `--text TEXT` counts TEXT. `--chat`
 * counts conversations instead (see chat.ts).
 */
export async function countCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("count"));
  const chatOnly = CHAT_ONLY_OPTIONS.filter((o) => values[o] !== undefined);
  if (values.chat === true) {
    if (values.workers !== undefined) throw new CliError("count: --workers does not apply to --chat", 2);
    const plainOnly = ["allow-special", "add-special"].filter((o) => values[o] !== undefined);
    if (plainOnly.length > 0) {
      throw new CliError(
        `count: --${plainOnly[0]} does not apply to --chat (the template writes the special tokens, which are always recognised)`,
        2,
      );
    }
    // Conversations take a different count; chat.ts owns it.
    return chatCountCommand(values, positionals);
  }
  if (chatOnly.length > 0) throw new CliError(`count: --${chatOnly[0]} goes with --chat`, 2);
  const source = inputSource("count", values, positionals, { files: Number.POSITIVE_INFINITY });
  const workers = intOption("--workers", values.workers, { min: 0 }) ?? defaultCountThreads();
  const loadOptions = tokenizerOptions(values);
  const spec = values.tokenizer as string | undefined;
  const options = specialOptions(values);
  const text = source.text;
  const files = text === undefined ? source.files : ["<text>"];
  const sizes =
    text !== undefined
      ? [utf8Length(text)]
      : await Promise.all(
          files.map((f) =>
            f === "-"
              ? 0
              : stat(f).then(
                  (s) => s.size,
                  () => 0,
                ),
          ),
        );
  // A file large enough to be counted in parts (its UTF-8 bytes bound its UTF-16 length from
  // above): the workers start now, and load their tokenizers while this thread loads its own.
  const tokenizerSource = { spec: spec ?? "", options: { name: spec, ...loadOptions } };
  let threads =
    workers >= 2 && spec && sizes.some((n) => n >= PARALLEL_MIN_CHARS)
      ? CountThreads.start(tokenizerSource, workers)
      : undefined;
  try {
    const tok = await resolveTokenizer(spec, loadOptions);
    if (threads && !canCountInParts(tok)) {
      // A tokenizer whose texts cannot be cut (a tokenizer.json, a SentencePiece model...): its
      // workers would only load it.
      await threads.close();
      threads = undefined;
    }
    await countInputs(tok, files, sizes, text, values, options, {
      source: tokenizerSource,
      threads,
      threadCount: workers,
    });
  } finally {
    await threads?.close();
  }
}

/** Counts each input and prints the counts (see {@link countCommand}). */
async function countInputs(
  tok: Tokenizer,
  files: readonly string[],
  sizes: readonly number[],
  text: string | undefined,
  values: Record<string, unknown>,
  options: EncodeOptions,
  parallel: { source: TokenizerSource; threads: CountThreads | undefined; threadCount: number },
): Promise<void> {
  const progress = new Progress(
    "counting",
    sizes.reduce((a, b) => a + b, 0),
  );
  const label = (i: number) => (files.length > 1 ? `file ${i + 1}/${files.length}` : "");
  const rows: CountRow[] = [];
  let done = 0;
  for (let i = 0; i < files.length; i++) {
    const input = text ?? (await readTextInput(files[i]));
    // Specials are ordinary text unless --allow-special / --add-special.
    const fileBytes = sizes[i];
    const tokens = await countInParallel(
      tok,
      input,
      {
        ...options,
        onProgress: (pos) => progress.update(done + (fileBytes * pos) / Math.max(input.length, 1), label(i)),
      },
      parallel,
    );
    // Bytes and characters are only printed by --json; measuring 12 MB costs 80 ms otherwise.
    const json = values.json === true;
    rows.push({
      file: files[i] === "-" ? "<stdin>" : files[i],
      tokens,
      bytes: json ? utf8Length(input) : 0,
      chars: json ? codePointLength(input) : 0,
    });
    done += sizes[i];
    progress.update(done, label(i));
  }
  progress.done();
  const total = rows.reduce((a, r) => a + r.tokens, 0);
  if (values.json) {
    await writeOut(`${JSON.stringify({ tokenizer: values.tokenizer, files: rows, total })}\n`);
    return;
  }
  const lines = rows.length > 1 ? rows.map((r) => `${r.tokens}\t${r.file}`) : [];
  lines.push(String(total));
  await writeOut(`${lines.join("\n")}\n`);
}
