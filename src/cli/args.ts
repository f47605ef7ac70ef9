import { parseArgs } from "node:util";
import { CliError } from "./errors.js";

/** Options every command understands, plus the command's own. */
export type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>;

/**
 * Parses a command's arguments with Node's built-in `util.parseArgs` (strict: unknown options
 * are usage errors, exit 2). See docs/decisions/0001-tooling.md for why no CLI library.
 */
export function parseCommandArgs(
  argv: string[],
  options: OptionSpec,
): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | string[] | undefined>, positionals };
  } catch (e) {
    throw new CliError(`${(e as Error).message}\nRun 'toklab --help' for usage.`, 2);
  }
}
