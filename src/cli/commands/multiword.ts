import { basename, dirname } from "node:path";
import { addMultiwordTokens, chooseMultiwords, encodeMultiword } from "../../adapt/multiword.js";
import { ORDINARY } from "../../core/tokenizer.js";
import { loadTokenizerJson } from "../../formats/hf/tokenizer-json.js";
import { checkOutputFile, writeFilesAtomically } from "../../node/atomic-files.js";
import { readFileCapped } from "../../node/read-file.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { decodeUtf8Strict, writeOut } from "../io.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";
import { integerOption, readExamples } from "./adapt-input.js";

/**
 * `toklab multiword -t TOKENIZER.json --corpus FILE --top K [--max-n 3] --out OUT.json [--json]`:
 * multi-word tokens (Gee et al. 2023; docs/adapt.md).
 */
export async function multiwordCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("multiword"));
  if (positionals.length > 0) throw new CliError(`multiword: unexpected argument "${positionals[0]}"`, 2);
  const spec = values.tokenizer as string | undefined;
  const corpus = values.corpus as string | undefined;
  const outPath = values.out as string | undefined;
  if (spec === undefined || corpus === undefined || outPath === undefined || values.top === undefined) {
    throw new CliError("multiword: give -t TOKENIZER.json, --corpus FILE, --top K and --out OUT.json", 2);
  }
  const top = integerOption("--top", values.top, 0, 1);
  const maxN = integerOption("--max-n", values["max-n"], 3, 2);
  if (!/\.json$/i.test(spec)) {
    throw new CliError(`multiword: -t must be a tokenizer.json file (the output is one), got "${spec}"`, 2);
  }
  try {
    await checkOutputFile(outPath);
  } catch (e) {
    throw new CliError((e as Error).message, 1);
  }
  const tok = await resolveTokenizer(spec, tokenizerOptions(values));
  let json: unknown;
  try {
    json = JSON.parse(decodeUtf8Strict(await readFileCapped(spec, { what: "tokenizer.json" }), spec));
  } catch (e) {
    throw new CliError(`${spec}: ${(e as Error).message}`, 1);
  }
  const examples = await readExamples(corpus, values.field as string | undefined);
  if (examples.length === 0) throw new CliError(`${corpus}: no text (no non-empty line)`, 1);
  const ngrams = chooseMultiwords(tok, examples, top, { maxN });
  const { json: out, ids } = addMultiwordTokens(
    json,
    ngrams.map((g) => g.text),
  );
  const before = examples.reduce((s, t) => s + tok.count(t), 0);
  // Fewer than K when fewer n-grams occur twice.
  const steps = [...new Set([1, 10, 100, 1000, 10000, ids.size].filter((k) => k <= ids.size))].sort(
    (a, b) => a - b,
  );
  const reductions = steps.map((k) => {
    const table = new Map([...ids].slice(0, k));
    const after = examples.reduce((s, t) => s + encodeMultiword(tok, t, table).length, 0);
    return { k, tokens: after, reduction: before === 0 ? 0 : 1 - after / before };
  });
  // The written file as Hugging Face runs it: its added tokens also match an n-gram followed by
  // more letters (docs/adapt.md), so its count can differ from the merge's.
  const written = loadTokenizerJson(out, { name: outPath });
  const fileTokens = examples.reduce((s, t) => s + written.count(t, ORDINARY), 0);
  try {
    await writeFilesAtomically(dirname(outPath), [
      { name: basename(outPath), data: `${JSON.stringify(out, null, 2)}\n` },
    ]);
  } catch (e) {
    throw new CliError(`cannot write ${outPath}: ${(e as Error).message}`, 1);
  }
  if (values.json) {
    await writeOut(
      `${JSON.stringify(
        {
          tokenizer: spec,
          out: outPath,
          added: [...ids].map(([text, id]) => ({
            id,
            text,
            count: ngrams.find((g) => g.text === text)?.count,
          })),
          tokens_before: before,
          reductions,
          file_tokens: fileTokens,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  await writeOut(
    `${outPath}: ${spec} with ${ids.size} multi-word tokens (ids from ${ids.size > 0 ? Math.min(...ids.values()) : "-"}; n-grams of 2 to ${maxN} words)\n` +
      reductions
        .map((r) => `  K=${r.k}: ${before} → ${r.tokens} tokens (${(100 * r.reduction).toFixed(1)}% shorter)`)
        .join("\n") +
      `\n  the file, as Hugging Face matches added tokens: ${before} → ${fileTokens} tokens\n`,
  );
}
