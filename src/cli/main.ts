#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { listEncodings } from "../encodings/index.js";
import { auditCommand } from "./commands/audit.js";
import { compareCommand } from "./commands/compare.js";
import { countCommand } from "./commands/count.js";
import { decodeCommand } from "./commands/decode.js";
import { domainCommand } from "./commands/domain.js";
import { encodeCommand } from "./commands/encode.js";
import { inspectCommand } from "./commands/inspect.js";
import { parityCommand } from "./commands/parity.js";
import { sampleCommand } from "./commands/sample.js";
import { trainCommand } from "./commands/train.js";
import { CliError } from "./errors.js";
import { HELP } from "./help.js";
import { writeOut } from "./io.js";

const commands: Record<string, (argv: string[]) => Promise<void>> = {
  sample: sampleCommand,
  encode: encodeCommand,
  decode: decodeCommand,
  count: countCommand,
  inspect: inspectCommand,
  compare: compareCommand,
  parity: parityCommand,
  domain: domainCommand,
  audit: auditCommand,
  train: trainCommand,
  list: async () => writeOut(`${listEncodings().join("\n")}\n`),
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
  const run = commands[command];
  if (!run) {
    process.stderr.write(`toklab: unknown command "${command}"\n${HELP}`);
    return 2;
  }
  try {
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
