import { suggest } from "../../core/suggest.js";
import { DEFAULT_MAX_UNKNOWN, parity, paritySummary } from "../../eval/parity.js";
import { readParallelCorpus } from "../../node/parallel.js";
import { loadUdhr, UDHR_ENGLISH, type UdhrInfo, udhrLanguages } from "../../node/udhr.js";
import { oneOf, parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { writeOut } from "../io.js";
import { Progress } from "../progress.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";
import { wrap } from "../text.js";
import { table } from "./compare.js";

const SORTS = ["premium", "code", "name"] as const;

/**
 * `toklab parity -t T [--corpus FILE] [--reference LANG] [--max-unknown F] [--sort KEY] [--json]`:
 * the token premium of each language relative to English on parallel text (built-in UDHR by
 * default), with the udhr package's codes, ISO 639-3 codes and names, and a summary (median
 * premium, the five most expensive languages).
 */
export async function parityCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("parity"));
  if (positionals.length > 0) {
    throw new CliError(`parity: unexpected argument "${positionals[0]}" (a corpus goes in --corpus FILE)`, 2);
  }
  const name = values.tokenizer as string | undefined;
  if (name?.includes(",")) throw new CliError("parity: give one tokenizer with -t", 2);
  const maxUnknown =
    values["max-unknown"] === undefined ? DEFAULT_MAX_UNKNOWN : Number(values["max-unknown"]);
  if (!(maxUnknown >= 0 && maxUnknown <= 1)) throw new CliError("--max-unknown must be between 0 and 1", 2);
  const sort = oneOf("--sort", (values.sort as string | undefined) ?? "premium", SORTS);
  const tok = await resolveTokenizer(name, tokenizerOptions(values));
  const file = values.corpus as string | undefined;
  const texts = file === undefined ? await loadUdhr() : await readCorpus(file);
  const reference =
    (values.reference as string | undefined) ?? (file === undefined ? UDHR_ENGLISH : undefined);
  const info = new Map<string, UdhrInfo>(
    file === undefined ? (await udhrLanguages()).map((l) => [l.code, l]) : [],
  );
  if (reference !== undefined && !(reference in texts)) {
    throw new CliError(`--reference ${reference}: ${unknownLanguage(reference, texts, info)}`, 2);
  }
  let result: ReturnType<typeof parity>;
  let progress: Progress | undefined;
  try {
    result = parity(tok, texts, {
      reference,
      maxUnknown,
      onProgress: (done, total) => {
        progress ??= new Progress("parity", total, "languages");
        progress.update(done);
      },
    });
  } catch (e) {
    throw new CliError(`${file ?? "udhr"}: ${(e as Error).message}`, 1);
  } finally {
    progress?.done();
  }
  const summary = paritySummary(result);
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
      summary: {
        languages: summary.languages,
        median: summary.median,
        most_expensive: summary.mostExpensive,
      },
      // The udhr package's description of each code (the built-in corpus only).
      ...(file === undefined && {
        languages: Object.fromEntries(
          Object.keys(result.tokens).map((c) => {
            const l = info.get(c);
            return [c, { name: l?.name ?? "", iso6393: l?.iso6393 ?? "", bcp47: l?.bcp47 ?? "" }];
          }),
        ),
      }),
    };
    await writeOut(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const named = (c: string) => info.get(c)?.name ?? "";
  const langs = Object.keys(result.premiums).sort((a, b) => {
    if (sort === "code") return a < b ? -1 : 1;
    if (sort === "name") {
      return named(a).localeCompare(named(b), "en", { ignorePunctuation: true }) || (a < b ? -1 : 1);
    }
    return result.premiums[a] - result.premiums[b] || (a < b ? -1 : 1);
  });
  const udhr = file === undefined;
  const header = udhr
    ? ["code", "ISO 639-3", "name", "tokens", "premium"]
    : ["language", "tokens", "premium"];
  const body = langs.map((l) => [
    l,
    ...(udhr ? [info.get(l)?.iso6393 ?? "", named(l)] : []),
    String(result.tokens[l]),
    result.premiums[l].toFixed(3),
  ]);
  const lines = [
    `Parity of ${name} on ${file ?? "the UDHR"} (premium = tokens / tokens of ${info.has(result.reference) ? `${info.get(result.reference)!.name}, ${result.reference}` : result.reference})`,
    "",
    table([header, ...body], udhr ? 3 : 1),
    "",
  ];
  const numeric = udhr ? Object.keys(result.tokens).filter((c) => /^\d+$/.test(c)).length : 0;
  if (numeric > 0) {
    lines.push(
      wrap(
        `Codes are the udhr package's keys, the names of its declaration files; ${numeric} translations ` +
          "are keyed by a number there, not by a language code (as in UDHR in Unicode, where they come " +
          "from); the ISO 639-3 column gives their language (und: undetermined).",
        0,
      ),
    );
  }
  if (result.excluded.length > 0) {
    lines.push(`Left out (more than ${100 * maxUnknown}% unknown characters): ${result.excluded.join(", ")}`);
  }
  const top = summary.mostExpensive.map((e) => `${label(e.lang, info)} ${e.premium.toFixed(2)}`).join(", ");
  lines.push(
    wrap(
      `Median premium ${summary.median.toFixed(2)} over ${summary.languages} languages; most expensive: ${top}`,
      0,
    ),
  );
  await writeOut(`${lines.join("\n")}\n`);
}

/** `fra French`, or the code alone when it has no name. */
function label(code: string, info: ReadonlyMap<string, UdhrInfo>): string {
  const l = info.get(code);
  return l === undefined ? code : `${code} ${l.name}`;
}

/** Why a language code is not in the texts, with the closest codes and names. */
function unknownLanguage(
  code: string,
  texts: Readonly<Record<string, string>>,
  info: ReadonlyMap<string, UdhrInfo>,
): string {
  const wanted = code.toLowerCase();
  // Codes of the language first, numbered translations last (fra before 068).
  const byLanguage = Object.keys(texts)
    .filter((c) => {
      const l = info.get(c);
      return l !== undefined && (l.iso6393 === wanted || l.bcp47.toLowerCase() === wanted);
    })
    .sort((a, b) => Number(/^\d/.test(a)) - Number(/^\d/.test(b)));
  const close = byLanguage.length > 0 ? byLanguage.slice(0, 5) : suggestCodes(code, Object.keys(texts), info);
  const shown = close.map((c) => (info.has(c) ? `${c} (${info.get(c)!.name})` : c));
  return `no such language in the texts${close.length > 0 ? ` (did you mean ${shown.join(" or ")}?)` : ""}`;
}

function suggestCodes(code: string, codes: string[], info: ReadonlyMap<string, UdhrInfo>): string[] {
  const byName = codes.filter((c) => info.get(c)?.name.toLowerCase() === code.toLowerCase());
  if (byName.length > 0) return byName;
  return suggest(code, codes);
}

async function readCorpus(file: string): Promise<Record<string, string>> {
  try {
    return await readParallelCorpus(file);
  } catch (e) {
    // The message names the file (and line): a missing file, bad UTF-8 or a malformed row.
    throw new CliError((e as Error).message, 1);
  }
}
