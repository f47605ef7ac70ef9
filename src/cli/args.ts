/**
 * The argument parser, made from a command's option table (spec.ts). Hand-written rather than
 * Node's `util.parseArgs` (docs/decisions/0031-cli.md): every mistake gets a message that names
 * the command and the option, with what was probably meant, and no option is silently given
 * twice. Usage errors exit 2.
 */
import { didYouMean, sameName } from "../core/suggest.js";
import { CliError } from "./errors.js";
import { COMMANDS, type CommandSpec, commandOptions, type OptionSpec, TOKENIZER_KINDS } from "./spec.js";

/** Parsed values by long option name: a string, `true`, or the values of a repeatable option. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** What {@link parseCommandArgs} returns. */
export interface ParsedArgs {
  readonly values: OptionValues;
  readonly positionals: string[];
}

/** Whether the arguments ask for the command's help (`-h`/`--help` before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === "--") return false;
    if (a === "-h" || a === "--help") return true;
  }
  return false;
}

function display(o: OptionSpec): string {
  return o.short === undefined ? `--${o.name}` : `-${o.short}/--${o.name}`;
}

function usage(o: OptionSpec, written: string): string {
  return o.value === undefined ? written : `${written} ${o.value}`;
}

/**
 * Parses `argv` by the command's table. Options: `--name`, `--name=value`, `--name value`, `-x`,
 * `-x value`, `-xvalue`; `--` ends the options; `-` is an argument (stdin). A value that starts
 * with `-` is given as `--name=-value`.
 *
 * @example
 * parseCommandArgs(["-t", "gpt-4o", "--json", "a.txt"], commandSpec("count"));
 * // { values: { tokenizer: "gpt-4o", json: true }, positionals: ["a.txt"] }
 */
export function parseCommandArgs(argv: readonly string[], spec: CommandSpec): ParsedArgs {
  const options = commandOptions(spec);
  const byName = new Map(options.map((o) => [o.name, o]));
  const byShort = new Map(options.filter((o) => o.short !== undefined).map((o) => [o.short!, o]));
  const values: OptionValues = {};
  const seen = new Map<string, string>(); // option → the argument that gave it first
  const positionals: string[] = [];
  const fail = (message: string): never => {
    throw new CliError(`${spec.name}: ${message}\nRun 'toklab ${spec.name} --help' for its options.`, 2);
  };

  const set = (o: OptionSpec, written: string, value: string | undefined) => {
    if (o.type === "boolean") {
      if (value !== undefined) fail(`${written} takes no value (got "${value}")`);
      if (seen.has(o.name)) fail(`${written} is given twice`);
      values[o.name] = true;
    } else if (o.type === "string") {
      if (seen.has(o.name)) {
        const twice =
          o.name === "tokenizer"
            ? `${spec.name} takes one tokenizer (compare, domain and sample take several: -t A,B)`
            : "give it once";
        fail(`${written} is given twice ("${values[o.name]}", then "${value}"); ${twice}`);
      }
      values[o.name] = value;
    } else {
      const list = (values[o.name] as string[] | undefined) ?? [];
      if (o.type === "list") list.push(...value!.split(",").filter((v) => v !== ""));
      else list.push(value!);
      values[o.name] = list;
    }
    seen.set(o.name, written);
  };

  /** The value of `o` from the next argument, or a clear error when there is none. */
  const next = (o: OptionSpec, written: string, i: number): string => {
    const value = argv[i + 1];
    if (value === undefined) fail(`${written} needs a value (${usage(o, written)})`);
    if (value.length > 1 && value.startsWith("-") && !/^-\d/.test(value)) {
      fail(
        `${written} needs a value (${usage(o, written)}), got the option ${value}; ` +
          `write --${o.name}=${value} if the value starts with "-"`,
      );
    }
    return value;
  };

  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const written = `--${name}`;
      const o = byName.get(name);
      if (o === undefined) unknownOption(spec, written, options, fail);
      else if (o.type === "boolean") set(o, written, eq < 0 ? undefined : arg.slice(eq + 1));
      else if (eq >= 0) set(o, written, arg.slice(eq + 1));
      else set(o, written, next(o, written, i++));
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      // -t VALUE, -tVALUE, -t=VALUE, or grouped flags (-qh).
      for (let k = 1; k < arg.length; k++) {
        const written = `-${arg[k]}`;
        const o = byShort.get(arg[k]);
        if (o === undefined) unknownOption(spec, written, options, fail);
        else if (o.type === "boolean") set(o, written, undefined);
        else {
          const rest = arg.slice(k + 1).replace(/^=/, "");
          set(o, written, rest !== "" ? rest : next(o, written, i++));
          break;
        }
      }
      continue;
    }
    positionals.push(arg);
  }
  for (const o of options) {
    if (o.required === true && values[o.name] === undefined) {
      const what = o.name === "tokenizer" ? `: ${TOKENIZER_KINDS}` : "";
      fail(
        `missing ${o.short === undefined ? `--${o.name}` : `-${o.short}`} ${o.value ?? ""}${what}`.trimEnd(),
      );
    }
  }
  return { values, positionals };
}

