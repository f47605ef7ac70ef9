import { existsSync } from "node:fs";
import { basename, dirname } from "node:path";
import { auditVocabulary, type VocabularyAudit } from "../../analyze/index.js";
import type { Tokenizer } from "../../core/tokenizer.js";
import { DEFAULT_MAX_UNKNOWN, parity } from "../../eval/parity.js";
import { checkOutputFile, writeFilesAtomically } from "../../node/atomic-files.js";
import { loadChartLibraries } from "../../node/chart-libraries.js";
import { loadUdhr, UDHR_ENGLISH, udhrLanguages } from "../../node/udhr.js";
import { renderReportHtml } from "../../report/html.js";
import type { ReportCompare, ReportData, ReportParity } from "../../report/types.js";
import { CliError } from "../errors.js";

/** Examples per audit count, as `toklab audit` keeps by default. */
const AUDIT_EXAMPLES = 5;

/**
 * Checks, before any measuring, that what `--html` needs is installed (the chart libraries and
 * the UDHR texts are optional packages) and that `file` can be written where it is asked, so
 * that a long comparison does not end in an error.
 */
export async function checkHtmlPrerequisites(file: string): Promise<void> {
  try {
    await checkOutputFile(file);
  } catch (e) {
    throw new CliError(`${file}: cannot write the report (${(e as Error).message})`, 1);
  }
  try {
    await Promise.all([loadChartLibraries(), udhrLanguages()]);
  } catch (e) {
    throw new CliError(`--html: ${(e as Error).message}`, 1);
  }
}

/**
 * `compare --html FILE`: adds to the compare data what `toklab parity` (built-in UDHR, English
 * reference, default unknown limit) and `toklab audit` give for each tokenizer, renders the
 * report and writes it atomically, creating its folder if needed; stderr says where it went (and
 * that the folder was created). The objects embedded are those the three commands print with
 * `--json` (parity's without its summary and its language descriptions: the report has the
 * languages' names on their own). A tokenizer parity cannot measure (its English is over the unknown limit) gets a
 * note in the report instead of failing the whole command.
 */
export async function writeCompareHtml(
  file: string,
  compare: ReportCompare,
  tokenizers: readonly Tokenizer[],
): Promise<void> {
  const texts = await loadUdhr();
  const parities: ReportParity[] = [];
  const notes: string[] = [];
  for (const tok of tokenizers) {
    try {
      const r = parity(tok, texts, { reference: UDHR_ENGLISH, maxUnknown: DEFAULT_MAX_UNKNOWN });
      parities.push({
        tokenizer: tok.name,
        source: "udhr",
        reference: r.reference,
        max_unknown: DEFAULT_MAX_UNKNOWN,
        premiums: r.premiums,
        tokens: r.tokens,
        unknown_char_rate: r.unknownCharRate,
        excluded: r.excluded,
      });
    } catch (e) {
      notes.push(`${tok.name}: no parity (${(e as Error).message})`);
    }
  }
  const audits: VocabularyAudit[] = tokenizers.map((tok) =>
    auditVocabulary(tok, { examples: AUDIT_EXAMPLES }),
  );
  const languages = Object.fromEntries(
    (await udhrLanguages()).filter((l) => l.code in texts).map((l) => [l.code, l.name]),
  );
  const data: ReportData = { compare, parity: parities, audit: audits, languages, notes };
  const html = await renderReportHtml(data, await loadChartLibraries());
  const folder = dirname(file);
  const created = !existsSync(folder);
  try {
    // Temporary file + rename in the same folder (created if missing): never a half-written report.
    await writeFilesAtomically(folder, [{ name: basename(file), data: html }]);
  } catch (e) {
    throw new CliError(`${file}: cannot write the report (${(e as Error).message})`, 1);
  }
  const size = Buffer.byteLength(html);
  process.stderr.write(
    `wrote ${file} (${(size / 1e6).toFixed(1)} MB)${created ? `; created the folder ${folder}` : ""}\n`,
  );
}
