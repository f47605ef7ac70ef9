/** Issue 4's training targets, checked against one `npm run bench:train` run. */
import type { TargetCheck } from "./targets.js";
import { highestRss, type TrainingResults } from "./train-results.js";

/** SuperBPE's gain counts as "clear" from this much more bytes per token than BPE. */
export const CLEAR_GAIN = 0.1;
/** Parity-aware BPE may cost at most this much global compression. */
export const MAX_PARITY_LOSS = 0.02;

/**
 * The four training targets: time and memory against the Hugging Face binding (every head),
 * SuperBPE's gain (every vocabulary and transition), Parity-aware BPE's spread and cost
 * (`parity base`, every mixture and vocabulary).
 */
export function trainingTargets(t: TrainingResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const pairs = t.corpus.heads.map((h) => {
    const find = (name: string) => t.trainers.find((r) => r.head === h.label && r.trainer === name)?.best;
    return { head: h.label, toklab: find("toklab"), hf: find("hf-tokenizers") };
  });
  const measured = pairs.filter((p) => p.toklab && p.hf);
  const decided = measured.length === pairs.length && pairs.length > 0;

  checks.push({
    target: "training time no worse than the HF binding on the same cores",
    measured: measured.length
      ? measured
          .map(
            (p) =>
              `${p.head}: ${s(p.toklab!.wallS)} vs ${s(p.hf!.wallS)} (${(p.toklab!.wallS / p.hf!.wallS).toFixed(2)}×)`,
          )
          .join("; ")
      : "not measured",
    met: decided ? measured.every((p) => p.toklab!.wallS <= p.hf!.wallS) : undefined,
  });

  const rss = t.corpus.heads.flatMap((h) => {
    const find = (name: string) => t.trainers.find((r) => r.head === h.label && r.trainer === name);
    const toklab = find("toklab");
    const hf = find("hf-tokenizers");
    const a = toklab ? highestRss(toklab) : null;
    const b = hf ? highestRss(hf) : null;
    return a !== null && b !== null ? [{ head: h.label, toklab: a, hf: b }] : [];
  });
  checks.push({
    target: "memory no worse than the HF binding (highest peak RSS of each one's runs)",
    measured: rss.length
      ? rss
          .map((p) => `${p.head}: ${mb(p.toklab)} vs ${mb(p.hf)} (${(p.toklab / p.hf).toFixed(2)}×)`)
          .join("; ")
      : "not measured",
    met: rss.length === pairs.length && pairs.length > 0 ? rss.every((p) => p.toklab <= p.hf) : undefined,
  });

  const sb = (t.superbpe?.rows ?? []).filter((r) => r.tokenizer === "SuperBPE");
  checks.push({
    target: `SuperBPE clear bytes/token gain at equal vocab (≥ ${CLEAR_GAIN * 100}% at every vocab and transition)`,
    measured: sb.length
      ? sb
          .map((r) => `${r.vocab / 1000}k t=${Math.round((r.fraction ?? 0) * 100)}%: ${pct(r.gain, true)}`)
          .join("; ")
      : "not measured",
    met: sb.length ? sb.every((r) => r.gain >= CLEAR_GAIN) : undefined,
  });

  const settings: string[] = [];
  let allMet = true;
  let any = false;
  for (const [mixture, byVocab] of Object.entries(t.parity?.report ?? {})) {
    for (const [vocab, rows] of Object.entries(byVocab)) {
      const plain = rows.find((r) => r.name === "plain BPE");
      const base = rows.find((r) => r.name === "parity base");
      if (!plain || !base) continue;
      any = true;
      const met = base.maxOverMin < plain.maxOverMin && base.gini < plain.gini && base.loss < MAX_PARITY_LOSS;
      allMet &&= met;
      settings.push(
        `${mixture} ${Number(vocab) / 1000}k: max/min ${plain.maxOverMin.toFixed(2)}→${base.maxOverMin.toFixed(2)}, ` +
          `Gini ${plain.gini.toFixed(3)}→${base.gini.toFixed(3)}, loss ${pct(base.loss)}${met ? "" : " ✗"}`,
      );
    }
  }
  checks.push({
    target: `Parity-aware BPE (base mode) narrows the spread with < ${MAX_PARITY_LOSS * 100}% global compression loss (UDHR, every mixture and vocab)`,
    measured: any ? settings.join("; ") : "not measured",
    met: any ? allMet : undefined,
  });
  const man: string[] = [];
  let manMet = true;
  let manAny = false;
  for (const byVocab of Object.values(t.parityMan?.report ?? {})) {
    for (const [vocab, rows] of Object.entries(byVocab)) {
      const plain = rows.find((r) => r.name === "plain BPE");
      const base = rows.find((r) => r.name === "parity base");
      if (!plain || !base) continue;
      manAny = true;
      const met = base.maxOverMin < plain.maxOverMin && base.gini < plain.gini && base.loss < MAX_PARITY_LOSS;
      manMet &&= met;
      man.push(
        `${Number(vocab) / 1000}k: max/min ${plain.maxOverMin.toFixed(2)}→${base.maxOverMin.toFixed(2)}, ` +
          `Gini ${plain.gini.toFixed(3)}→${base.gini.toFixed(3)}, loss ${pct(base.loss)}${met ? "" : " ✗"}`,
      );
    }
  }
  checks.push({
    target: `Parity-aware BPE (base mode) narrows the spread with < ${MAX_PARITY_LOSS * 100}% global compression loss, trained on natural multilingual text (bench.jsonl prose + translated man pages), measured on UDHR`,
    measured: manAny ? man.join("; ") : "not measured",
    met: manAny ? manMet : undefined,
  });
  return checks;
}

function s(x: number): string {
  return `${x.toFixed(1)} s`;
}

function mb(x: number): string {
  return `${x.toFixed(0)} MB`;
}

function pct(x: number, sign = false): string {
  return `${sign && x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}%`;
}
