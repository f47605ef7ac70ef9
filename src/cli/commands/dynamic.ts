import { dynamicTokenize } from "../../adapt/dynamic.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { writeOut } from "../io.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";
import { integerOption, readExamples } from "./adapt-input.js";

const text = new TextDecoder("utf-8", { fatal: false });

/**
 * `toklab dynamic -t TOK --input FILE [--merges M] [--batch-size B] [--field NAME] [--json]`:
 * dynamic tokenization (Feher et al. 2025; docs/adapt.md).
 */
export async function dynamicCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("dynamic"));
  if (positionals.length > 0)
    throw new CliError(`dynamic: unexpected argument "${positionals[0]}" (the file goes in --input)`, 2);
  const merges = integerOption("--merges", values.merges, 100, 0);
  const batchSize =
    values["batch-size"] === undefined
      ? undefined
      : integerOption("--batch-size", values["batch-size"], 1, 1);
  const input = values.input as string | undefined;
  if (input === undefined) throw new CliError("dynamic: give the examples with --input FILE", 2);
  const tok = await resolveTokenizer(values.tokenizer as string | undefined, {
    ...tokenizerOptions(values),
    merges: undefined,
  });
  const examples = await readExamples(input, values.field as string | undefined);
  if (examples.length === 0) throw new CliError(`${input}: no examples (no non-empty line)`, 1);
  const r = dynamicTokenize(tok, examples, { merges, batchSize });
  const mergeList = r.batches.flatMap((b, batch) =>
    b.merges.map((m) => ({
      batch,
      id: m.id,
      left: m.left,
      right: m.right,
      text: text.decode(m.bytes),
      count: m.count,
    })),
  );
  if (values.json) {
    await writeOut(
      `${JSON.stringify(
        {
          tokenizer: tok.name,
          examples: examples.length,
          batches: r.batches.length,
          tokens_before: r.tokensBefore,
          tokens_after: r.tokensAfter,
          word_level: r.wordLevel,
          reduction: r.reduction,
          tokens_per_example: r.ids.map((ids) => ids.length),
          // The batch totals after 0, 1, ..., M merges (a batch out of pairs stays as it ended).
          tokens_by_merges: Array.from({ length: merges + 1 }, (_, k) =>
            r.batches.reduce((sum, b) => sum + b.totals[Math.min(k, b.totals.length - 1)], 0),
          ),
          merges: mergeList,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  const shown = mergeList.slice(0, 20).map((m) => `  ${JSON.stringify(m.text)} ×${m.count}`);
  await writeOut(
    `${tok.name}: ${examples.length} examples in ${r.batches.length} batch(es), ${merges} merges per batch\n` +
      `tokens before ${r.tokensBefore}, after ${r.tokensAfter} (${pct(r.tokensBefore, r.tokensAfter)} shorter), ` +
      `word level ${r.wordLevel}; normalised reduction ${r.reduction.toFixed(1)}%\n` +
      (shown.length > 0 ? `first merges:\n${shown.join("\n")}\n` : ""),
  );
}

function pct(before: number, after: number): string {
  return before === 0 ? "0%" : `${((100 * (before - after)) / before).toFixed(1)}%`;
}
