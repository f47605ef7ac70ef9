/**
 * The harmony chat format of the gpt-oss models (encoding `o200k_harmony`), rendered as
 * OpenAI's harmony renderer does (openai/harmony: docs/format.md and src/encoding.rs):
 *
 *     <|start|>{role}[:{name}][ to={recipient}][<|channel|>{channel}][ {content_type}]<|message|>{content}<|end|>
 *
 * A conversation opens with a system message (model identity, knowledge cutoff, date,
 * reasoning effort, valid channels); the usual "system prompt" goes in a developer message
 * under `# Instructions`. Assistant messages to a recipient end in `<|call|>`, tool outputs are
 * authored by the tool's name, and the prompt for a reply ends in `<|start|>assistant`.
 * Function-tool definitions (a TypeScript-like namespace in the developer message) are not
 * rendered here yet.
 */
import { ORDINARY, type Tokenizer } from "../core/tokenizer.js";
import { type ChatMessage, contentTexts } from "./types.js";

/** The fields of the harmony system message; `false` for none at all. */
export interface HarmonySystemOptions {
  /** Default "You are ChatGPT, a large language model trained by OpenAI." (harmony's advice). */
  modelIdentity?: string;
  /** Default "2024-06", the gpt-oss cutoff used throughout the harmony docs. */
  knowledgeCutoff?: string;
  /** `Current date:` line, e.g. "2025-06-28"; omitted when not given. */
  currentDate?: string;
  /** Default "medium" (the model's default effort). */
  reasoningEffort?: "low" | "medium" | "high";
  /** Default analysis, commentary, final, with "Channel must be included for every message." */
  channels?: readonly string[];
}

/** Options of {@link renderHarmony}. */
export interface HarmonyOptions {
  /** The system message's fields, or `false` to render none (for raw harmony conversations). */
  system?: HarmonySystemOptions | false;
  /** End with `<|start|>assistant`. Default true. */
  addGenerationPrompt?: boolean;
  /**
   * Drop earlier chain of thought once the assistant has answered on `final`, as the harmony
   * renderer's `auto_drop_analysis` (default true): analysis messages before the first final
   * message go when the last assistant message is final.
   */
  dropAnalysis?: boolean;
}

/** One piece of a rendering: a formatting token, or text encoded ordinarily on its own. */
export type HarmonyPart = { special: string } | { text: string };

/** A rendered harmony conversation: its text and the pieces it is encoded from. */
export interface HarmonyRendering {
  text: string;
  parts: HarmonyPart[];
}

const START = "<|start|>";
const END = "<|end|>";
const MESSAGE = "<|message|>";
const CHANNEL = "<|channel|>";
const CALL = "<|call|>";
const CONSTRAIN = "<|constrain|>";

/**
 * Renders a conversation in harmony. Message fields beyond role/content: `name` (the tool's
 * name on `tool` messages, else `role:name`), `channel` (assistant default "final"; tool
 * default "commentary"), `recipient` (tool messages default "assistant"), `content_type`
 * (e.g. "<|constrain|>json"). Messages with role "system" or "developer" become the developer
 * message's `# Instructions`. Content is a string or a list of text parts, whose texts are
 * written one after the other (harmony renders a message's contents in order).
 *
 * @example
 * renderHarmony([{ role: "user", content: "What is 2 + 2?" }], { system: false }).text;
 * // "<|start|>user<|message|>What is 2 + 2?<|end|><|start|>assistant"
 */
export function renderHarmony(
  messages: readonly ChatMessage[],
  options: HarmonyOptions = {},
): HarmonyRendering {
  const parts: HarmonyPart[] = [];
  if (options.system !== false) pushMessage(parts, "system", null, systemText(options.system ?? {}));
  const instructions = messages.filter((m) => m.role === "system" || m.role === "developer").map(textOf);
  if (instructions.length > 0) {
    pushMessage(parts, "developer", null, `# Instructions\n\n${instructions.join("\n\n")}`);
  }
  const turns = dropAnalysis(
    messages.filter((m) => m.role !== "system" && m.role !== "developer"),
    options.dropAnalysis ?? true,
  );
  for (const m of turns) pushTurn(parts, m);
  if (options.addGenerationPrompt ?? true) parts.push({ special: START }, { text: "assistant" });
  return { text: parts.map((p) => ("special" in p ? p.special : p.text)).join(""), parts };
}

