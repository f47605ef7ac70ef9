import { DEFAULT_MAX_UNKNOWN, parity } from "../../eval/parity.js";
import { readParallelCorpus } from "../../node/parallel.js";
import { loadUdhr, UDHR_ENGLISH, udhrLanguages } from "../../node/udhr.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { writeOut } from "../io.js";
import { resolveTokenizer, TOKENIZER_OPTIONS, tokenizerOptions } from "../resolve.js";
import { table } from "./compare.js";

/**
 * `toklab parity -t T [--corpus FILE] [--reference LANG] [--max-unknown F] [--json]`: the token
 * premium of each language relative to English on parallel text (built-in UDHR by default).
 */
export async function parityCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(argv, {
    ...TOKENIZER_OPTIONS,
    corpus: { type: "string" },
    reference: { type: "string" },
    "max-unknown": { type: "string" },
    json: { type: "boolean" },
  });
  const name = values.tokenizer as string | undefined;
  if (name === undefined || name.includes(",")) throw new CliError("parity: give one tokenizer with -t", 2);
  const maxUnknown =
    values["max-unknown"] === undefined ? DEFAULT_MAX_UNKNOWN : Number(values["max-unknown"]);
  if (!(maxUnknown >= 0 && maxUnknown <= 1)) throw new CliError("--max-unknown must be between 0 and 1", 2);
  const tok = await resolveTokenizer(name, tokenizerOptions(values));
  const file = values.corpus as string | undefined;
  const texts = file === undefined ? await loadUdhr() : await readCorpus(file);
  const reference =
    (values.reference as string | undefined) ?? (file === undefined ? UDHR_ENGLISH : undefined);
  let result: ReturnType<typeof parity>;
  try {
    result = parity(tok, texts, { reference, maxUnknown });
  } catch (e) {
    throw new CliError(`${file ?? "udhr"}: ${(e as Error).message}`, 1);
  }
  if (values.json) {
    const out = {
      tokenizer: name,
      source: file ?? "udhr",
      reference: result.reference,
      max_unknown: maxUnknown,
      premiums: result.premiums,
      tokens: result.tokens,
      unknown_char_rate: result.unknownCharRate,
      excluded: result.excluded,
    };
    await writeOut(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const names = new Map(file === undefined ? (await udhrLanguages()).map((l) => [l.code, l.name]) : []);
  const langs = Object.keys(result.premiums).sort(
    (a, b) => result.premiums[a] - result.premiums[b] || (a < b ? -1 : 1),
  );
  const header = ["language", "name", "tokens", "premium"];
  const body = langs.map((l) => [
    l,
    names.get(l) ?? "",
    String(result.tokens[l]),
    result.premiums[l].toFixed(3),
  ]);
  const excluded =
    result.excluded.length > 0
      ? `\nLeft out (more than ${100 * maxUnknown}% unknown characters): ${result.excluded.join(", ")}\n`
      : "";
  await writeOut(
    `Parity of ${name} on ${file ?? "the UDHR"} (premium = tokens / tokens of ${result.reference})\n\n` +
      `${table([header, ...body])}\n${excluded}`,
  );
}

async function readCorpus(file: string): Promise<Record<string, string>> {
  try {
    return await readParallelCorpus(file);
  } catch (e) {
    // The message names the file (and line): a missing file, bad UTF-8 or a malformed row.
    throw new CliError((e as Error).message, 1);
  }
}
