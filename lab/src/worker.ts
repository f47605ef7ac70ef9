/**
 * The lab's tokenizer worker: holds the loaded tokenizers and does every encoding, chunking,
 * chat count, corpus measurement, audit, parity and training run, so the page never blocks.
 * Requests are answered in order; the page sends an encode only when the previous one is done
 * (see client.ts), so a fast typist never queues stale work.
 */
import { auditVocabulary } from "../../src/analyze/audit.js";
import { classifyTokens } from "../../src/analyze/classify.js";
import { countChat } from "../../src/chat/count.js";
import { renderHarmony } from "../../src/chat/harmony.js";
import { applyChatTemplate } from "../../src/chat/hf-count.js";
import { Encoding } from "../../src/core/encoding.js";
import { emptyRecord } from "../../src/core/record.js";
import { ALL_SPECIAL, ORDINARY, type Tokenizer } from "../../src/core/tokenizer.js";
import { getEncoding } from "../../src/encodings/index.js";
import { corpusCategories, parseCorpus } from "../../src/eval/corpus.js";
import { corpusBytes, evaluateCorpora } from "../../src/eval/evaluate-corpus.js";
import { type Metrics, ratio } from "../../src/eval/metrics.js";
import { parity } from "../../src/eval/parity.js";
import { DEFAULT_RENYI_ALPHA } from "../../src/eval/renyi.js";
import { codePointLength, utf8Length } from "../../src/eval/text.js";
import { parseTokenizer } from "../../src/formats/load.js";
import type { ReportCompare, ReportNumbers } from "../../src/report/types.js";
import { encodeIncrementally, type Spans } from "./incremental.js";
import type {
  AuditResult,
  ChatResult,
  Chunk,
  Encoded,
  Request,
  RequestMessage,
  ResponseMessage,
  TokenDetails,
  TokenizerSource,
  TokenizerSummary,
} from "./protocol.js";
import { trainInPage } from "./train.js";

