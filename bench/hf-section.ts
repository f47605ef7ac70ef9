/**
 * The Hugging Face section of `npm run bench`: toklab's HfTokenizer, the Rust binding
 * (`tokenizers`, the exactness reference) and tokenizers.js on real tokenizer.json files
 * (Llama 3, Qwen 3, Gemma 3, Llama 2), with the same corpus, children and tables as the OpenAI
 * section. Every comparison is against the binding's ids.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { HF_ADAPTERS } from "./adapters/hf-section.js";
import type { Corpus, CorpusSpec } from "./corpus.js";
import { runEdgeCases } from "./edge.js";
import { HF_MODEL_PATHS_ENV, type HfModelFiles, locateHfModel } from "./hf-models.js";
import { runLoad } from "./load.js";
import { log } from "./log.js";
import type { Options } from "./options.js";
import { runPathological } from "./pathological.js";
import type { EncodingResults, HfSectionResults } from "./results.js";
import { childEnv } from "./spawn.js";
import { referenceTokens, runThroughput } from "./throughput.js";

/** The exactness reference of this section. */
export const HF_REFERENCE = "hf-tokenizers";

/**
 * Issue 17's tokenizer.json models: also measured on short.jsonl (short strings per call, first
 * pass) against the binding. The others would only add minutes.
 */
export const HF_SHORT_MODELS: readonly string[] = ["llama3", "gemma3"];

export async function runHfSection(
  options: Options,
  spec: CorpusSpec,
  corpus: Corpus,
  short?: { spec: CorpusSpec; corpus: Corpus },
): Promise<HfSectionResults> {
  const docs = corpus.docs;
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  const files: Record<string, HfModelFiles> = {};
  for (const model of options.hfModels) files[model] = locateHfModel(model);
  childEnv[HF_MODEL_PATHS_ENV] = JSON.stringify(files);
  const libs = options.hfLibs;
  // The secondary repeat count: four models × five libraries must fit in the run's budget.
  const repeats = options.secondaryRepeats;
  const models: EncodingResults[] = [];
  for (const model of options.hfModels) {
    log(`Hugging Face section: ${model}`);
    const result: EncodingResults = { encoding: model, repeats, unsupported: [] };
    if (!options.skip.has("throughput")) {
      result.throughput = await runThroughput(libs, model, spec, docs, repeats, HF_REFERENCE);
      result.tokens = referenceTokens(result.throughput, docs, HF_REFERENCE);
    }
    if (!options.skip.has("edge")) result.edge = await runEdgeCases(libs, model, HF_REFERENCE);
    if (!options.skip.has("load")) result.load = await runLoad(libs, model, spec, options.loadRuns);
    if (!options.skip.has("patho")) {
      result.patho = await runPathological(
        libs,
        model,
        spec,
        options.pathoBytes,
        options.pathoTimeoutMs,
        options.pathoJobs,
        HF_REFERENCE,
      );
    }
    if (short && HF_SHORT_MODELS.includes(model) && !options.skip.has("throughput")) {
      log(`Hugging Face section: ${model} on short.jsonl`);
      const throughput = await runThroughput(
        libs,
        model,
        short.spec,
        short.corpus.docs,
        repeats,
        HF_REFERENCE,
      );
      result.short = { throughput, tokens: referenceTokens(throughput, short.corpus.docs, HF_REFERENCE) };
    }
    models.push(result);
  }
  return {
    date: new Date().toISOString(),
    durationS: (performance.now() - started) / 1000,
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
    argv: options.argv,
    versions: hfVersions(),
    adapters: HF_ADAPTERS.filter((a) => libs.includes(a.name)).map(
      ({ name, packageName, cacheNote, note }) => ({
        name,
        packageName,
        cacheNote,
        note,
      }),
    ),
    repeats,
    corpus: {
      source: corpus.source,
      quick: spec.quick,
      docs: docs.length,
      bytes: docs.reduce((n, d) => n + d.bytes, 0),
    },
    models,
  };
}

/** Versions of the section's packages, read from node_modules (some do not export package.json). */
function hfVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of HF_ADAPTERS) {
    const file = a.packageName ? `../node_modules/${a.packageName}/package.json` : "../package.json";
    try {
      out[a.name] = (
        JSON.parse(readFileSync(new URL(file, import.meta.url), "utf8")) as { version: string }
      ).version;
    } catch {
      out[a.name] = "not installed";
    }
  }
  return out;
}
