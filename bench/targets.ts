import type { BenchResults } from "./results.js";
import { shortTargets } from "./short-targets.js";

export interface TargetCheck {
  target: string;
  measured: string;
  /** undefined: could not be decided (toklab or the references did not run). */
  met?: boolean;
}

const REFERENCES = [
  "tiktoken",
  "tiktoken-node",
  "kitoken",
  "js-tiktoken",
  "gpt-tokenizer",
  "ai-tokenizer",
  "hf-tokenizers",
];

/** The project's performance and exactness targets, checked against this run's data. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const primary = results.encodings.find((e) => e.encoding === "o200k_base");
  const checks: TargetCheck[] = [];

  // 1. Encode speed on the whole (mixed) corpus against the fastest reference.
  const rows = primary?.throughput ?? [];
  const toklab = rows.find((r) => r.lib === "toklab")?.encode?.all;
  const refs = rows.filter((r) => REFERENCES.includes(r.lib) && r.encode);
  const fastest = refs.reduce<(typeof refs)[number] | undefined>(
    (best, r) => (best?.encode && best.encode.all >= r.encode!.all ? best : r),
    undefined,
  );
  const speedup = toklab !== undefined && fastest?.encode ? toklab / fastest.encode.all : undefined;
  checks.push({
    target: "o200k_base encode ≥ 5× the fastest reference on the mixed corpus",
    measured:
      speedup === undefined
        ? "not measured"
        : `${speedup.toFixed(2)}× ${fastest!.lib} (${toklab!.toFixed(1)} vs ${fastest!.encode!.all.toFixed(1)} MB/s)`,
    met: speedup === undefined ? undefined : speedup >= 5,
  });

  // 2. No pathological input much slower than prose.
  const patho = primary?.patho?.cells.toklab;
  if (patho) {
    let worst = 0;
    let worstInput = "";
    let failed = "";
    for (const [input, cell] of Object.entries(patho)) {
      if (cell.outcome.status !== "ok") failed ||= `${input}: ${cell.outcome.status}`;
      else if ((cell.ratioToProse ?? 0) > worst) {
        worst = cell.ratioToProse ?? 0;
        worstInput = input;
      }
    }
    checks.push({
      target: "every 1 MB pathological input ≤ 3× the time of 1 MB of prose (toklab, o200k_base)",
      measured: failed || `worst ${worst.toFixed(2)}× (${worstInput})`,
      met: failed ? false : worst <= 3,
    });
  } else {
    checks.push({ target: "every 1 MB pathological input ≤ 3× 1 MB of prose", measured: "not measured" });
  }

  // 3. Cold load.
  const cold = primary?.load?.rows.find((r) => r.lib === "toklab")?.coldMs;
  checks.push({
    target: "cold load of o200k_base well under 100 ms (import + build + first encode)",
    measured: cold === undefined ? "not measured" : `${cold.toFixed(1)} ms (median)`,
    met: cold === undefined ? undefined : cold < 100,
  });

  // 4. Exactness on every encoding run, corpus and pathological inputs.
  const parts: string[] = [];
  let exact: boolean | undefined;
  for (const e of results.encodings) {
    const m = e.throughput?.find((r) => r.lib === "toklab")?.mismatches;
    if (m) {
      parts.push(`${e.encoding}: ${m.all} of ${results.corpus.stats.all.docs} docs differ`);
      exact = (exact ?? true) && m.all === 0;
    }
    const edge = e.edge?.find((r) => r.lib === "toklab")?.verdicts;
    if (edge) {
      const bad = edge.filter((v) => v !== "=").length;
      parts.push(`${e.encoding} edge cases: ${bad === 0 ? "all equal" : `${bad} differ`}`);
      exact = (exact ?? true) && bad === 0;
    }
    const cells = e.patho?.cells.toklab;
    if (cells) {
      const differing = Object.entries(cells).filter(([, c]) => c.matchesTiktoken === false);
      parts.push(
        `pathological: ${differing.length === 0 ? "all comparable inputs equal" : `differ on ${differing.map(([i]) => i).join(", ")}`}`,
      );
      exact = (exact ?? true) && differing.length === 0;
    }
  }
  checks.push({
    target: "identical ids to tiktoken",
    measured: parts.length ? parts.join("; ") : "not measured",
    met: exact,
  });
  checks.push(...shortTargets(results));
  checks.push(...hfTargets(results));
  return checks;
}

/** Issue 3's targets for tokenizer.json files: ≥ 3× the Rust binding, and its ids exactly. */
function hfTargets(results: BenchResults): TargetCheck[] {
  const models = results.hf?.models ?? [];
  if (models.length === 0) return [];
  const speed: string[] = [];
  let fast: boolean | undefined;
  const exactParts: string[] = [];
  let exact: boolean | undefined;
  for (const m of models) {
    const rows = m.throughput ?? [];
    const mine = rows.find((r) => r.lib === "toklab");
    const ref = rows.find((r) => r.lib === "hf-tokenizers")?.encode?.all;
    if (mine?.encode && ref) {
      const x = mine.encode.all / ref;
      speed.push(`${m.encoding} ${x.toFixed(2)}×`);
      fast = (fast ?? true) && x >= 3;
    }
    const docs = [mine, rows.find((r) => r.lib === "toklab encode")].map((r) => r?.mismatches?.all);
    const patho = Object.values(m.patho?.cells.toklab ?? {}).filter(
      (c) => c.matchesTiktoken === false,
    ).length;
    const edge = m.edge?.find((r) => r.lib === "toklab")?.verdicts?.filter((v) => v !== "=").length;
    if (docs[0] !== undefined) {
      exactParts.push(
        `${m.encoding}: ${docs[0]}/${docs[1] ?? "–"} docs differ (ids/encode), edge ${edge ?? "–"}, pathological ${patho}`,
      );
      exact = (exact ?? true) && docs[0] === 0 && (docs[1] ?? 0) === 0 && (edge ?? 0) === 0 && patho === 0;
    }
  }
  return [
    {
      target: "tokenizer.json: toklab encode (ids) ≥ 3× the HF Rust binding on the mixed corpus",
      measured: speed.length ? speed.join(", ") : "not measured",
      met: fast,
    },
    {
      target: "tokenizer.json: identical ids to the HF Rust binding",
      measured: exactParts.length ? exactParts.join("; ") : "not measured",
      met: exact,
    },
  ];
}
