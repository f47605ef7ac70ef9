import type { HfTokenizer } from "../../core/hf/index.js";
import { parseCommandArgs } from "../args.js";
import { writeOut } from "../io.js";
import { resolveAnyTokenizer, TOKENIZER_OPTIONS, tiktokenOptions } from "../resolve.js";

/** What `inspect --json` prints. */
export interface InspectReport {
  tokenizer: string;
  kind: "tiktoken" | "huggingface";
  /** Stage → component (nested sequences in parentheses); `null` for an absent stage. */
  pipeline: Record<string, string | null>;
  vocabSize: number;
  specialTokens: Record<string, number>;
  /** Added tokens that are not special (Hugging Face only). */
  addedTokens?: Record<string, number>;
  truncation?: unknown;
  padding?: unknown;
}

/**
 * A component's type with the types of the components it holds, e.g.
 * `Sequence(Split, ByteLevel)`; found by looking for arrays of typed objects, so every
 * Sequence-like component (normalizers, pre-tokenizers, processors, decoders) is covered.
 */
function describe(component: unknown): string | null {
  if (component === null || component === undefined) return null;
  const c = component as Record<string, unknown>;
  const type = typeof c.type === "string" ? c.type : (c.constructor?.name ?? "?");
  for (const value of Object.values(c)) {
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v?.type === "string")) {
      return `${type}(${value.map((v) => describe(v)).join(", ")})`;
    }
  }
  return type;
}

function hfReport(spec: string, tok: HfTokenizer): InspectReport {
  const specialTokens: Record<string, number> = {};
  const addedTokens: Record<string, number> = {};
  for (const { id, token } of tok.addedVocabulary.entries()) {
    (token.special ? specialTokens : addedTokens)[token.content] = id;
  }
  return {
    tokenizer: spec,
    kind: "huggingface",
    pipeline: {
      normalizer: describe(tok.normalizer),
      pre_tokenizer: describe(tok.preTokenizer),
      model: tok.model.constructor.name,
      post_processor: describe(tok.postProcessor),
      decoder: describe(tok.decoder),
    },
    vocabSize: tok.vocabSize,
    specialTokens,
    addedTokens,
    truncation: tok.truncation,
    padding: tok.padding,
  };
}

/**
 * `toklab inspect -t T [--json]`: the pipeline of a tokenizer (for tokenizer.json: normalizer,
 * pre-tokenizer, model, post-processor, decoder), its vocabulary size and special tokens.
 */
export async function inspectCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(argv, { ...TOKENIZER_OPTIONS, json: { type: "boolean" } });
  const spec = values.tokenizer as string | undefined;
  const tok = await resolveAnyTokenizer(spec, tiktokenOptions(values));
  let report: InspectReport;
  if (tok.hf !== undefined) report = hfReport(spec!, tok.hf.tokenizer);
  else {
    const enc = tok.encoding!;
    report = {
      tokenizer: spec!,
      kind: "tiktoken",
      pipeline: { pattern: enc.pattern, model: "BPE (tiktoken ranks)" },
      vocabSize: enc.nVocab,
      specialTokens: { ...enc.specialTokens },
    };
  }
  if (values.json) {
    await writeOut(`${JSON.stringify(report)}\n`);
    return;
  }
  const lines = [`tokenizer: ${report.tokenizer} (${report.kind})`];
  for (const [stage, component] of Object.entries(report.pipeline))
    lines.push(`${stage}: ${component ?? "none"}`);
  lines.push(`vocab size: ${report.vocabSize}`);
  const specials = Object.entries(report.specialTokens);
  lines.push(`special tokens (${specials.length}):${specials.map(([t, id]) => ` ${t}=${id}`).join("")}`);
  const extra = Object.entries(report.addedTokens ?? {});
  if (extra.length > 0)
    lines.push(
      `added tokens (${extra.length}):${extra.map(([t, id]) => ` ${JSON.stringify(t)}=${id}`).join("")}`,
    );
  if (report.truncation) lines.push(`truncation: ${JSON.stringify(report.truncation)}`);
  if (report.padding) lines.push(`padding: ${JSON.stringify(report.padding)}`);
  await writeOut(`${lines.join("\n")}\n`);
}