/** Throws the message for an option the command does not take. */
function unknownOption(
  spec: CommandSpec,
  written: string,
  options: readonly OptionSpec[],
  fail: (message: string) => never,
): never {
  // One-letter options are too short to guess from.
  const names = options.map((o) => `--${o.name}`);
  let hint = written.startsWith("--") ? didYouMean(written, [...names, "--help"]) : "";
  if (hint === "") {
    // An option of other commands: say which.
    let canonical = written;
    const others = COMMANDS.filter((c) => {
      if (c === spec) return false;
      const o = commandOptions(c).find((x) =>
        written.startsWith("--")
          ? sameName(`--${x.name}`, written)
          : x.short !== undefined && `-${x.short}` === written,
      );
      if (o !== undefined && written.startsWith("--")) canonical = `--${o.name}`;
      return o !== undefined;
    }).map((c) => c.name);
    if (others.length > 0) hint = ` (${canonical} is an option of ${others.join(", ")}, not of ${spec.name})`;
  }
  return fail(`unknown option ${written}${hint}`);
}

/** A usage error that names an option as the user sees it (`-t/--tokenizer`). */
export function optionName(spec: CommandSpec, name: string): string {
  const o = commandOptions(spec).find((x) => x.name === name);
  return o === undefined ? `--${name}` : display(o);
}

/**
 * `value` if it is one of `allowed`, else a usage error naming the option, the choices and the
 * closest one.
 *
 * @example
 * oneOf("--sort", "nmae", ["premium", "code", "name"]); // throws: --sort "nmae": expected one of premium, code, name (did you mean name?)
 */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError(
      `${flag} ${JSON.stringify(value)}: expected one of ${allowed.join(", ")}${didYouMean(value, allowed)}`,
      2,
    );
  }
  return value as T;
}

/**
 * An integer option's value (`_` allowed as a digit separator: `50_000`), or `undefined` when it
 * was not given; a usage error (exit 2) naming the option otherwise. `command` names the command
 * in the message for a missing required option.
 *
 * @example
 * ```ts
 * intOption("--workers", values.workers, { min: 0 }); // 2 for "--workers 2"
 * ```
 */
export function intOption(
  flag: string,
  raw: unknown,
  { required = false, min = 0, command }: { required?: boolean; min?: number; command?: string },
): number | undefined {
  if (raw === undefined) {
    if (required) throw new CliError(`${command === undefined ? "" : `${command}: `}give ${flag} N`, 2);
    return undefined;
  }
  const n = Number(String(raw).replace(/_/g, ""));
  if (!Number.isInteger(n) || n < min)
    throw new CliError(`${flag} ${JSON.stringify(raw)}: expected an integer ≥ ${min}`, 2);
  return n;
}
