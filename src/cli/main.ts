#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { listEncodings } from "../encodings/index.js";
import { CliError } from "./errors.js";
import { HELP } from "./help.js";
import { writeOut } from "./io.js";

type Command = (argv: string[]) => Promise<void>;

// Each command's module is loaded when it runs: `toklab encode` does not pay for the trainer,
// the report's chart libraries or the evaluator (start-up time and memory).
const commands: Record<string, () => Promise<Command>> = {
  sample: async () => (await import("./commands/sample.js")).sampleCommand,
  encode: async () => (await import("./commands/encode.js")).encodeCommand,
  decode: async () => (await import("./commands/decode.js")).decodeCommand,
  count: async () => (await import("./commands/count.js")).countCommand,
  inspect: async () => (await import("./commands/inspect.js")).inspectCommand,
  compare: async () => (await import("./commands/compare.js")).compareCommand,
  parity: async () => (await import("./commands/parity.js")).parityCommand,
  domain: async () => (await import("./commands/domain.js")).domainCommand,
  audit: async () => (await import("./commands/audit.js")).auditCommand,
  train: async () => (await import("./commands/train.js")).trainCommand,
  mixture: async () => (await import("./commands/mixture.js")).mixtureCommand,
  list: async () => async () => writeOut(`${listEncodings().join("\n")}\n`),
};

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === "-h" || first === "--help" || first === "help") {
    await writeOut(HELP);
    return 0;
  }
  if (first === "-v" || first === "--version") {
    await writeOut(`${version()}\n`);
    return 0;
  }
  const command = first === undefined || first.startsWith("-") ? "sample" : first;
  const load = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (!load) {
    process.stderr.write(`toklab: unknown command "${command}"\n${HELP}`);
    return 2;
  }
  try {
    const run = await load();
    await run(first === undefined || first.startsWith("-") ? argv : rest);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`toklab: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`toklab: ${(e as Error).stack ?? e}\n`);
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
