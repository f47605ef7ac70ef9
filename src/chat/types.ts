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
    if (Array.isArray(m.content)) {
      m.content.forEach((part, j) => {
        if (
          part === null ||
          typeof part !== "object" ||
          Array.isArray(part) ||
          typeof part.type !== "string"
        ) {
          throw new TypeError(
            `messages[${i}].content[${j}]: expected a part, an object with a string "type"`,
          );
        }
      });
    } else if (m.content !== undefined && m.content !== null && typeof m.content !== "string") {
      throw new TypeError(`messages[${i}].content: expected a string or a list of parts`);
    }
  });
  if (conversation.tools !== undefined && !Array.isArray(conversation.tools)) {
    throw new TypeError("tools: expected an array");
  }
  return conversation;
}

/**
 * The texts of a message's content: the string itself, or the `text` of each part of a list
 * (OpenAI's `[{type: "text", text: "..."}]`). A part of another type (an image, audio, a file)
 * has no text to count: a `TypeError` naming it. `where` names the message in messages
 * (`messages[2]`).
 *
 * @example
 * contentTexts([{ type: "text", text: "Hi" }, { type: "text", text: "there" }], "messages[0]"); // ["Hi", "there"]
 * contentTexts("Hi", "messages[0]"); // ["Hi"]
 */
export function contentTexts(content: ChatMessage["content"], where: string): string[] {
  if (content === undefined || content === null) return [];
  if (typeof content === "string") return [content];
  return content.map((part, j) => {
    if (part.type === "text" && typeof part.text === "string") return part.text;
    if (part.type === "text")
      throw new TypeError(`${where}.content[${j}]: a text part without a string "text"`);
    throw new TypeError(
      `${where}.content[${j}]: a "${String(part.type)}" part; only text parts ({"type": "text", "text": ...}) can be counted here`,
    );
  });
}
