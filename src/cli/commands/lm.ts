import { CliError } from "../errors.js";

/**
 * `toklab lm SUBCOMMAND`: the byte-level language model layer (src/lm) from the shell. Each
 * subcommand's module is loaded when it runs, as the commands are.
 */
export async function lmCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case "train":
      return (await import("./lm-train.js")).lmTrainCommand(rest);
    case "next-bytes":
      return (await import("./lm-query.js")).lmNextBytesCommand(rest);
    case "sample":
      return (await import("./lm-query.js")).lmSampleCommand(rest);
    case "heal":
      return (await import("./lm-heal.js")).lmHealCommand(rest);
    default:
      throw new CliError(
        `lm needs a subcommand: train, next-bytes, sample or heal${sub === undefined ? "" : ` (not "${sub}")`}\nRun 'toklab lm --help' for usage.`,
        2,
      );
  }
}
