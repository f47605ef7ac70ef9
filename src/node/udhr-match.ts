/**
 * Finding the UDHR translation for a language code a user typed (`en`, `eng`, `zh`, `deu_1996`),
 * so that the declaration can stand in for a parallel text the user did not give (Parity-aware
 * BPE's dev set, decision 0035).
 */
import { loadUdhr, type UdhrInfo, udhrLanguages } from "./udhr.js";

/**
 * The UDHR codes that may stand for `lang`, best first: the UDHR code itself; else the
 * translations whose BCP 47 tag is `lang` (`fr` → `fra`), those whose code is their ISO 639-3
 * code first (the package also lists some by number, such as `068` for a second French one);
 * else those whose tag starts with `lang-` (`de` → `deu_1901`, `deu_1996`). Codes compare
 * case-insensitively.
 *
 * @example
 * udhrCandidates("fr", await udhrLanguages()); // ["fra", "068"]
 */
export function udhrCandidates(lang: string, all: readonly UdhrInfo[]): string[] {
  const want = lang.toLowerCase();
  const exact = all.filter((d) => d.code.toLowerCase() === want);
  if (exact.length > 0) return exact.map((d) => d.code);
  // A code of letters only is the plain ISO 639-3 one; numbered and suffixed codes are variants.
  const byPlainness = (list: UdhrInfo[]) =>
    [...list.filter((d) => /^[a-z]+$/.test(d.code)), ...list.filter((d) => !/^[a-z]+$/.test(d.code))].map(
      (d) => d.code,
    );
  const tagged = all.filter((d) => d.bcp47.toLowerCase() === want);
  if (tagged.length > 0) return byPlainness(tagged);
  return byPlainness(all.filter((d) => d.bcp47.toLowerCase().startsWith(`${want}-`)));
}

/** One language's stand-in text from {@link udhrTextsFor}. */
export interface UdhrStandIn {
  /** The UDHR code used. */
  readonly code: string;
  readonly text: string;
}

/**
 * The complete UDHR translation (all 30 articles) for each of `languages`, by
 * {@link udhrCandidates}' order. Throws an error naming every language that has none.
 *
 * @example
 * const texts = await udhrTextsFor(["en", "ru"]);
 * texts.get("ru")?.code; // "rus"
 */
export async function udhrTextsFor(languages: readonly string[]): Promise<Map<string, UdhrStandIn>> {
  const all = await udhrLanguages();
  const candidates = new Map(languages.map((l) => [l, udhrCandidates(l, all)] as const));
  const codes = [...new Set([...candidates.values()].flat())];
  // Loaded one by one: `loadUdhr` throws for an incomplete translation, and a candidate list
  // may hold one; the next candidate is then tried.
  const texts = new Map<string, string>();
  for (const code of codes) {
    try {
      texts.set(code, (await loadUdhr({ codes: [code] }))[code]);
    } catch (e) {
      if (!(e as Error).message.startsWith("udhr: no complete translation")) throw e;
    }
  }
  const out = new Map<string, UdhrStandIn>();
  const missing: string[] = [];
  for (const [lang, list] of candidates) {
    const code = list.find((c) => texts.has(c));
    if (code === undefined) missing.push(lang);
    else out.set(lang, { code, text: texts.get(code) as string });
  }
  if (missing.length > 0) {
    throw new Error(`no complete UDHR translation for ${missing.join(", ")}`);
  }
  return out;
}
