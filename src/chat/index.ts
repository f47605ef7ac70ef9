/**
 * `toklab/chat`: chat templates and chat token counting for any {@link Tokenizer}
 * (browser-safe): Hugging Face `chat_template` rendering with @huggingface/jinja, the OpenAI
 * Chat Completions accounting, and harmony; {@link countChat} picks by the tokenizer's format.
 *
 * @example
 * ```ts
 * import { getEncoding } from "toklab";
 * import { countOpenAIChat } from "toklab/chat";
 * countOpenAIChat(await getEncoding("o200k_base"), [{ role: "user", content: "Hello!" }]); // 9
 * ```
 */
export { type ChatCount, type CountChatOptions, countChat } from "./count.js";
export {
  countHarmonyChat,
  type HarmonyOptions,
  type HarmonyPart,
  type HarmonyRendering,
  type HarmonySystemOptions,
  renderHarmony,
} from "./harmony.js";
export {
  applyChatTemplate,
  type ChatTemplateOptions,
  type ChatTokenCount,
  countChatTokens,
  type RenderedChat,
} from "./hf-count.js";
export {
  type ChatMLOverhead,
  chatMLOverhead,
  countOpenAIChat,
  countOpenAITools,
  type OpenAIChatOptions,
  type OpenAITool,
} from "./openai.js";
export {
  type ChatTemplateVariables,
  renderChatTemplate,
  TEMPLATE_LIMITS,
  TemplateLimitError,
  TemplateRaisedError,
} from "./render.js";
export { type SelectedTemplate, selectChatTemplate, specialTokenStrings } from "./template-config.js";
export { type ChatMessage, type Conversation, contentTexts, parseConversation } from "./types.js";
