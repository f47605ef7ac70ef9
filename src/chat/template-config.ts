/**
 * Reading a chat template and its special-token strings out of a parsed tokenizer_config.json.
 */

/** A template picked from tokenizer_config.json, with the name it was found under. */
export interface SelectedTemplate {
  template: string;
  /** "chat_template" for a single string, else the entry's name (e.g. "default", "tool_use"). */
  name: string;
}

/**
 * The chat template of a tokenizer_config.json. `chat_template` is either one string or, since
 * transformers 4.43, a list of `{name, template}`; from a list, `name` picks the entry and
 * "default" is used when no name is given (transformers' rule). Returns null when the config
 * has no template; throws when a requested name does not exist, listing the names there are.
 *
 * @example
 * selectChatTemplate({ chat_template: [{ name: "default", template: "{{ messages }}" }] });
 * // { template: "{{ messages }}", name: "default" }
 */
export function selectChatTemplate(
  config: Record<string, unknown> | null | undefined,
  name?: string,
): SelectedTemplate | null {
  const raw = config?.chat_template;
  if (raw === undefined || raw === null) return null;
  if (typeof raw === "string") {
    if (name !== undefined && name !== "default") {
      throw new Error(`tokenizer_config.json has a single chat_template, not one named "${name}"`);
    }
    return { template: raw, name: "chat_template" };
  }
  if (!Array.isArray(raw)) throw new Error("chat_template: expected a string or a list of {name, template}");
  const entries = raw as { name?: unknown; template?: unknown }[];
  const wanted = name ?? "default";
  const hit = entries.find((e) => e?.name === wanted);
  if (hit === undefined || typeof hit.template !== "string") {
    const names = entries.map((e) => String(e?.name)).join(", ");
    throw new Error(`no chat template named "${wanted}" in tokenizer_config.json (there are: ${names})`);
  }
  return { template: hit.template, name: wanted };
}

/** Special-token attributes transformers exposes to templates (its SPECIAL_TOKENS_ATTRIBUTES). */
const SPECIAL_TOKEN_ATTRIBUTES = [
  "bos_token",
  "eos_token",
  "unk_token",
  "sep_token",
  "pad_token",
  "cls_token",
  "mask_token",
] as const;

/**
 * The special-token strings a template sees, as transformers' `special_tokens_map` gives them:
 * each attribute that is set, as a plain string (tokenizer_config.json may store an
 * `{"__type": "AddedToken", "content": ...}` object instead, as DeepSeek V3's does), and
 * `additional_special_tokens` as a list of strings. Unset attributes are left out, so a
 * template's `bos_token is defined` test behaves as in Python.
 *
 * @example
 * specialTokenStrings({ bos_token: { content: "<s>" }, eos_token: "</s>", pad_token: null });
 * // { bos_token: "<s>", eos_token: "</s>" }
 */
export function specialTokenStrings(
  config: Record<string, unknown> | null | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!config) return out;
  for (const key of SPECIAL_TOKEN_ATTRIBUTES) {
    const text = tokenText(config[key]);
    if (text !== null) out[key] = text;
  }
  const extra = config.additional_special_tokens;
  if (Array.isArray(extra) && extra.length > 0) {
    out.additional_special_tokens = extra.map(tokenText).filter((t): t is string => t !== null);
  }
  return out;
}

function tokenText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { content?: unknown }).content === "string"
  ) {
    return (value as { content: string }).content;
  }
  return null;
}
