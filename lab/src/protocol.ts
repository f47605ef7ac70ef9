/** Messages between the page and the tokenizer worker (worker.ts). */
import type { VocabularyAudit } from "../../src/analyze/audit.js";
import type { ReportCompare } from "../../src/report/types.js";
import type { TrainSettings } from "./train.js";

/** Where a panel's tokenizer comes from. */
export type TokenizerSource =
  | { readonly kind: "builtin"; readonly name: string }
  | {
      readonly kind: "file";
      readonly name: string;
      readonly bytes: Uint8Array;
      /** A model folder's tokenizer_config.json and chat_template.jinja, opened with it. */
      readonly chatConfig?: string;
      readonly chatTemplate?: string;
    }
  | { readonly kind: "json"; readonly name: string; readonly json: string };

/** What the page knows of a loaded tokenizer. */
export interface TokenizerSummary {
  readonly name: string;
  readonly format: string;
  readonly vocabSize: number;
  readonly specials: number;
  readonly chat: string;
}

/** An encoding of the text by one tokenizer, with each token's UTF-16 span. */
export interface Encoded {
  readonly ids: Uint32Array;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  /** Milliseconds the worker spent encoding. */
  readonly ms: number;
  /** UTF-16 length of the text encoded (tests wait for the panel to show the current text). */
  readonly chars: number;
  /** UTF-8 bytes and code points of the text (counted here, off the main thread). */
  readonly bytes: number;
  readonly codePoints: number;
}

/** One token, for hover and the ids view. */
export interface TokenDetails {
  readonly id: number;
  readonly piece: string;
  /** Its bytes in hex (`e6 97 a5`). */
  readonly hex: string;
  /** Its bytes as text where they are UTF-8, `\xAB` where not. */
  readonly text: string;
  readonly form: string;
}

export interface ChatMessageIn {
  readonly role: string;
  readonly content: string;
}

export interface ChatResult {
  readonly tokens: number;
  readonly contentTokens: number;
  readonly overhead: number;
  readonly templateSource: string;
  /** The rendered prompt, when the layout renders one (templates, harmony). */
  readonly rendered: string | null;
}

export interface Chunk {
  readonly text: string;
  readonly tokens: number;
}

export interface AuditTokenRow {
  readonly id: number;
  readonly piece: string;
  readonly text: string;
  readonly classes: string[];
}

export interface AuditResult {
  readonly audit: VocabularyAudit;
  readonly rows: AuditTokenRow[];
}

export interface ParityOut {
  readonly reference: string;
  readonly premiums: Record<string, number>;
  readonly tokens: Record<string, number>;
  readonly excluded: string[];
}

export type Request =
  | { readonly op: "load"; readonly key: string; readonly source: TokenizerSource }
  | { readonly op: "drop"; readonly key: string }
  | {
      readonly op: "encode";
      readonly keys: readonly string[];
      readonly text: string;
      readonly special: boolean;
    }
  | { readonly op: "details"; readonly key: string; readonly ids: readonly number[] }
  | { readonly op: "budget"; readonly key: string; readonly text: string; readonly max: number }
  | { readonly op: "chat"; readonly key: string; readonly messages: readonly ChatMessageIn[] }
  | {
      readonly op: "corpus";
      readonly keys: readonly string[];
      readonly content: string;
      readonly source: string;
    }
  | { readonly op: "train"; readonly text: string; readonly settings: TrainSettings }
  | { readonly op: "audit"; readonly key: string }
  | { readonly op: "parity"; readonly key: string; readonly texts: Record<string, string> };

export interface Results {
  load: TokenizerSummary;
  drop: null;
  encode: Record<string, Encoded | { error: string }>;
  details: TokenDetails[];
  budget: Chunk[];
  chat: ChatResult;
  corpus: ReportCompare;
  train: { json: string; vocabSize: number; merges: number };
  audit: AuditResult;
  parity: ParityOut;
}

/** Page → worker. */
export interface RequestMessage {
  readonly id: number;
  readonly request: Request;
}

/** Worker → page: a result, an error, or progress of a long request. */
export type ResponseMessage =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string }
  | {
      readonly id: number;
      readonly progress: { readonly done: number; readonly total: number; readonly phase: string };
    };