/**
 * The exact token count of {@link renderHarmony}'s rendering with an `o200k_harmony`
 * encoding: formatting tokens count one each, every text piece is encoded ordinarily on its
 * own (so `<|end|>` typed in a message is text, as in the harmony renderer).
 *
 * @example
 * const enc = await getEncoding("o200k_harmony");
 * countHarmonyChat(enc, [{ role: "user", content: "What is 2 + 2?" }], { system: false }); // 14
 */
export function countHarmonyChat(
  encoding: Tokenizer,
  messages: readonly ChatMessage[],
  options: HarmonyOptions = {},
): number {
  let total = 0;
  for (const part of renderHarmony(messages, options).parts) {
    if ("special" in part) {
      if (!Object.hasOwn(encoding.specialTokens, part.special)) {
        throw new Error(`${encoding.name} has no harmony token ${part.special} (use o200k_harmony)`);
      }
      total += 1;
    } else {
      total += encoding.count(part.text, ORDINARY);
    }
  }
  return total;
}

function systemText(s: HarmonySystemOptions): string {
  const top = [s.modelIdentity ?? "You are ChatGPT, a large language model trained by OpenAI."];
  top.push(`Knowledge cutoff: ${s.knowledgeCutoff ?? "2024-06"}`);
  if (s.currentDate !== undefined) top.push(`Current date: ${s.currentDate}`);
  const channels = s.channels ?? ["analysis", "commentary", "final"];
  const sections = [top.join("\n"), `Reasoning: ${s.reasoningEffort ?? "medium"}`];
  if (channels.length > 0) {
    sections.push(`# Valid channels: ${channels.join(", ")}. Channel must be included for every message.`);
  }
  return sections.join("\n\n");
}

/** A message's content as one text: a string, or its text parts in order (as harmony renders a list of contents). */
function textOf(m: ChatMessage): string {
  if (typeof m.content === "string") return m.content;
  if (Array.isArray(m.content)) return contentTexts(m.content, `harmony: a ${m.role} message`).join("");
  throw new TypeError(`harmony: ${m.role} message content must be a string or a list of text parts`);
}

function pushMessage(parts: HarmonyPart[], role: string, channel: string | null, content: string): void {
  parts.push({ special: START }, { text: role });
  if (channel !== null) parts.push({ special: CHANNEL }, { text: channel });
  parts.push({ special: MESSAGE }, { text: content }, { special: END });
}

function field(m: ChatMessage, key: string): string | undefined {
  const v = m[key];
  return typeof v === "string" ? v : undefined;
}

function pushTurn(parts: HarmonyPart[], m: ChatMessage): void {
  const isTool = m.role === "tool";
  const name = field(m, "name");
  const recipient = field(m, "recipient") ?? (isTool ? "assistant" : undefined);
  const channel =
    field(m, "channel") ?? (m.role === "assistant" ? "final" : isTool ? "commentary" : undefined);
  const contentType = field(m, "content_type");
  parts.push({ special: START });
  if (isTool) {
    if (name === undefined)
      throw new TypeError('harmony: a tool message needs a "name" (e.g. functions.get_weather)');
    parts.push({ text: name });
  } else {
    parts.push({ text: m.role });
    if (name !== undefined) parts.push({ text: `:${name}` });
  }
  if (recipient !== undefined && recipient !== "all") parts.push({ text: ` to=${recipient}` });
  if (channel !== undefined) parts.push({ special: CHANNEL }, { text: channel });
  if (contentType !== undefined) {
    if (contentType.startsWith(CONSTRAIN)) {
      parts.push({ text: " " }, { special: CONSTRAIN });
      const rest = contentType.slice(CONSTRAIN.length);
      if (rest !== "") parts.push({ text: rest });
    } else {
      parts.push({ text: ` ${contentType}` });
    }
  }
  parts.push({ special: MESSAGE }, { text: textOf(m) });
  parts.push({ special: m.role === "assistant" && recipient !== undefined ? CALL : END });
}

function dropAnalysis(messages: readonly ChatMessage[], enabled: boolean): readonly ChatMessage[] {
  if (!enabled) return messages;
  const lastAssistant = [...messages].reverse().find((m) => m.role === "assistant");
  if (lastAssistant === undefined || channelOf(lastAssistant) !== "final") return messages;
  const firstFinal = messages.findIndex((m) => channelOf(m) === "final");
  return messages.filter((m, i) => !(i < firstFinal && channelOf(m) === "analysis"));
}

function channelOf(m: ChatMessage): string | undefined {
  return field(m, "channel") ?? (m.role === "assistant" ? "final" : undefined);
}