interface WorkerScope {
  postMessage(message: ResponseMessage, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<RequestMessage>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const tokenizers = new Map<string, Tokenizer>();
/** Built-in encodings: their pretokenizers allow re-encoding from the edit on (incremental.ts). */
const restartable = new Set<string>();
/** Each panel's last encoding, to restart from after an edit. */
const lastEncoding = new Map<string, { spans: Spans; special: boolean }>();

function tokenizer(key: string): Tokenizer {
  const tok = tokenizers.get(key);
  if (tok === undefined) throw new Error(`no tokenizer ${key} loaded`);
  return tok;
}

async function load(source: TokenizerSource): Promise<Tokenizer> {
  if (source.kind === "builtin") return getEncoding(source.name);
  if (source.kind === "json")
    return parseTokenizer(source.json, { name: source.name, format: "tokenizer.json" });
  const chat = {
    ...(source.chatConfig === undefined
      ? {}
      : { chatConfig: JSON.parse(source.chatConfig) as Record<string, unknown> }),
    ...(source.chatTemplate === undefined ? {} : { chatTemplate: source.chatTemplate }),
  };
  // A .tiktoken rank file names no pattern: complete it from its name when that is a built-in
  // encoding (cl100k_base.tiktoken), as `toklab` does for a file of that name.
  const base = source.name.replace(/\.tiktoken$/, "");
  const preset = source.name.endsWith(".tiktoken") ? base : undefined;
  return parseTokenizer(source.bytes, {
    name: source.name,
    ...chat,
    ...(preset === undefined ? {} : { preset }),
  });
}

function summary(tok: Tokenizer): TokenizerSummary {
  return {
    name: tok.name,
    format: tok.format,
    vocabSize: tok.vocabSize,
    specials: Object.keys(tok.specialTokens).length,
    chat: tok.chat.kind,
  };
}

function encode(key: string, text: string, special: boolean): Encoded {
  const tok = tokenizer(key);
  const t0 = performance.now();
  const options = special ? ALL_SPECIAL : ORDINARY;
  let spans: Spans;
  if (restartable.has(key)) {
    const last = lastEncoding.get(key);
    spans = encodeIncrementally(tok, last?.special === special ? last.spans : undefined, text, options);
    lastEncoding.set(key, { spans, special });
  } else {
    spans = { text, ...tok.encodeWithOffsets(text, options) };
  }
  return {
    ids: Uint32Array.from(spans.ids),
    starts: Uint32Array.from(spans.starts),
    ends: Uint32Array.from(spans.ends),
    ms: performance.now() - t0,
    chars: text.length,
    bytes: utf8Length(text),
    codePoints: codePointLength(text),
  };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Bytes as text, with each byte that is not part of valid UTF-8 written `\xAB` (never U+FFFD). */
export function readable(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    let out = "";
    for (let i = 0; i < bytes.length; ) {
      let n = 1;
      const b = bytes[i];
      if (b >= 0xc2 && b <= 0xdf) n = 2;
      else if (b >= 0xe0 && b <= 0xef) n = 3;
      else if (b >= 0xf0 && b <= 0xf4) n = 4;
      if (n > 1 && i + n <= bytes.length) {
        try {
          out += utf8.decode(bytes.subarray(i, i + n));
          i += n;
          continue;
        } catch {
          // not a whole character: escaped below
        }
      }
      out += b < 0x80 ? String.fromCharCode(b) : `\\x${b.toString(16).toUpperCase().padStart(2, "0")}`;
      i++;
    }
    return out;
  }
}

/**
 * A token's piece for display: tiktoken spells a piece as its bytes decoded lossily, so a byte
 * fragment's piece is "�"; show its bytes (`\xE2\x80`) instead.
 */
function shownPiece(piece: string, bytes: Uint8Array): string {
  return piece.includes("\uFFFD") ? readable(bytes) : piece;
}

function details(tok: Tokenizer, ids: readonly number[]): TokenDetails[] {
  return ids.map((id) => {
    const info = tok.token(id);
    const bytes = info?.bytes ?? new Uint8Array();
    return {
      id,
      piece: shownPiece(info?.piece ?? "", bytes),
      hex: Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" "),
      text: readable(bytes),
      form: info?.form ?? "?",
    };
  });
}

/**
 * Cuts `text` into chunks of at most `max` tokens each, at character boundaries: each chunk is
 * the longest prefix of the rest whose encoding (as a text of its own) fits.
 */
function budget(tok: Tokenizer, text: string, max: number): Chunk[] {
  if (!(Number.isInteger(max) && max > 0)) throw new Error("the budget must be a whole number of tokens ≥ 1");
  const chunks: Chunk[] = [];
  let rest = text;
  while (rest.length > 0) {
    let { prefixLength } = tok.encodeUpTo(rest, max, ORDINARY);
    // The prefix's tokens are those of the whole text; encoded alone it may take more (a merge
    // across the cut undone), so shrink until the chunk fits on its own.
    while (prefixLength > 0 && tok.count(rest.slice(0, prefixLength), ORDINARY) > max) {
      prefixLength--;
      if ((rest.charCodeAt(prefixLength) & 0xfc00) === 0xdc00) prefixLength--;
    }
    if (prefixLength === 0) {
      // One character needs more than `max` tokens: it goes alone rather than being cut.
      prefixLength = String.fromCodePoint(rest.codePointAt(0) ?? 0).length;
    }
    const piece = rest.slice(0, prefixLength);
    chunks.push({ text: piece, tokens: tok.count(piece, ORDINARY) });
    rest = rest.slice(prefixLength);
  }
  return chunks;
}

function chat(tok: Tokenizer, request: Request & { op: "chat" }): ChatResult {
  const messages = request.messages.map((m) => ({ role: m.role, content: m.content }));
  const conversation = { messages } as Parameters<typeof countChat>[1];
  const now = new Date(0);
  const counted = countChat(tok, conversation, { now });
  const contentTokens = messages.reduce((n, m) => n + tok.count(m.content, ORDINARY), 0);
  // The prompt the count is of, as countChat renders it (OpenAI's accounting renders none).
  let rendered: string | null = null;
  const format = tok.chat;
  if (format.kind === "harmony") rendered = renderHarmony(conversation.messages).text;
  else if (format.kind === "template") {
    const own =
      format.config?.chat_template === undefined || format.config.chat_template === null
        ? format.template
        : undefined;
    rendered = applyChatTemplate(conversation.messages, { config: format.config, template: own, now }).text;
  }
  return {
    tokens: counted.tokens,
    contentTokens,
    overhead: counted.tokens - contentTokens,
    templateSource: counted.templateSource,
    rendered,
  };
}

function numbers(m: Metrics, baselineTokens: number): ReportNumbers {
  return {
    tokens: m.tokens,
    bytes_per_token: m.bytesPerToken,
    chars_per_token: m.charsPerToken,
    fertility: m.fertility,
    continued_words: m.continuedWords,
    renyi_efficiency: m.renyiEfficiency,
    normalized_sequence_length: ratio(m.tokens, baselineTokens),
    unknown_char_rate: m.unknownCharRate,
    token_length_bytes: m.tokenLengthBytes,
  };
}

/** `toklab compare --json`'s data for a pasted or uploaded corpus, the first panel the baseline. */
function corpus(keys: readonly string[], content: string, source: string): ReportCompare {
  const toks = keys.map(tokenizer);
  const docs = parseCorpus(content, source);
  const evaluations = evaluateCorpora(toks, docs, { renyi: { alpha: DEFAULT_RENYI_ALPHA } });
  const base = evaluations[0];
  return {
    corpus: {
      source,
      documents: docs.length,
      bytes: corpusBytes(docs),
      chars: base.overall.chars,
      words: base.overall.words,
      categories: corpusCategories(docs),
    },
    baseline: toks[0].name,
    renyi: { alpha: DEFAULT_RENYI_ALPHA, normalisation: "observed types" },
    tokenizers: evaluations.map((e, i) => {
      const categories = emptyRecord<ReportNumbers>();
      for (const [cat, m] of Object.entries(e.categories)) {
        categories[cat] = numbers(m, base.categories[cat]?.tokens ?? 0);
      }
      return {
        name: toks[i].name,
        format: toks[i].format,
        ...numbers(e.overall, base.overall.tokens),
        categories,
      };
    }),
  };
}

/**
 * The audit (`toklab audit --json`'s numbers) and one row per token with its classes, named as
 * the audit's counts are: its verdict, and `partial_utf8`, `byte_fallback`,
 * `byte_fallback_duplicates`, `pretokenizer_unreachable` where they apply.
 */
function audit(tok: Tokenizer): AuditResult {
  const result = auditVocabulary(tok, { examples: 5 });
  const verdicts = classifyTokens(tok);
  const ordinaryBytes = new Set<number>();
  for (const v of verdicts) {
    if (v.token.form === "text" && v.token.bytes.length === 1) ordinaryBytes.add(v.token.bytes[0]);
  }
  const rows = verdicts.map((v) => {
    const classes: string[] = [v.class];
    if (v.partialUtf8) classes.push("partial_utf8");
    if (v.token.form === "byte") {
      classes.push("byte_fallback");
      if (ordinaryBytes.has(v.token.bytes[0])) classes.push("byte_fallback_duplicates");
    }
    if (v.token.form !== "special" && v.pieces !== null && v.pieces !== 1)
      classes.push("pretokenizer_unreachable");
    return {
      id: v.token.id,
      piece: shownPiece(v.token.piece, v.token.bytes),
      text: readable(v.token.bytes),
      classes,
    };
  });
  return { audit: result, rows };
}

async function handle(id: number, request: Request): Promise<{ result: unknown; transfer?: Transferable[] }> {
  const progress = (phase: string) => (done: number, total: number) =>
    scope.postMessage({ id, progress: { done, total, phase } });
  switch (request.op) {
    case "load": {
      const tok = await load(request.source);
      tokenizers.set(request.key, tok);
      // Re-encoding from an edited line on needs a pretokenizer known to start a piece after a
      // line feed (incremental.ts), and no special token that could straddle that point.
      if (
        tok instanceof Encoding &&
        tok.pretokenizer.lineCuts === true &&
        !Object.keys(tok.specialTokens).some((s) => s.includes("\n"))
      )
        restartable.add(request.key);
      return { result: summary(tok) };
    }
    case "drop":
      tokenizers.delete(request.key);
      restartable.delete(request.key);
      lastEncoding.delete(request.key);
      return { result: null };
    case "encode": {
      const out: Record<string, Encoded | { error: string }> = {};
      const transfer: Transferable[] = [];
      for (const key of request.keys) {
        try {
          const e = encode(key, request.text, request.special);
          out[key] = e;
          transfer.push(e.ids.buffer, e.starts.buffer, e.ends.buffer);
        } catch (error) {
          out[key] = { error: (error as Error).message };
        }
      }
      return { result: out, transfer };
    }
    case "details":
      return { result: details(tokenizer(request.key), request.ids) };
    case "budget":
      return { result: budget(tokenizer(request.key), request.text, request.max) };
    case "chat":
      return { result: chat(tokenizer(request.key), request) };
    case "corpus":
      return { result: corpus(request.keys, request.content, request.source) };
    case "train": {
      const { trained, json } = trainInPage(request.text, request.settings, progress("train"));
      return { result: { json, vocabSize: trained.tokens.length, merges: trained.merges.length } };
    }
    case "audit":
      return { result: audit(tokenizer(request.key)) };
    case "parity": {
      const r = parity(tokenizer(request.key), request.texts, { onProgress: progress("parity") });
      return {
        result: { reference: r.reference, premiums: r.premiums, tokens: r.tokens, excluded: r.excluded },
      };
    }
  }
}

scope.onmessage = (event) => {
  const { id, request } = event.data;
  handle(id, request).then(
    ({ result, transfer }) => scope.postMessage({ id, ok: true, result }, transfer ?? []),
    (error: unknown) =>
      scope.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
};
