import { ensureLabBuilt, serveLab } from "../../node/lab.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { writeOut } from "../io.js";
import { commandSpec } from "../spec.js";

/** The port when neither --port nor PORT gives one. */
export const DEFAULT_LAB_PORT = 8750;

/** A port number from --port or PORT: an integer 0–65535 (0: any free port). */
function parsePort(raw: string, from: string): number {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new CliError(`lab: ${from} ${JSON.stringify(raw)}: expected a port number from 0 to 65535`, 2);
  }
  return n;
}

/**
 * `toklab lab [--port P] [--rebuild]`: builds the lab when needed and serves it on 127.0.0.1,
 * printing its URL; runs until interrupted.
 */
export async function labCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("lab"));
  if (positionals.length > 0) throw new CliError(`lab: unexpected argument "${positionals[0]}"`, 2);
  const port =
    values.port !== undefined
      ? parsePort(values.port as string, "--port")
      : process.env.PORT !== undefined && process.env.PORT !== ""
        ? parsePort(process.env.PORT, "PORT")
        : DEFAULT_LAB_PORT;
  try {
    await ensureLabBuilt({ force: values.rebuild === true, log: (l) => process.stderr.write(`${l}\n`) });
  } catch (e) {
    throw new CliError(`lab: ${(e as Error).message}`, 1);
  }
  let url: string;
  try {
    ({ url } = await serveLab({ port }));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "EADDRINUSE"
        ? `lab: port ${port} is in use; give another with --port P (or PORT=P), or --port 0 for any free port`
        : `lab: cannot listen on 127.0.0.1:${port}: ${(e as Error).message}`,
      1,
    );
  }
  await writeOut(`toklab lab: ${url}\n`);
  process.stderr.write("Serving on the loopback interface only; press Ctrl-C to stop.\n");
  // The server keeps the process alive until Ctrl-C.
  await new Promise<never>(() => {});
}
