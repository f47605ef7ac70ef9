/**
 * Markdown table. By default the first column is left-aligned and the others right-aligned
 * (they are numbers); `textColumns` left-aligns the first n columns instead.
 */
export function table(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  textColumns = 1,
): string {
  const align = headers.map((_, i) => (i < textColumns ? "---" : "---:"));
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(align), ...rows.map(line)].join("\n");
}

/** Three significant figures: enough for figures that vary by a few percent between runs. */
export function num(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return "–";
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

export function times(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? "–" : `${num(x)}×`;
}

export function ms(x: number | undefined): string {
  return x === undefined ? "–" : `${num(x)} ms`;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

export function int(n: number): string {
  return n.toLocaleString("en-US");
}

/** Table cells must not contain pipes or newlines. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ");
}

/**
 * The command a report names for its run: `npm run bench -- ARGS` without `--out PATH`, which
 * says where the report went, not what was measured (and may be a machine's absolute path,
 * which the repository must not hold).
 *
 * @example
 * benchCommand(["--hf", "--out", "/tmp/x.md"]); // "`npm run bench -- --hf`"
 */
export function benchCommand(argv: readonly string[], script = "bench"): string {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") i++;
    else args.push(argv[i]);
  }
  return `\`npm run ${script}${args.length ? ` -- ${args.join(" ")}` : ""}\``;
}
