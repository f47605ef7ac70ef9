import { stat } from "node:fs/promises";
import { codePointLength, utf8Length } from "../../eval/text.js";
import { parseCommandArgs } from "../args.js";
import { readTextInput, writeOut } from "../io.js";
import { Progress } from "../progress.js";
import { resolveTokenizer, TOKENIZER_OPTIONS, tokenizerOptions } from "../resolve.js";
import { chatCountCommand, wantsChat } from "./chat.js";
import { specialOptions } from "./encode.js";

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
 * JSON object with per-file rows and the total instead. `--chat` counts conversations instead
 * (see chat.ts).
 */
export async function countCommand(argv: string[]): Promise<void> {
  // Conversations take different options and a different count; chat.ts owns them.
  if (wantsChat(argv)) return chatCountCommand(argv);
  const { values, positionals } = parseCommandArgs(argv, {
    ...TOKENIZER_OPTIONS,
    json: { type: "boolean" },
    "allow-special": { type: "boolean" },
    "add-special": { type: "boolean" },
  });
  const tok = await resolveTokenizer(values.tokenizer as string | undefined, tokenizerOptions(values));
  const options = specialOptions(values);
  const files = positionals.length > 0 ? positionals : ["-"];
  const sizes = await Promise.all(
    files.map((f) =>
      f === "-"
        ? 0
        : stat(f).then(
            (s) => s.size,
            () => 0,
          ),
    ),
  );
  const progress = new Progress(
    "counting",
    sizes.reduce((a, b) => a + b, 0),
  );
  const label = (i: number) => (files.length > 1 ? `file ${i + 1}/${files.length}` : "");
  const rows: CountRow[] = [];
  let done = 0;
  for (let i = 0; i < files.length; i++) {
    const text = await readTextInput(files[i]);
    // Specials are ordinary text unless --allow-special / --add-special.
    const fileBytes = sizes[i];
    const tokens = tok.count(text, {
      ...options,
      onProgress: (pos) => progress.update(done + (fileBytes * pos) / Math.max(text.length, 1), label(i)),
    });
    rows.push({
      file: files[i] === "-" ? "<stdin>" : files[i],
      tokens,
      bytes: utf8Length(text),
      chars: codePointLength(text),
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
