/**
 * `toklab count -t T --chat FILE...`: the tokens a model sees for conversations. Hugging Face
 * tokenizers render their chat template (tokenizer_config.json, or chat_template.jinja next to
 * it); `o200k_harmony` renders harmony; other OpenAI encodings use the Chat Completions
 * accounting of the OpenAI Cookbook. See docs/decisions/0013-chat-templates.md.
 */
import { type Conversation, countChat, parseConversation } from "../../chat/index.js";
import { findEncodingNameForModel, isEncodingName } from "../../encodings/index.js";
import type { OptionValues } from "../args.js";
import { CliError } from "../errors.js";
import { readTextInput, writeOut } from "../io.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { inputSource } from "./encode.js";

/** What `count --chat --json` reports for one conversation. */
export interface ChatCountRow {
  file: string;
  tokens: number;
  /** UTF-16 length of the rendered prompt; null for the OpenAI accounting, which renders none. */
  renderedChars: number | null;
  /** "chat_template", a named template, "custom" (--template-file),
   * "chat_template.jinja", "harmony" or "openai-cookbook". */
  templateSource: string;
}

/** The options of `count` that only `--chat` takes. */
export const CHAT_ONLY_OPTIONS = ["no-generation-prompt", "template", "template-file"] as const;

/**
 * Runs `count --chat` on arguments `count` parsed; the last stdout line is the total, as for
 * plain `count`. `--text` is one conversation's JSON.
 */
export async function chatCountCommand(values: OptionValues, positionals: readonly string[]): Promise<void> {
  const source = inputSource("count", values, positionals, { files: Number.POSITIVE_INFINITY });
  const spec = values.tokenizer as string | undefined;
  const tok = await resolveTokenizer(spec, tokenizerOptions(values));
  const templateFile = values["template-file"] as string | undefined;
  const template = templateFile === undefined ? undefined : await readTextInput(templateFile);
  // `-t gpt-4o` names the model, whose family picks the cookbook's constants.
  const model =
    spec !== undefined && !isEncodingName(spec) && findEncodingNameForModel(spec) !== undefined
      ? spec
      : undefined;
  const templateName = values.template as string | undefined;
  if (tok.chat.kind !== "template" && (template !== undefined || templateName !== undefined)) {
    throw new CliError(
      "--template and --template-file apply to tokenizers with a chat template (tokenizer.json)",
      2,
    );
  }
  const options = {
    addGenerationPrompt: values["no-generation-prompt"] !== true,
    template,
    templateName,
    model,
  };
  const files = source.text === undefined ? source.files : ["<text>"];
  const rows: ChatCountRow[] = [];
  for (const file of files) {
    const name = file === "-" ? "<stdin>" : file;
    const conversation = parseFile(source.text ?? (await readTextInput(file)), name);
    try {
      rows.push({ file: name, ...countChat(tok, conversation, options) });
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`${name}: ${(e as Error).message}`, 1);
    }
  }
  const total = rows.reduce((a, r) => a + r.tokens, 0);
  if (values.json) {
    await writeOut(`${JSON.stringify({ tokenizer: spec, chat: true, files: rows, total })}\n`);
    return;
  }
  const lines = rows.length > 1 ? rows.map((r) => `${r.tokens}\t${r.file}`) : [];
  lines.push(String(total));
  await writeOut(`${lines.join("\n")}\n`);
}

function parseFile(text: string, name: string): Conversation {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${name}: not JSON (${(e as Error).message})`, 1);
  }
  try {
    return parseConversation(json);
  } catch (e) {
    throw new CliError(`${name}: ${(e as Error).message}`, 1);
  }
}
