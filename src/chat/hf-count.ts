/**
 * Counting the tokens of a conversation the way transformers'
 * `apply_chat_template(..., tokenize=True)` does: render the template, then encode the text
 * with `add_special_tokens=False`, because the template already wrote BOS and friends.
 */
import type { Tokenizer } from "../core/tokenizer.js";
import {
  type ChatTemplateVariables,
  renderChatTemplate,
  TemplateLimitError,
  TemplateRaisedError,
} from "./render.js";
import { selectChatTemplate, specialTokenStrings } from "./template-config.js";
import type { ChatMessage } from "./types.js";

/** Options of {@link countChatTokens} and {@link applyChatTemplate}. */
export interface ChatTemplateOptions {
  /** Parsed tokenizer_config.json: the template and the special-token strings come from it. */
  config?: Readonly<Record<string, unknown>> | null;
  /** A template to use instead of the config's (the special tokens still come from the config). */
  template?: string;
  /** Which of the config's named templates (`chat_template` as a list); default "default". */
  templateName?: string;
  /** Default true here, unlike transformers: counting a prompt usually means "before the reply". */
  addGenerationPrompt?: boolean;
  tools?: readonly unknown[] | null;
  documents?: readonly unknown[] | null;
  /** Fixes `strftime_now`, for reproducible renderings. */
  now?: Date;
  /** More template variables (`enable_thinking`...); they override the special-token strings. */
  extra?: Record<string, unknown>;
}

/** A rendered conversation. */
export interface RenderedChat {
  text: string;
  /** Where the template came from: "chat_template", a named entry, or "custom". */
  templateSource: string;
}

/**
 * Renders a conversation with a tokenizer_config.json's chat template (or `options.template`).
 * Messages go to the template as they are, content lists of parts included (`[{type: "text",
 * text}]`), as transformers passes them: templates that iterate over parts (Gemma 3) take them,
 * templates written for strings fail with an error that says so. Throws when there is no
 * template to use.
 *
 * @example
 * const config = { chat_template: "{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}" };
 * applyChatTemplate([{ role: "user", content: "Hi" }], { config }).text; // "<user>Hi"
 */
export function applyChatTemplate(
  messages: readonly ChatMessage[],
  options: ChatTemplateOptions = {},
): RenderedChat {
  let template: string;
  let templateSource: string;
  if (options.template !== undefined) {
    template = options.template;
    templateSource = "custom";
  } else {
    const selected = selectChatTemplate(options.config, options.templateName);
    if (selected === null) {
      throw new Error("this tokenizer has no chat_template in tokenizer_config.json; pass a template");
    }
    template = selected.template;
    templateSource = selected.name;
  }
  const variables: ChatTemplateVariables = {
    ...specialTokenStrings(options.config),
    ...options.extra,
    messages,
    add_generation_prompt: options.addGenerationPrompt ?? true,
    tools: options.tools ?? null,
    documents: options.documents ?? null,
    now: options.now,
  };
  try {
    return { text: renderChatTemplate(template, variables), templateSource };
  } catch (e) {
    throw explainRenderError(e, messages, templateSource);
  }
}

/**
 * A template's failure, said so: its own `raise_exception` message and the limits' as they are;
 * another error (the template used a value in a way it does not support) gets the template's
 * name, and when a message's content is a list of parts, that this is likely why: the list is
 * passed to the template as it is, as transformers passes it, and a template written for text
 * cannot use it.
 */
function explainRenderError(e: unknown, messages: readonly ChatMessage[], source: string): Error {
  if (e instanceof TemplateRaisedError || e instanceof TemplateLimitError || !(e instanceof Error)) {
    return e as Error;
  }
  const listed = messages.findIndex((m) => Array.isArray(m.content));
  const hint =
    listed < 0
      ? ""
      : `; messages[${listed}].content is a list of parts, which this template does not take ` +
        "(the list reaches the template as it is, as in transformers): give the content as a string";
  return new Error(`the chat template (${source}) failed: ${e.message}${hint}`, { cause: e });
}

/** What {@link countChatTokens} returns: the count and what it counted. */
export interface ChatTokenCount extends RenderedChat {
  tokens: number;
}

/**
 * The number of tokens a model sees for a conversation: `len(tokenizer.apply_chat_template(
 * messages, tokenize=True, add_generation_prompt=True))` in transformers terms.
 *
 * @example
 * const tok = loadTokenizerJson(readFileSync("tokenizer.json", "utf8"));
 * const config = JSON.parse(readFileSync("tokenizer_config.json", "utf8"));
 * countChatTokens(tok, [{ role: "user", content: "Hello!" }], { config }).tokens;
 */
export function countChatTokens(
  tokenizer: Tokenizer,
  messages: readonly ChatMessage[],
  options: ChatTemplateOptions = {},
): ChatTokenCount {
  const rendered = applyChatTemplate(messages, options);
  // The template wrote the special tokens as text: they are recognised, as transformers does.
  return { ...rendered, tokens: tokenizer.count(rendered.text, { allowedSpecial: "all" }) };
}
