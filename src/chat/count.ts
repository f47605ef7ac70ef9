/**
 * Counting a conversation with any tokenizer: the tokenizer's {@link ChatFormat} says how its
 * model lays conversations out, and this picks the matching count.
 */
import type { Tokenizer } from "../core/tokenizer.js";
import { countHarmonyChat, renderHarmony } from "./harmony.js";
import { countChatTokens } from "./hf-count.js";
import { countOpenAIChat, type OpenAITool } from "./openai.js";
import type { Conversation } from "./types.js";

/** Options of {@link countChat}. */
export interface CountChatOptions {
  /** Count up to where the model starts its reply (default true). */
  readonly addGenerationPrompt?: boolean;
  /** A chat template to use instead of the tokenizer's own (template formats only). */
  readonly template?: string;
  /** Which named template of tokenizer_config.json (template formats only). */
  readonly templateName?: string;
  /** The OpenAI model whose cookbook constants apply (`gpt-4o`); default from the encoding. */
  readonly model?: string;
  /** Fixes `strftime_now` in templates, for reproducible renderings. */
  readonly now?: Date;
}

/** What {@link countChat} returns. */
export interface ChatCount {
  tokens: number;
  /** UTF-16 length of the rendered prompt; `null` for the OpenAI accounting, which renders none. */
  renderedChars: number | null;
  /**
   * Where the layout came from: "chat_template" or a named template of tokenizer_config.json,
   * "chat_template.jinja", "custom" (`options.template`), "harmony" or "openai-cookbook".
   */
  templateSource: string;
}

/**
 * The tokens a model sees for a conversation, by the tokenizer's chat format: its Jinja chat
 * template rendered and encoded as transformers does, OpenAI's harmony rendering, or the Chat
 * Completions accounting of the OpenAI Cookbook. Throws when the format is unknown or the
 * options do not apply to it.
 *
 * @example
 * ```ts
 * countChat(await loadTokenizer("gpt-4o"), { messages: [{ role: "user", content: "Hello!" }] }).tokens; // 9
 * ```
 */
export function countChat(
  tok: Tokenizer,
  conversation: Conversation,
  options: CountChatOptions = {},
): ChatCount {
  const chat = tok.chat;
  const generation = options.addGenerationPrompt ?? true;
  if (chat.kind !== "template" && (options.template !== undefined || options.templateName !== undefined)) {
    throw new Error("a chat template applies to tokenizers with a Jinja chat template (tokenizer.json)");
  }
  switch (chat.kind) {
    case "template": {
      const config = chat.config;
      const own =
        config?.chat_template === undefined || config.chat_template === null ? chat.template : undefined;
      const template = options.template ?? own;
      const counted = countChatTokens(tok, conversation.messages, {
        config,
        template,
        templateName: options.templateName,
        addGenerationPrompt: generation,
        tools: conversation.tools,
        documents: conversation.documents,
        now: options.now,
      });
      const templateSource =
        options.template !== undefined
          ? "custom"
          : template !== undefined
            ? "chat_template.jinja"
            : counted.templateSource;
      return { tokens: counted.tokens, renderedChars: counted.text.length, templateSource };
    }
    case "harmony": {
      if (conversation.tools !== undefined && conversation.tools.length > 0) {
        throw new Error("harmony: function tools are not rendered yet");
      }
      const harmony = { addGenerationPrompt: generation };
      const text = renderHarmony(conversation.messages, harmony).text;
      return {
        tokens: countHarmonyChat(tok, conversation.messages, harmony),
        renderedChars: text.length,
        templateSource: "harmony",
      };
    }
    case "openai": {
      const tokens = countOpenAIChat(tok, conversation.messages, {
        model: options.model,
        tools: conversation.tools as OpenAITool[] | undefined,
        replyPriming: generation,
      });
      return { tokens, renderedChars: null, templateSource: "openai-cookbook" };
    }
    default:
      throw new Error(`${tok.name}: no chat format is known for this tokenizer (give a template)`);
  }
}
