/**
 * The shapes of a conversation, as the OpenAI chat API and Hugging Face chat templates take it.
 * Messages stay open records: templates read whatever fields they know (`tool_calls`,
 * `reasoning_content`, multimodal `content` lists...), so toklab passes them through untouched.
 */

/** One message: a role and its content, plus any fields a template or API reads. */
export interface ChatMessage {
  role: string;
  /** Text, or a list of parts (`{type: "text", text}`...) for templates that accept them. */
  content?: string | ReadonlyArray<Record<string, unknown>> | null;
  /** OpenAI's optional participant name. */
  name?: string;
  [field: string]: unknown;
}

/** A conversation file: a bare message list, or an object with messages and optional tools. */
export interface Conversation {
  messages: ChatMessage[];
  tools?: unknown[];
  documents?: unknown[];
}

/**
 * Accepts the two conversation shapes (`[...messages]` or `{messages, tools?, documents?}`) and
 * checks that every message has a string role, so a malformed file fails here with a clear
 * message rather than deep inside a template.
 *
 * @example
 * parseConversation([{ role: "user", content: "hi" }]).messages.length; // 1
 */
export function parseConversation(value: unknown): Conversation {
  const conversation: Conversation = Array.isArray(value)
    ? { messages: value as ChatMessage[] }
    : (value as Conversation);
  if (conversation === null || typeof conversation !== "object" || !Array.isArray(conversation.messages)) {
    throw new TypeError("a conversation is a JSON array of messages or an object with a messages array");
  }
  conversation.messages.forEach((m, i) => {
    if (m === null || typeof m !== "object" || typeof m.role !== "string") {
      throw new TypeError(`messages[${i}]: expected an object with a string "role"`);
    }
  });
  if (conversation.tools !== undefined && !Array.isArray(conversation.tools)) {
    throw new TypeError("tools: expected an array");
  }
  return conversation;
}
