/**
 * The help texts, made from the command tables (spec.ts): `toklab --help` lists the commands,
 * `toklab COMMAND --help` shows one command's usage and every option it takes.
 */
import { COMMANDS, type CommandSpec, type OptionSpec, presetLines, TOKENIZER_HELP } from "./spec.js";
import { wrap } from "./text.js";

function optionLabel(o: OptionSpec): string {
  const names = o.short === undefined ? `    --${o.name}` : `-${o.short}, --${o.name}`;
  return o.value === undefined ? names : `${names} ${o.value}`;
}

/** Options as a two-column list, the descriptions aligned and wrapped. */
function optionList(options: readonly OptionSpec[]): string {
  const labels = options.map(optionLabel);
  const column = Math.min(34, Math.max(...labels.map((l) => l.length)) + 4);
  return options
    .map((o, i) => {
      const label = `  ${labels[i]}`;
      const text = wrap(o.description, column).trimStart();
      return label.length + 2 <= column
        ? `${label.padEnd(column)}${text}`
        : `${label}\n${" ".repeat(column)}${text}`;
    })
    .join("\n");
}

/** Which commands take a shared option set, for its heading: "shared by a, b" or "every command but c". */
function sharers(title: string): string {
  const takes = (c: CommandSpec) => (c.shared ?? []).some((s) => s.title === title);
  // A command with subcommands counts as its subcommands (`lm train`, `lm heal`...).
  const all = COMMANDS.flatMap((c) => c.subcommands ?? [c]);
  const yes = all.filter(takes).map((c) => c.name);
  const no = all.filter((c) => !takes(c)).map((c) => c.name);
  return no.length < yes.length ? `every command but ${no.join(" and ")}` : `shared by ${yes.join(", ")}`;
}

/** `toklab COMMAND --help`. */
export function commandHelp(spec: CommandSpec): string {
  const parts: string[] = [`toklab ${spec.name} — ${spec.summary}`, ""];
  parts.push("Usage:", ...spec.usage.map((u) => `  toklab ${u}`), "");
  for (const d of spec.details ?? []) parts.push(wrap(d, 0), "");
  if (spec.name === "train") parts.push(...presetLines().map((l) => `  ${l}`), "");
  if (spec.options.length > 0) parts.push("Options:", optionList(spec.options), "");
  for (const shared of spec.shared ?? []) {
    parts.push(`${shared.title} (${sharers(shared.title)}):`);
    parts.push(optionList(shared.options), "");
    if (shared.title === "Tokenizer options") parts.push(wrap(TOKENIZER_HELP, 2), "");
  }
  parts.push(optionList([{ name: "help", short: "h", type: "boolean", description: "this help" }]), "");
  if (spec.examples !== undefined && spec.examples.length > 0) {
    parts.push("Examples:", ...spec.examples.map((e) => `  ${e}`), "");
  }
  return `${parts.join("\n").trimEnd()}\n`;
}

/** The list of commands, one line each (also after an unknown command). */
export function commandList(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n");
}

/** `toklab --help`. */
export function mainHelp(): string {
  return `toklab — run, train, count and compare LLM tokenizers

Usage:
  toklab COMMAND [OPTIONS] [ARGS]
  toklab COMMAND --help        a command's usage and every option it takes

Commands:
${commandList()}

${wrap(TOKENIZER_HELP, 0)}

Examples:
  toklab encode -t gpt-4o --text "hello world" --tokens
  toklab count -t cl100k_base README.md
  toklab compare -t o200k_base,cl100k_base --builtin

Errors go to stderr: exit status 2 for a usage error (fix the command line), 1 for an input that
cannot be used (fix the file); nothing half-written is left behind.

  -h, --help        this help
  -v, --version     toklab's version
`;
}
