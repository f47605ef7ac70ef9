import { groupTokens } from "../../analyze/token-groups.js";
import { ORDINARY, type Tokenizer } from "../../core/tokenizer.js";
import { listEncodings, modelsOfEncoding } from "../../encodings/index.js";
import { codePointLength, utf8Length } from "../../eval/text.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { writeOut } from "../io.js";
import { renderPieces, useColor } from "../render-tokens.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { SAMPLE_TEXT } from "../sample.js";
import { commandSpec } from "../spec.js";
import { table } from "./compare.js";

/** One row of the default job's table. */
export interface SampleRow {
  tokenizer: string;
  tokens: number;
  bytes_per_token: number;
  chars_per_token: number;
  round_trip: boolean;
  /** An earlier row whose ids on the sample are the same (gpt2 and r50k_base), or null. */
  same_ids_as: string | null;
}

/** The encodings whose tokens the default job draws, oldest first. */
const DRAWN = ["r50k_base", "cl100k_base", "o200k_base"];
/** Tokenizers drawn when `-t` names several. */
const MAX_DRAWN = 3;

/**
 * The default job (`toklab`, `npm start`): the built-in sample as three encodings cut it
 * (coloured on a terminal), the counts of every built-in encoding (or of `-t A,B`) side by side
 * with encodings that give the same ids on one row, and the commands to try next.
 */
export async function sampleCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("sample"));
  if (positionals.length > 0) {
    throw new CliError(
      `sample: unexpected argument "${positionals[0]}" (toklab --help lists the commands)`,
      2,
    );
  }
  const given = values.tokenizer as string[] | undefined;
  const names = given ?? listEncodings();
  const bytes = utf8Length(SAMPLE_TEXT);
  const chars = codePointLength(SAMPLE_TEXT);
  const rows: SampleRow[] = [];
  const tokenizers: Tokenizer[] = [];
  const idsOf: number[][] = [];
  for (const name of names) {
    const tok = await resolveTokenizer(name, tokenizerOptions(values));
    const ids = tok.encode(SAMPLE_TEXT, ORDINARY);
    const same = rows.findIndex((_, i) => sameIds(idsOf[i], ids));
    tokenizers.push(tok);
    idsOf.push(ids);
    rows.push({
      tokenizer: name,
      tokens: ids.length,
      bytes_per_token: round(bytes / ids.length),
      chars_per_token: round(chars / ids.length),
      round_trip: tok.decode(ids) === SAMPLE_TEXT,
      same_ids_as: same < 0 ? null : rows[same].tokenizer,
    });
  }
  if (values.json) {
    await writeOut(`${JSON.stringify({ sample: { bytes, chars }, tokenizers: rows }, null, 2)}\n`);
    return;
  }
  const color = useColor(process.stdout);
  const drawn =
    given === undefined
      ? DRAWN.map((n) => names.indexOf(n)).filter((i) => i >= 0)
      : rows
          .map((_, i) => i)
          .filter((i) => rows[i].same_ids_as === null)
          .slice(0, MAX_DRAWN);
  const parts = [
    `The built-in sample (${bytes} bytes, ${chars} characters) as ${drawn.length === 1 ? "a tokenizer cuts" : `${drawn.length} tokenizers cut`} it` +
      (color
        ? " (each colour a token; underlined: tokens that split a character):"
        : " (| between tokens; ₂ ₃: tokens that split a character):"),
  ];
  for (const i of drawn) {
    parts.push(
      "",
      `${rows[i].tokenizer}${models(rows[i].tokenizer)}: ${rows[i].tokens} tokens`,
      renderPieces(groupTokens(tokenizers[i], idsOf[i]), color).replace(/\n$/, ""),
    );
  }
  const distinct = rows.filter((r) => r.same_ids_as === null);
  const header = ["tokenizer", "tokens", "bytes/token", "chars/token", "round trip"];
  const body = distinct.map((r) => [
    r.tokenizer +
      rows
        .filter((o) => o.same_ids_as === r.tokenizer)
        .map((o) => ` = ${o.tokenizer}`)
        .join(""),
    String(r.tokens),
    r.bytes_per_token.toFixed(2),
    r.chars_per_token.toFixed(2),
    r.round_trip ? "ok" : "FAILED",
  ]);
  parts.push("", "Tokens of the sample:", table([header, ...body]));
  const twins = rows.filter((r) => r.same_ids_as !== null);
  if (twins.length > 0) {
    parts.push("A = B: the same ids on this text, one row:");
    for (const t of twins) parts.push(`  ${twinNote(t, rows, tokenizers)}`);
  }
  parts.push(
    "",
    "Next:",
    '  toklab encode -t gpt-4o --text "your text" --tokens   how a text is cut',
    "  toklab count -t cl100k_base README.md                 the tokens of a file",
    "  toklab compare -t o200k_base,cl100k_base --builtin     tokenizers side by side",
    "  toklab list                                           the encodings and their models",
    "  toklab --help                                         every command",
  );
  await writeOut(`${parts.join("\n")}\n`);
}

/** Who uses the encodings the default job draws. */
const USED_BY: Readonly<Record<string, string>> = {
  r50k_base: "GPT-3 and, as gpt2, GPT-2",
  cl100k_base: "GPT-4 and GPT-3.5",
  o200k_base: "GPT-4o, GPT-4.1, GPT-5, o1, o3",
};

/** ` (used by ...)` for a drawn built-in encoding, else the first model names mapping to it. */
function models(name: string): string {
  if (USED_BY[name] !== undefined) return ` (${USED_BY[name]})`;
  const { names } = modelsOfEncoding(name);
  return names.length === 0 ? "" : ` (${names.slice(0, 3).join(", ")}${names.length > 3 ? "..." : ""})`;
}

/** Why two tokenizers with the same ids are two: their special tokens, or nothing. */
function twinNote(twin: SampleRow, rows: readonly SampleRow[], tokenizers: readonly Tokenizer[]): string {
  const a = tokenizers[rows.indexOf(twin)];
  const b = tokenizers[rows.findIndex((r) => r.tokenizer === twin.same_ids_as)];
  const specials = (t: Tokenizer) => Object.keys(t.specialTokens).length;
  const differ =
    JSON.stringify(Object.entries(a.specialTokens).sort()) !==
    JSON.stringify(Object.entries(b.specialTokens).sort());
  return differ
    ? `${twin.tokenizer} differs from ${twin.same_ids_as} only in its special tokens (${specials(a)} against ${specials(b)})`
    : `${twin.tokenizer} and ${twin.same_ids_as} are one encoding under two names`;
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
