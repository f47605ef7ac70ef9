import { cell, megabytes, num, table } from "../format.js";
import { shortFailure } from "../outcome.js";
import { PATHO_DESCRIPTIONS, PATHO_INPUTS } from "../patho-inputs.js";
import type { PathoCell } from "../pathological.js";
import type { EncodingResults } from "../results.js";

function show(c: PathoCell | undefined): string {
  if (!c) return "–";
  if (c.outcome.status !== "ok") return `**${shortFailure(c.outcome)}**`;
  const ratio = c.ratioToProse === undefined ? "" : ` (${num(c.ratioToProse)}×)`;
  const wrong = c.matchesTiktoken === false ? " ≠" : "";
  const concurrent = c.concurrent ? " †" : "";
  return `${num(c.outcome.value.ms)} ms${ratio}${wrong}${concurrent}`;
}

export function pathoSection(e: EncodingResults, reference = "tiktoken"): string {
  const p = e.patho;
  if (!p) return "";
  const libs = Object.keys(p.cells);
  const rows = libs.map((lib) => [lib, ...PATHO_INPUTS.map((input) => show(p.cells[lib][input]))]);
  const failures = libs.flatMap((lib) =>
    PATHO_INPUTS.flatMap((input) => {
      const o = p.cells[lib][input]?.outcome;
      return o && o.status !== "ok" && o.status !== "timeout"
        ? [`- ${lib} on ${input}: ${cell(o.status === "error" ? o.message : o.message)}`]
        : [];
    }),
  );
  return [
    `### Pathological inputs (${megabytes(p.bytes)} each)`,
    "",
    `One encode of the whole input in a fresh process per library and input, after a warm-up on its first 1 KB; ` +
      `median of 3 runs when a run takes under a second. Killed after ${p.timeoutMs / 1000} s. ` +
      `In parentheses: time ÷ the same library's time on prose. ≠ marks ids that differ from ${reference}'s. ` +
      `Runs over ${p.probeMs / 1000} s were repeated in a second round, ${p.jobs} processes at a time; † marks ` +
      "a time measured there (alongside another busy process, so somewhat pessimistic).",
    "",
    table(["library", ...PATHO_INPUTS], rows),
    "",
    ...PATHO_INPUTS.map((i) => `- **${i}**: ${PATHO_DESCRIPTIONS[i]}`),
    ...(failures.length ? ["", "Crashes and errors:", "", ...failures] : []),
  ].join("\n");
}
