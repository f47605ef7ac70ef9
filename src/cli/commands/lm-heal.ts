import { healPrompt } from "../../lm/heal.js";
import { LmError } from "../../lm/types.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { writeOut } from "../io.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";
import { wholeOption } from "./lm-options.js";

/**
 * `toklab lm heal -t TOK --prompt TEXT [--backoff N] [--json]`: token healing, the ids kept, the
 * text removed and the tokens allowed next (all of them with --json, a count and a few without).
 */
export async function lmHealCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("lm heal"));
  if (positionals.length > 0) throw new CliError(`lm heal takes --prompt TEXT, not "${positionals[0]}"`, 2);
  if (typeof values.prompt !== "string") throw new CliError("lm heal needs --prompt TEXT", 2);
  const backoff = wholeOption(values.backoff, "--backoff", 1, 0, 1 << 20);
  const tok = await resolveTokenizer(values.tokenizer as string | undefined, tokenizerOptions(values));
  let healed: ReturnType<typeof healPrompt>;
  try {
    healed = healPrompt(tok, values.prompt, { backoff });
  } catch (e) {
    if (e instanceof LmError) throw new CliError(e.message, 1);
    throw e;
  }
  const allowed: number[] = [];
  for (let id = 0; id < tok.vocabSize; id++) if (healed.allows(id)) allowed.push(id);
  const removed = new TextDecoder().decode(healed.removed);
  if (values.json === true) {
    await writeOut(`${JSON.stringify({ ids: healed.ids, removed, allowed })}\n`);
    return;
  }
  const examples = allowed.slice(0, 8).map((id) => `${id} ${JSON.stringify(tok.decode([id]))}`);
  await writeOut(
    `ids      ${JSON.stringify(healed.ids)}\nremoved  ${JSON.stringify(removed)}\nallowed  ${allowed.length} tokens: ${examples.join(", ")}${allowed.length > 8 ? ", ..." : ""}\n`,
  );
}
