/**
 * The lab's shareable state in the URL: `?t=o200k_base,cl100k_base&text=...&mode=compare`.
 * Built-in encodings only: a file opened from disk cannot travel in a link.
 */
import { isEncodingName } from "../../src/encodings/spec.js";

/** The lab's tabs. */
export const MODES = ["view", "compare", "chat", "budget", "train", "audit"] as const;
export type Mode = (typeof MODES)[number];

export interface LabState {
  readonly tokenizers: readonly string[];
  readonly text: string;
  readonly mode: Mode;
}

/** What a page opened without parameters shows. */
export const DEFAULT_STATE: LabState = {
  tokenizers: ["o200k_base", "cl100k_base"],
  text: "Hello world! Tokenizers split text into pieces: 日本語, emoji 👩‍👩‍👧, café.",
  mode: "view",
};

/**
 * The state a query string asks for; names that are not built-in encodings are dropped (and
 * listed in `ignored`), an unknown mode is the default one.
 *
 * @example
 * parseState("?t=cl100k_base&text=hi&mode=chat"); // { tokenizers: ["cl100k_base"], text: "hi", mode: "chat", ignored: [] }
 */
export function parseState(search: string): LabState & { ignored: string[] } {
  const params = new URLSearchParams(search);
  const t = params.get("t");
  const names = t === null ? [...DEFAULT_STATE.tokenizers] : t.split(",").filter((n) => n !== "");
  const ignored = names.filter((n) => !isEncodingName(n));
  const mode = params.get("mode");
  return {
    tokenizers: [...new Set(names.filter((n) => isEncodingName(n)))],
    text: params.get("text") ?? DEFAULT_STATE.text,
    mode: (MODES as readonly string[]).includes(mode ?? "") ? (mode as Mode) : "view",
    ignored,
  };
}

/**
 * The query string of a state (built-in encodings only; others are left out).
 *
 * @example
 * formatState({ tokenizers: ["o200k_base"], text: "a b", mode: "view" }); // "?t=o200k_base&text=a+b&mode=view"
 */
export function formatState(state: LabState): string {
  const params = new URLSearchParams();
  params.set("t", state.tokenizers.filter((n) => isEncodingName(n)).join(","));
  params.set("text", state.text);
  params.set("mode", state.mode);
  return `?${params.toString()}`;
}
