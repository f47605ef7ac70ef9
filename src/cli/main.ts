#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { didYouMean } from "../core/suggest.js";
import { wantsHelp } from "./args.js";
import { CliError } from "./errors.js";
import { commandHelp, commandList, mainHelp } from "./help.js";
import { writeOut } from "./io.js";
import { COMMANDS, commandOptions } from "./spec.js";

type Command = (argv: string[]) => Promise<void>;

// Each command's module is loaded when it runs: `toklab encode` does not pay for the trainer,
// the report's chart libraries or the evaluator (start-up time and memory). The option tables
// and help live in spec.ts, which loads nothing heavy.
const commands: Record<string, () => Promise<Command>> = {
  sample: async () => (await import("./commands/sample.js")).sampleCommand,
  encode: async () => (await import("./commands/encode.js")).encodeCommand,
  decode: async () => (await import("./commands/decode.js")).decodeCommand,
  count: async () => (await import("./commands/count.js")).countCommand,
  inspect: async () => (await import("./commands/inspect.js")).inspectCommand,
  list: async () => (await import("./commands/list.js")).listCommand,
  audit: async () => (await import("./commands/audit.js")).auditCommand,
  compare: async () => (await import("./commands/compare.js")).compareCommand,
  parity: async () => (await import("./commands/parity.js")).parityCommand,
  domain: async () => (await import("./commands/domain.js")).domainCommand,
  train: async () => (await import("./commands/train.js")).trainCommand,
  "count-pieces": async () => (await import("./commands/count-pieces.js")).countPiecesCommand,
  lm: async () => (await import("./commands/lm.js")).lmCommand,
  mixture: async () => (await import("./commands/mixture.js")).mixtureCommand,
  dynamic: async () => (await import("./commands/dynamic.js")).dynamicCommand,
  lzw: async () => (await import("./commands/lzw.js")).lzwCommand,
  multiword: async () => (await import("./commands/multiword.js")).multiwordCommand,
  transplant: async () => (await import("./commands/transplant.js")).transplantCommand,
  lab: async () => (await import("./commands/lab.js")).labCommand,
};

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === "-h" || first === "--help" || first === "help") {
    // `toklab help encode` is `toklab encode --help`.
    const spec = first === "help" ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    await writeOut(spec === undefined ? mainHelp() : commandHelp(spec));
    return 0;
  }
  if (first === "-v" || first === "--version") {
    await writeOut(`${version()}\n`);
    return 0;
  }
  // No command, or options first: the default command, `sample`.
  const implicit = first === undefined || first.startsWith("-");
  const command = implicit ? "sample" : first;
  const args = implicit ? argv : rest;
  if (implicit && first !== undefined) {
    // `toklab --versoin`: an option of no command is a typo of toklab's own more often than of
    // the default command's.
    const sample = COMMANDS.find((c) => c.name === "sample")!;
    const names = commandOptions(sample).flatMap((o) => [`--${o.name}`, ...(o.short ? [`-${o.short}`] : [])]);
    const flag = first.startsWith("--") ? first.split("=")[0] : first.slice(0, 2);
    if (!names.includes(flag)) {
      process.stderr.write(
        `toklab: unknown option ${flag}${flag.startsWith("--") ? didYouMean(flag, [...names, "--help", "--version"]) : ""}\n` +
          "Run 'toklab --help' for the commands.\n",
      );
      return 2;
    }
  }
  const spec = COMMANDS.find((c) => c.name === command);
  if (spec === undefined || !Object.hasOwn(commands, command)) {
    const names = COMMANDS.map((c) => c.name);
    process.stderr.write(
      `toklab: unknown command "${command}"${didYouMean(command, names)}\n\nCommands:\n${commandList()}\n\n` +
        "Run 'toklab COMMAND --help' for a command's options.\n",
    );
    return 2;
  }
  if (wantsHelp(args)) {
    // `toklab lm train --help`: the subcommand's own help.
    const sub = spec.subcommands?.find((c) => c.name === `${command} ${args[0]}`);
    await writeOut(commandHelp(sub ?? spec));
    return 0;
  }
  try {
    const run = await commands[command]();
    await run(args);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`toklab: ${e.message}\n`);
      return e.exitCode;
    }
    // Not an error toklab knows how to explain: the message, and the trace only on request.
    const error = e as Error;
    process.stderr.write(
      process.env.TOKLAB_DEBUG
        ? `toklab: ${error.stack ?? error}\n`
        : `toklab: ${error.message ?? error} (an unexpected error: TOKLAB_DEBUG=1 shows where it happened)\n`,
    );
    return 1;
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  return pkg.version;
}

// A reader that goes away early (`toklab encode big.txt | head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
