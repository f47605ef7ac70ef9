import { TRANSPLANT_METHODS, type TransplantMethod } from "../../adapt/transplant/plan.js";
import { type TransplantReport, transplantEmbeddingFile } from "../../node/transplant-file.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { writeOut } from "../io.js";
import { resolveTokenizer } from "../resolve.js";
import { commandSpec } from "../spec.js";
import { StageProgress } from "../stage-progress.js";

/**
 * `toklab transplant --from OLD --to NEW --embeddings IN --tensor NAME [--tensor LM_HEAD]
 * --method copy|fvt|omp [--k K] [--donor FILE --donor-tokenizer T] --out OUT [--json]`: the
 * model's embedding matrices with one row per id of the new tokenizer (docs/transplant.md).
 */
export async function transplantCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("transplant"));
  if (positionals.length > 0) {
    throw new CliError(
      `transplant: unexpected argument "${positionals[0]}" (the input goes in --embeddings FILE)`,
      2,
    );
  }
  const method = values.method as string;
  if (!(TRANSPLANT_METHODS as readonly string[]).includes(method)) {
    throw new CliError(
      `transplant: --method must be one of ${TRANSPLANT_METHODS.join(", ")}, got "${method}"`,
      2,
    );
  }
  let k: number | undefined;
  if (values.k !== undefined) {
    k = Number(values.k);
    if (!Number.isInteger(k) || k < 1)
      throw new CliError(`--k must be a positive integer, got "${values.k}"`, 2);
    if (method !== "omp") throw new CliError("--k is for --method omp", 2);
  }
  const donorPath = values.donor as string | undefined;
  if (method === "omp" && donorPath === undefined) {
    throw new CliError("transplant: --method omp needs --donor FILE (a model with the new vocabulary)", 2);
  }
  if (method !== "omp" && (donorPath !== undefined || values["donor-tokenizer"] !== undefined)) {
    throw new CliError("--donor and --donor-tokenizer are for --method omp", 2);
  }
  const tensors = (values.tensor as string[] | undefined) ?? [];
  if (tensors.length === 0 && !(values.embeddings as string).toLowerCase().endsWith(".npy")) {
    throw new CliError(
      "transplant: name the embedding matrix with --tensor NAME (and the LM head with a second --tensor)",
      2,
    );
  }
  const from = await resolveTokenizer(values.from as string);
  const to = await resolveTokenizer(values.to as string);
  const donorTokenizer =
    values["donor-tokenizer"] === undefined
      ? to
      : await resolveTokenizer(values["donor-tokenizer"] as string);
  const progress = new StageProgress("transplant");
  let report: TransplantReport;
  try {
    report = await transplantEmbeddingFile({
      from,
      to,
      input: values.embeddings as string,
      tensors,
      method: method as TransplantMethod,
      k,
      donor:
        donorPath === undefined
          ? undefined
          : {
              path: donorPath,
              tokenizer: donorTokenizer,
              tensor: values["donor-tensor"] as string | undefined,
            },
      output: values.out as string,
      onProgress: (stage, done, total) => progress.update(stage, done, total),
    });
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    if (error.code === "ENOENT") throw new CliError(`no such file: ${error.path ?? error.message}`, 1);
    if (error.code !== undefined) throw new CliError(error.message, 1);
    throw new CliError(`transplant: ${error.message}`, 1);
  } finally {
    progress.done();
  }
  const { plan } = report;
  if (values.json) {
    const out = {
      from: values.from,
      to: values.to,
      method,
      vocab_size: to.vocabSize,
      tensors: report.tensors.map((t) => ({
        name: t.name,
        dtype: t.dtype,
        old_shape: t.oldShape,
        new_shape: t.newShape,
        tied_to: t.tiedTo,
      })),
      passed_through: report.passedThrough,
      rows: plan.counts,
      mean_rows: plan.meanRows,
      omp_fallbacks: plan.ompFallbacks.length,
      omp_mean_relative_residual: plan.ompMeanResidual,
    };
    await writeOut(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const c = plan.counts;
  const lines = [
    `Wrote ${values.out}: ${to.vocabSize} rows per matrix (${c.copied} copied, ${c.fvt} FVT, ${c.omp} OMP, ${c.mean} mean row)`,
    ...report.tensors.map(
      (t) =>
        `  ${t.name} ${t.dtype} [${t.oldShape.join(", ")}] -> [${t.newShape.join(", ")}]${t.tiedTo === null ? "" : ` (tied to ${t.tiedTo})`}`,
    ),
    `  ${report.passedThrough} other tensors copied unchanged`,
  ];
  for (const t of report.tensors) {
    if (t.oldShape[0] < from.vocabSize) {
      lines.push(
        `  note: ${t.name} has ${t.oldShape[0]} rows for ${from.vocabSize} old ids; old tokens past its rows were treated as missing`,
      );
    }
  }
  if (plan.ompFallbacks.length > 0)
    lines.push(`  ${plan.ompFallbacks.length} tokens missing from the donor fell back to FVT`);
  if (plan.ompMeanResidual !== null)
    lines.push(`  OMP mean relative residual ${plan.ompMeanResidual.toPrecision(3)}`);
  if (plan.meanRows.length > 0) {
    const shown = plan.meanRows
      .slice(0, 10)
      .map((t) => (t.piece === null ? `#${t.id} (no token)` : `${JSON.stringify(t.piece)} (${t.reason})`));
    lines.push(
      `  mean row: ${shown.join(", ")}${plan.meanRows.length > 10 ? `, ... (${plan.meanRows.length} in all; --json lists them)` : ""}`,
    );
  }
  await writeOut(`${lines.join("\n")}\n`);
}
