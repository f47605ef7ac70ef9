/**
 * `toklab count -t T --chat FILE...`: the tokens a model sees for conversations. Hugging Face
 * tokenizers render their chat template (tokenizer_config.json, or chat_template.jinja next to
 * it); `o200k_harmony` renders harmony; other OpenAI encodings use the Chat Completions
 * accounting of the OpenAI Cookbook. See docs/decisions/0013-chat-templates.md.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  type Conversation,
  countChatTokens,
  countHarmonyChat,
  countOpenAIChat,
  type OpenAITool,
  parseConversation,
  renderHarmony,
} from "../../chat/index.js";
import { findEncodingNameForModel, isEncodingName } from "../../encodings/index.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { readTextInput, writeOut } from "../io.js";
import { type CliTokenizer, resolveAnyTokenizer, TOKENIZER_OPTIONS, tiktokenOptions } from "../resolve.js";

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

/** The options of `count --chat` (a superset of plain `count`'s, which it is delegated from). */
export const CHAT_OPTIONS = {
  ...TOKENIZER_OPTIONS,
  chat: { type: "boolean" },
  json: { type: "boolean" },
  "no-generation-prompt": { type: "boolean" },
  template: { type: "string" },
  "template-file": { type: "string" },
} as const;

/** True when a `count` command line asks for chat counting. */
export function wantsChat(argv: readonly string[]): boolean {
  return argv.includes("--chat");
}

/** Runs `count --chat`; the last stdout line is the total, as for plain `count`. */
export async function chatCountCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, CHAT_OPTIONS);
  const spec = values.tokenizer as string | undefined;
  const tok = await resolveAnyTokenizer(spec, tiktokenOptions(values));
  const templateFile = values["template-file"] as string | undefined;
  let template: { text: string; source: string } | undefined;
  if (templateFile !== undefined) template = { text: await readTextInput(templateFile), source: "custom" };
  else if (tok.hf !== undefined) {
    const text = jinjaFileTemplate(tok.hf.config, tok.hf.source);
    if (text !== undefined) template = { text, source: "chat_template.jinja" };
  }
  const opts: CountChatOptions = {
    spec,
    generationPrompt: values["no-generation-prompt"] !== true,
    templateName: values.template as string | undefined,
    template,
  };
  const files = positionals.length > 0 ? positionals : ["-"];
  const rows: ChatCountRow[] = [];
  for (const file of files) {
    const name = file === "-" ? "<stdin>" : file;
    const conversation = parseFile(await readTextInput(file), name);
    try {
      rows.push({ file: name, ...countConversation(tok, conversation, opts) });
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

interface CountChatOptions {
  spec: string | undefined;
  generationPrompt: boolean;
  templateName?: string;
  /** A template replacing the config's, and what to call it in --json. */
  template?: { text: string; source: string };
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

function countConversation(
  tok: CliTokenizer,
  conversation: Conversation,
  opts: CountChatOptions,
): Omit<ChatCountRow, "file"> {
  if (tok.hf !== undefined) {
    const counted = countChatTokens(tok.hf.tokenizer, conversation.messages, {
      config: tok.hf.config,
      template: opts.template?.text,
      templateName: opts.templateName,
      addGenerationPrompt: opts.generationPrompt,
      tools: conversation.tools,
      documents: conversation.documents,
    });
    const templateSource = opts.template?.source ?? counted.templateSource;
    return { tokens: counted.tokens, renderedChars: counted.text.length, templateSource };
  }
  const enc = tok.encoding!;
  if (opts.template !== undefined || opts.templateName !== undefined) {
    throw new CliError("--template and --template-file apply to Hugging Face tokenizers", 2);
  }
  if (enc.name === "o200k_harmony") {
    if (conversation.tools !== undefined && conversation.tools.length > 0) {
      throw new CliError("harmony: function tools are not rendered yet", 1);
    }
    const harmonyOpts = { addGenerationPrompt: opts.generationPrompt };
    const text = renderHarmony(conversation.messages, harmonyOpts).text;
    const tokens = countHarmonyChat(enc, conversation.messages, harmonyOpts);
    return { tokens, renderedChars: text.length, templateSource: "harmony" };
  }
  // `-t gpt-4o` names the model, whose family picks the cookbook's constants.
  const model =
    opts.spec !== undefined && !isEncodingName(opts.spec) && findEncodingNameForModel(opts.spec) !== null
      ? opts.spec
      : undefined;
  const tokens = countOpenAIChat(enc, conversation.messages, {
    model,
    tools: conversation.tools as OpenAITool[] | undefined,
    replyPriming: opts.generationPrompt,
  });
  return { tokens, renderedChars: null, templateSource: "openai-cookbook" };
}

/**
 * Newer model repositories keep the template in chat_template.jinja next to tokenizer.json
 * instead of tokenizer_config.json; use it when the config has none.
 */
function jinjaFileTemplate(config: Record<string, unknown> | null, source: string): string | undefined {
  if (config?.chat_template !== undefined && config.chat_template !== null) return undefined;
  const dir = existsSync(source) && statSync(source).isDirectory() ? source : dirname(source);
  const path = join(dir, "chat_template.jinja");
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}
