/**
 * An error the CLI reports as one clear line on stderr, exiting with `exitCode`
 * (1: bad input such as an unreadable file; 2: bad usage such as an unknown tokenizer).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}
